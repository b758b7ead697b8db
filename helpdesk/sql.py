"""SQL that SQLite and PostgreSQL spell differently: for the reports durations, day and week
buckets, and percentiles; for searches a list of ids in one parameter. Each is one expression
type compiled for the database at hand, so a query reads the same on both."""

import json
import math
from collections.abc import Sequence

import numpy as np
from sqlalchemy import Float, String, TypeDecorator, bindparam, literal_column
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.functions import FunctionElement


class seconds_between(FunctionElement):
    """Seconds from `start` to `end`, two timestamp columns (a float; NULL if either is)."""

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between)
def _seconds_postgresql(element, compiler, **kw):
    start, end = (compiler.process(argument, **kw) for argument in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element, compiler, **kw):
    start, end = (compiler.process(argument, **kw) for argument in element.clauses)
    # julianday() is a float of days: good to about a millisecond, so round there.
    return f"round((julianday({end}) - julianday({start})) * 86400.0, 3)"


class _among(FunctionElement):
    """`column IN` the integers of a JSON array parameter (no Boolean type: SQLite would get
    `... = 1` appended, which its planner cannot use)."""

    name = "among"
    inherit_cache = True


@compiles(_among)
def _among_postgresql(element, compiler, **kw):
    column, array = (compiler.process(argument, **kw) for argument in element.clauses)
    # ANY(ARRAY(...)): the ids are read first and each row fetched by the index, where the
    # planner would hash-join a scan of the whole table (a search page: 30 -> 17 ms a query).
    return (
        f"{column} = ANY(ARRAY(SELECT CAST(jsonb_array_elements_text(CAST({array} AS jsonb))"
        " AS integer)))"
    )


@compiles(_among, "sqlite")
def _among_sqlite(element, compiler, **kw):
    column, array = (compiler.process(argument, **kw) for argument in element.clauses)
    return f"{column} IN (SELECT value FROM json_each({array}))"


def insert_for(dialect_name: str, model) -> Insert:
    """An INSERT with ON CONFLICT for the database at hand: both databases have the clause,
    and SQLAlchemy spells it through each dialect's own insert()."""
    return (postgresql if dialect_name == "postgresql" else sqlite).insert(model)


def among(column, ids: list[int]) -> _among:
    """`column IN (ids)` with the ids as one JSON parameter: thousands of ids cost one bind
    and one cached statement, not a placeholder each."""
    return _among(column, bindparam(None, json.dumps(ids), type_=String()))


class day_of(FunctionElement):
    """The UTC day of a timestamp as 'YYYY-MM-DD'."""

    type = String()
    name = "day_of"
    inherit_cache = True


@compiles(day_of)
def _day_postgresql(element, compiler, **kw):
    return f"to_char(timezone('UTC', {compiler.process(element.clauses, **kw)}), 'YYYY-MM-DD')"


@compiles(day_of, "sqlite")
def _day_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)})"


class week_of(FunctionElement):
    """The Monday (UTC) of a timestamp's ISO week as 'YYYY-MM-DD'."""

    type = String()
    name = "week_of"
    inherit_cache = True


@compiles(week_of)
def _week_postgresql(element, compiler, **kw):
    column = compiler.process(element.clauses, **kw)
    return f"to_char(date_trunc('week', timezone('UTC', {column})), 'YYYY-MM-DD')"


@compiles(week_of, "sqlite")
def _week_sqlite(element, compiler, **kw):
    # 'weekday 0' moves forward to the Sunday ending the week (or stays on it); six days back
    # is that week's Monday.
    return f"date({compiler.process(element.clauses, **kw)}, 'weekday 0', '-6 days')"


class _PercentilesOf(TypeDecorator):
    """The result of `percentiles`: a tuple, one value a fraction (None for an empty group).
    SQLite has no percentile aggregate: it returns the group's values as one comma-separated
    text (group_concat, in C), and the percentiles are taken here, from the values sorted by
    numpy: a Python aggregate called once per row took 2 of the 3 seconds of a year's
    outcomes over a million tickets. The values travel as whole thousandths (durations are
    kept to the millisecond): SQLite writes an integer three times faster than a float, and
    numpy reads integers ten times faster (a year at a million tickets: 0.8 -> 0.2 s). On
    PostgreSQL, percentile_cont of an array of fractions returns an array."""

    impl = String  # no conversion on the way out: a text (SQLite) or a list (PostgreSQL)
    cache_ok = True

    def __init__(self, fractions: tuple[float, ...]) -> None:
        super().__init__()
        self.fractions = fractions

    def process_result_value(self, value, dialect):
        if value is None:
            return (None,) * len(self.fractions)
        if not isinstance(value, str):
            return tuple(value)  # PostgreSQL's
        return percentiles_of(value, self.fractions)


class percentiles(FunctionElement):
    """The `fractions` percentiles of a numeric column over the group, each interpolated
    between the two nearest values (PostgreSQL's percentile_cont; on SQLite the same from the
    group's values, see `_PercentilesOf`), as a tuple: the values are gathered and sorted
    once for all of them. NULLs are left out; Nones for an empty group."""

    name = "percentiles"
    inherit_cache = True

    def __init__(self, column, *fractions: float):
        if not fractions or not all(0 <= fraction <= 1 for fraction in fractions):
            raise ValueError("a percentile's fraction is between 0 and 1")
        # Written into the SQL, not bound: PostgreSQL wants the fractions as constants.
        written = ", ".join(repr(float(fraction)) for fraction in fractions)
        super().__init__(column, literal_column(f"ARRAY[{written}]"))
        self.type = _PercentilesOf(tuple(float(fraction) for fraction in fractions))


@compiles(percentiles)
def _percentiles_postgresql(element, compiler, **kw):
    column, fractions = (compiler.process(argument, **kw) for argument in element.clauses)
    return f"percentile_cont({fractions}) WITHIN GROUP (ORDER BY {column})"


@compiles(percentiles, "sqlite")
def _percentiles_sqlite(element, compiler, **kw):
    return _group_thousandths_sqlite(compiler.process(element.clauses.clauses[0], **kw))


class thousandths(FunctionElement):
    """The group's values of a numeric column (seconds) as whole thousandths in one
    comma-separated text, NULLs left out (NULL for none): what the report roll-ups keep of a
    day's durations, so that a period's percentiles are taken from every value, exactly, by
    `percentiles_of` over the days' texts joined (`joined`)."""

    type = String()
    name = "thousandths"
    inherit_cache = True


@compiles(thousandths)
def _thousandths_postgresql(element, compiler, **kw):
    column = compiler.process(element.clauses, **kw)
    whole = f"CAST(round(CAST(({column}) AS numeric) * 1000) AS bigint)"
    return f"string_agg(CAST({whole} AS text), ',')"


@compiles(thousandths, "sqlite")
def _thousandths_sqlite(element, compiler, **kw):
    return _group_thousandths_sqlite(compiler.process(element.clauses, **kw))


def _group_thousandths_sqlite(column: str) -> str:
    return f"group_concat(CAST(round(({column}) * 1000.0) AS INTEGER))"


class joined(FunctionElement):
    """The group's texts joined with commas, NULLs left out (NULL for none)."""

    type = String()
    name = "joined"
    inherit_cache = True


@compiles(joined)
def _joined_postgresql(element, compiler, **kw):
    return f"string_agg({compiler.process(element.clauses, **kw)}, ',')"


@compiles(joined, "sqlite")
def _joined_sqlite(element, compiler, **kw):
    return f"group_concat({compiler.process(element.clauses, **kw)})"


def percentiles_of(thousandths_text: str | None, fractions: Sequence[float]) -> tuple:
    """The `fractions` percentiles, in seconds, of comma-separated whole thousandths (a
    `thousandths` or `joined` text); Nones when there are none."""
    if not thousandths_text:
        return (None,) * len(fractions)
    values = np.fromstring(thousandths_text, dtype=np.int64, sep=",")
    last = len(values) - 1
    # Only the values either side of each percentile's position need be in their sorted
    # place: a partition does that in linear time (a year's half million values: 5x faster).
    lows = [math.floor(fraction * last) for fraction in fractions]
    values = np.partition(values, sorted({*lows, *(min(low + 1, last) for low in lows)}))
    return tuple(interpolated(values, fraction) / 1000 for fraction in fractions)


def median(column) -> percentiles:
    """The median alone: a 1-tuple."""
    return percentiles(column, 0.5)


def spread(column) -> percentiles:
    """The median and the 90th percentile: a 2-tuple."""
    return percentiles(column, 0.5, 0.9)


def interpolated(values: Sequence[float], fraction: float) -> float | None:
    """percentile_cont over sorted values (or values with those either side of the position
    in their sorted place): the value at position fraction * (n - 1)."""
    if len(values) == 0:
        return None
    position = fraction * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return float(values[low] + (values[high] - values[low]) * (position - low))

"""SQL that SQLite and PostgreSQL spell differently: for the reports durations, day and week
buckets, and percentiles; for searches a list of ids in one parameter. Each is one expression
type compiled for the database at hand, so a query reads the same on both."""

import json
import math
from collections.abc import Sequence

import numpy as np
from sqlalchemy import Float, String, TypeDecorator, bindparam, literal_column
from sqlalchemy.ext.compiler import compiles
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


class _PercentileOf(TypeDecorator):
    """The result of a percentile. SQLite has no percentile aggregate: it returns the group's
    values as one comma-separated text (group_concat, in C), and the percentile is taken here,
    from the values sorted by numpy: a Python aggregate called once per row took 2 of the 3
    seconds of a year's outcomes over a million tickets."""

    impl = Float
    cache_ok = True

    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction

    def process_result_value(self, value, dialect):
        if not isinstance(value, str):
            return value  # PostgreSQL's percentile_cont, or NULL for an empty group
        values = np.sort(np.array(value.split(","), dtype=np.float64))
        return interpolated(values, self.fraction)


class percentile(FunctionElement):
    """The `fraction` percentile of a numeric column over the group, interpolated between the
    two nearest values (PostgreSQL's percentile_cont; on SQLite the same from the group's
    values, see `_PercentileOf`). NULLs are left out; NULL for an empty group."""

    name = "percentile"
    inherit_cache = True

    def __init__(self, column, fraction: float):
        if not 0 <= fraction <= 1:
            raise ValueError("a percentile's fraction is between 0 and 1")
        # Written into the SQL, not bound: PostgreSQL wants the fraction as a constant.
        super().__init__(column, literal_column(repr(float(fraction))))
        self.type = _PercentileOf(float(fraction))


@compiles(percentile)
def _percentile_postgresql(element, compiler, **kw):
    column, fraction = (compiler.process(argument, **kw) for argument in element.clauses)
    return f"percentile_cont({fraction}) WITHIN GROUP (ORDER BY {column})"


@compiles(percentile, "sqlite")
def _percentile_sqlite(element, compiler, **kw):
    column = compiler.process(element.clauses.clauses[0], **kw)
    # REAL prints with 15 significant digits: exact for durations rounded to the millisecond.
    return f"group_concat({column})"


def median(column) -> percentile:
    return percentile(column, 0.5)


def p90(column) -> percentile:
    return percentile(column, 0.9)


def interpolated(values: Sequence[float], fraction: float) -> float | None:
    """percentile_cont over sorted values: the value at position fraction * (n - 1)."""
    if len(values) == 0:
        return None
    position = fraction * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return float(values[low] + (values[high] - values[low]) * (position - low))

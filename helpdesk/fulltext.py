"""Ranked full-text search over a title and a body, the same way for every area that has one.

SQLite: an FTS5 table over the two columns, kept in step by triggers (see the migrations),
ranked with bm25. PostgreSQL: a stored tsvector column (search_fts) with a GIN index, in which
the title weighs more (A) than the body (B), ranked with ts_rank. Any of the words may match;
more and rarer words rank higher, so a customer's sentence ("my card was charged twice") still
finds the answer.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, Select, column, func, literal_column, select, table, text

from helpdesk.extensions import db

MAX_TERMS = 12
RELEVANT_SHARE = 0.5  # suggestions score at least this share of the best match's score
MIN_WORD = 2
# Highlight markers the database puts around matches; swapped for <mark> after escaping.
START, STOP = "\x02", "\x03"
ENGLISH = literal_column("'english'::regconfig")
# PostgreSQL's English stop words (Snowball's list) and a few of our own: the same words are
# ignored on both databases, so a word counts as searchable, or not, on either.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further had hadn't has hasn't have haven't
    having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll
    i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
    not of off on once only or other ought our ours ourselves out over own same shan't she
    she'd she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those through
    to too under until up very was wasn't we we'd we'll we're we've were weren't what what's
    when when's where where's which while who who's whom why why's will with won't would
    wouldn't you you'd you'll you're you've your yours yourself yourselves
    s t just don should now hi hello please thanks thank""".split()
)


def words_of(query: str) -> list[str]:
    """The words worth searching for: lowercased, without stop words."""
    words = re.findall(r"\w+", query.lower())
    meaningful = [word for word in words if len(word) >= MIN_WORD and word not in STOP_WORDS]
    return list(dict.fromkeys(meaningful))[:MAX_TERMS]


def highlighted(marked: str | None) -> Markup:
    """Escape text from the database, then turn its match markers into <mark> elements."""
    safe = str(escape(marked or ""))
    return Markup(safe.replace(START, "<mark>").replace(STOP, "</mark>"))


@dataclass(frozen=True)
class TextIndex:
    """One searchable kind of row: its model, the FTS5 table's name, and the two columns."""

    model: type
    fts_table: str
    title: ColumnElement
    body: ColumnElement

    def vector(self):
        # PostgreSQL: the weighted vector (title A, body B) is a stored generated column under
        # the GIN index (migration b7c9d1e3f5a7), so ranking does not parse every match.
        return literal_column(f"{self.model.__tablename__}.search_fts")


def ranked(index: TextIndex, base: Select, words: list[str]) -> tuple[Select, ColumnElement]:
    """`base` (a select of the model) narrowed to rows matching any of the words, with their
    highlighted title and snippet added, best first; and the score column."""
    model = index.model
    if db.engine.dialect.name == "postgresql":
        query = func.websearch_to_tsquery(ENGLISH, " or ".join(words))
        marks = f'StartSel="{START}", StopSel="{STOP}"'
        title = func.ts_headline(ENGLISH, index.title, query, f"{marks}, HighlightAll=true")
        snippet = func.ts_headline(
            ENGLISH,
            index.body,
            query,
            f'{marks}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "',
        )
        score = func.ts_rank(index.vector(), query)
        statement = base.where(index.vector().op("@@")(query))
    else:
        fts = table(index.fts_table, column("rowid"))
        match = " OR ".join(f'"{word}"' for word in words)
        # bm25 is lower for better matches; negated, higher is better as with ts_rank.
        score = literal_column(f"-bm25({index.fts_table}, 8.0, 1.0)")
        title = literal_column(f"highlight({index.fts_table}, 0, char(2), char(3))")
        snippet = literal_column(f"snippet({index.fts_table}, 1, char(2), char(3), '…', 24)")
        statement = base.join(fts, fts.c.rowid == model.id).where(
            text(f"{index.fts_table} MATCH :fts_match").bindparams(fts_match=match)
        )
    statement = statement.add_columns(
        title.label("title"), snippet.label("snippet"), score.label("score")
    ).order_by(score.desc(), model.id)
    return statement, score


def best(index: TextIndex, base: Select, query: str, limit: int = 5) -> list:
    """The few rows that match a question best: the top match, and those that score at least
    half as well (a passing mention of one word is not an answer)."""
    words = words_of(query)
    if not words:
        return []
    statement, score = ranked(index, base, words)
    scored = db.session.execute(statement.with_only_columns(index.model, score).limit(limit)).all()
    if not scored:
        return []
    top = scored[0][1]
    return [row for row, row_score in scored if row_score >= top * RELEVANT_SHARE]


def count_of(statement: Select, model) -> int:
    """How many rows a select finds."""
    return db.session.scalar(
        select(func.count()).select_from(
            statement.order_by(None).with_only_columns(model.id).subquery()
        )
    )

"""Full-text search over published articles, ranked by relevance, with highlighted snippets.

The same approach as ticket search: SQLite FTS5 (`article_fts`, kept in step by triggers)
ranked with bm25, PostgreSQL a GIN index over a weighted tsvector ranked with ts_rank. A title
match weighs more than a body match. Any of the words may match; more and rarer words rank
higher, so a customer's sentence ("my card was charged twice") still finds the answer.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import column, func, literal_column, select, table, text

from helpdesk.extensions import db
from helpdesk.kb.catalogue import count_of, published
from helpdesk.kb.models import Article

MAX_TERMS = 12
RELEVANT_SHARE = 0.5  # suggestions score at least this share of the best match's score
MIN_WORD = 2
# Highlight markers the database puts around matches; swapped for <mark> after escaping.
START, STOP = "\x02", "\x03"
ENGLISH = literal_column("'english'::regconfig")
_article_fts = table("article_fts", column("rowid"))
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


@dataclass(frozen=True)
class Hit:
    """One article found, with its title and a snippet where the matches are marked."""

    article: Article
    title: Markup
    snippet: Markup


def highlighted(marked: str | None) -> Markup:
    """Escape text from the database, then turn its match markers into <mark> elements."""
    safe = str(escape(marked or ""))
    return Markup(safe.replace(START, "<mark>").replace(STOP, "</mark>"))


def _sqlite(words: list[str]):
    match = " OR ".join(f'"{word}"' for word in words)
    matches = text("article_fts MATCH :article_match").bindparams(article_match=match)
    # bm25 is lower for better matches; negated, higher is better as with ts_rank.
    score = literal_column("-bm25(article_fts, 8.0, 1.0)")
    title = literal_column("highlight(article_fts, 0, char(2), char(3))")
    snippet = literal_column("snippet(article_fts, 1, char(2), char(3), '…', 24)")
    statement = (
        published()
        .add_columns(title.label("title"), snippet.label("snippet"), score.label("score"))
        .join(_article_fts, _article_fts.c.rowid == Article.id)
        .where(matches)
        .order_by(score.desc(), Article.id)
    )
    return statement, score


def _vector():
    # Written as in the migration's GIN index, so PostgreSQL uses it.
    return func.setweight(func.to_tsvector(ENGLISH, Article.title), literal_column("'A'")).op("||")(
        func.setweight(func.to_tsvector(ENGLISH, Article.body_text), literal_column("'B'"))
    )


def _postgres(words: list[str]):
    query = func.websearch_to_tsquery(ENGLISH, " or ".join(words))
    matches = _vector().op("@@")(query)
    marks = f'StartSel="{START}", StopSel="{STOP}", HighlightAll=true'
    title = func.ts_headline(ENGLISH, Article.title, query, marks)
    snippet = func.ts_headline(
        ENGLISH,
        Article.body_text,
        query,
        f'StartSel="{START}", StopSel="{STOP}", MaxWords=40, MinWords=20, MaxFragments=2, '
        'FragmentDelimiter=" … "',
    )
    score = func.ts_rank(_vector(), query)
    statement = (
        published()
        .add_columns(title.label("title"), snippet.label("snippet"), score.label("score"))
        .where(matches)
        .order_by(score.desc(), Article.id)
    )
    return statement, score


def _statement(words: list[str]):
    if db.engine.dialect.name == "postgresql":
        return _postgres(words)
    return _sqlite(words)


def search(query: str, *, page: int = 1, per_page: int = 10) -> tuple[list[Hit], int]:
    """Published articles matching the query, best first, and how many match in all."""
    words = words_of(query)
    if not words:
        return [], 0
    statement, _ = _statement(words)
    total = count_of(statement)
    rows = db.session.execute(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return [
        Hit(article, highlighted(title), highlighted(snippet))
        for article, title, snippet, _ in rows
    ], total


def best_matches(query: str, limit: int = 5) -> list[Article]:
    """The few published articles that answer a question best: the top match, and those
    that score at least half as well (a passing mention of one word is not an answer)."""
    words = words_of(query)
    if not words:
        return []
    statement, score = _statement(words)
    scored = db.session.execute(statement.with_only_columns(Article, score).limit(limit)).all()
    if not scored:
        return []
    top = scored[0][1]
    return [article for article, score in scored if score >= top * RELEVANT_SHARE]


def covers(word: str) -> bool:
    """Whether any published article mentions the word (or a form of it)."""
    statement, _ = _statement([word])
    return db.session.scalar(select(statement.with_only_columns(Article.id).limit(1).exists()))

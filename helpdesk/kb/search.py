"""Search over published articles: ranked, with highlighted snippets (see helpdesk.fulltext)."""

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import Select, select

from helpdesk import fulltext
from helpdesk.extensions import db
from helpdesk.fulltext import STOP_WORDS, highlighted, words_of
from helpdesk.kb.catalogue import published
from helpdesk.kb.models import Article

__all__ = ["STOP_WORDS", "Hit", "best_matches", "covers", "search", "words_of"]
ARTICLES = fulltext.TextIndex(Article, "article_fts", Article.title, Article.body_text)


@dataclass(frozen=True)
class Hit:
    """One article found, with its title and a snippet where the matches are marked."""

    article: Article
    title: Markup
    snippet: Markup


def search(
    query: str, *, page: int = 1, per_page: int = 10, within: Select | None = None
) -> tuple[list[Hit], int]:
    """Articles matching the query, best first, and how many match in all: published ones,
    or those of `within` (a select of Article, such as staff's drafts of a category)."""
    words = words_of(query)
    if not words:
        return [], 0
    statement, _ = fulltext.ranked(ARTICLES, published() if within is None else within, words)
    total = fulltext.count_of(statement, Article)
    rows = db.session.execute(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return [
        Hit(article, highlighted(title), highlighted(snippet))
        for article, title, snippet, _ in rows
    ], total


def best_matches(query: str, limit: int = 5) -> list[Article]:
    """The published articles that answer a question best (suggestions, the ticket panel)."""
    return fulltext.best(ARTICLES, published(), query, limit)


def covers(word: str) -> bool:
    """Whether any published article mentions the word (or a form of it)."""
    statement, _ = fulltext.ranked(ARTICLES, published(), [word])
    return db.session.scalar(select(statement.with_only_columns(Article.id).limit(1).exists()))

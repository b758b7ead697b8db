"""Knowledge-base operations: writing articles, reading them, votes, and suggestions shown."""

import re
import secrets
import unicodedata
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from helpdesk import clock, markup
from helpdesk.auth.models import User
from helpdesk.errors import Conflict, Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.kb import search
from helpdesk.kb.models import Article, ArticleFeedback, ArticleStatus, Suggestion
from helpdesk.page_cache import UNCOUNTED
from helpdesk.sql import insert_for
from helpdesk.tickets import categories
from helpdesk.tickets import service as tickets
from helpdesk.tickets.history import record

MAX_SLUG = 80
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Words the knowledge base's own pages use after /kb/; no article may take them.
RESERVED_SLUGS = frozenset({"new", "search", "suggest", "preview", "categories"})
SUGGESTIONS = 5
EDITED_MEANWHILE = (
    "Someone else saved this article while you were editing. Your text is below: open the "
    "article in another tab to compare, then save again to keep yours."
)


def slugify(title: str) -> str:
    """A readable address from a title: "Where is my parcel?" -> "where-is-my-parcel"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug or "article"


def _free_slug(base: str) -> str:
    """`base`, or `base-2` ... `base-20`, whichever no article (or page) has yet; past that,
    a random suffix (one query either way, however many articles share a title)."""
    candidates = [base, *(f"{base}-{number}" for number in range(2, 21))]
    taken = set(db.session.scalars(select(Article.slug).where(Article.slug.in_(candidates))))
    for candidate in candidates:
        if candidate not in taken | RESERVED_SLUGS:
            return candidate
    return f"{base}-{secrets.token_hex(3)}"


def _chosen_slug(wanted: str, article: Article | None = None) -> str:
    """A slug staff typed: well formed, not a page's name, and not another article's."""
    if not SLUG.fullmatch(wanted) or len(wanted) > MAX_SLUG:
        raise Invalid(
            "Use lower-case letters, digits and hyphens, like where-is-my-parcel.", field="slug"
        )
    if wanted in RESERVED_SLUGS:
        raise Invalid(f"“{wanted}” is the name of a page; choose another.", field="slug")
    other = db.session.scalar(select(Article).where(Article.slug == wanted))
    if other is not None and other is not article:
        raise Invalid("Another article has this address.", field="slug")
    return wanted


def get(slug: str) -> Article:
    """An article by its slug, draft or published, or NotFound."""
    if not SLUG.fullmatch(slug) or len(slug) > MAX_SLUG + 10:
        raise NotFound("There is no such article.")
    article = db.session.scalar(select(Article).where(Article.slug == slug))
    if article is None:
        raise NotFound("There is no such article.")
    return article


def article_for(viewer: User, slug: str) -> Article:
    """An article this viewer may read: drafts only for staff (for anyone else, no such page)."""
    article = get(slug)
    if not article.is_published and not (viewer.is_authenticated and viewer.is_staff):
        raise NotFound("There is no such article.")
    return article


def _write(
    article: Article,
    *,
    title: str,
    body: str,
    category_id: int | None,
    tags: Sequence[str],
    status: str,
) -> None:
    if status not in set(ArticleStatus):
        raise Invalid("Choose draft or published.", field="status")
    if category_id is not None:
        try:
            categories.get(category_id)
        except NotFound:
            raise Invalid("Choose a category from the list.", field="category") from None
    names = tickets.tag_names(tags)
    now = clock.now()
    article.title = title.strip()
    article.body_markdown = body
    article.body_html = markup.render(body, markup.ARTICLE)
    article.body_text = markup.plain_text(article.body_html)
    article.category_id = category_id
    article.tags = tickets.tags_named(names)
    article.updated_at = now
    if status == ArticleStatus.PUBLISHED and article.published_at is None:
        article.published_at = now
    article.status = status


def _commit(article: Article) -> Article:
    try:
        db.session.commit()
    except IntegrityError:  # another article took the slug a moment ago
        db.session.rollback()
        raise Invalid("Another article has this address.", field="slug") from None
    except StaleDataError:  # another save of the same version committed first
        db.session.rollback()
        raise Conflict(EDITED_MEANWHILE) from None
    return article


def create_article(
    *,
    author: User,
    title: str,
    body: str,
    category_id: int | None = None,
    tags: Sequence[str] = (),
    status: str = ArticleStatus.DRAFT,
    slug: str | None = None,
    source_ticket_number: int | None = None,
) -> Article:
    """A new article; written from a ticket, it is linked to it and the ticket's history says so."""
    article = Article(author_id=author.id)
    article.slug = _chosen_slug(slug) if slug else _free_slug(slugify(title))
    _write(article, title=title, body=body, category_id=category_id, tags=tags, status=status)
    db.session.add(article)
    if source_ticket_number is not None:
        ticket = tickets.ticket_for(author, source_ticket_number)
        article.source_ticket_id = ticket.id
        db.session.flush()
        record(ticket, author, "faq_written", title=article.title, slug=article.slug)
    return _commit(article)


def update_article(
    *,
    article: Article,
    actor: User,
    version: int | None,
    title: str,
    body: str,
    category_id: int | None = None,
    tags: Sequence[str] = (),
    status: str = ArticleStatus.DRAFT,
    slug: str | None = None,
) -> Article:
    """Save an edit. The address can change only while the article is a draft: once
    published, links to it are out in the world. An edit of an older version is refused."""
    if version is not None and version != article.version:
        raise Conflict(EDITED_MEANWHILE)
    new_slug = article.slug
    if slug and slug != article.slug:
        if article.published_at is not None:
            raise Invalid("A published article keeps its address.", field="slug")
        new_slug = _chosen_slug(slug, article)
    _write(article, title=title, body=body, category_id=category_id, tags=tags, status=status)
    article.slug = new_slug
    return _commit(article)


def record_view(article: Article) -> None:
    """One more reader (staff reading or editing are not counted by the view)."""
    db.session.execute(
        update(Article)
        .where(Article.id == article.id)
        .values(view_count=Article.view_count + 1)
        .execution_options(synchronize_session=False, **{UNCOUNTED: True})
    )
    db.session.commit()


def give_feedback(*, article: Article, visitor: str, helpful: bool) -> None:
    """Count a visitor's "Was this helpful?" once; a changed mind moves their vote."""
    if not article.is_published:
        raise NotFound("There is no such article.")
    previous = db.session.scalar(
        select(ArticleFeedback).where(
            ArticleFeedback.article_id == article.id, ArticleFeedback.visitor == visitor
        )
    )
    if previous is not None and previous.helpful == helpful:
        return
    counts = {"helpful_yes": Article.helpful_yes, "helpful_no": Article.helpful_no}
    change = {"helpful_yes" if helpful else "helpful_no": 1}
    if previous is None:
        db.session.add(ArticleFeedback(article_id=article.id, visitor=visitor, helpful=helpful))
    else:
        previous.helpful = helpful
        previous.at = clock.now()
        change["helpful_no" if helpful else "helpful_yes"] = -1
    try:
        db.session.flush()
    except IntegrityError:  # the same visitor's other tab won the race; that vote counts
        db.session.rollback()
        return
    db.session.execute(
        update(Article)
        .where(Article.id == article.id)
        .values({name: counts[name] + step for name, step in change.items()})
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _insert_new(rows: list[dict]) -> None:
    """Insert suggestion rows, skipping those a form was already shown."""
    db.session.execute(
        insert_for(db.engine.dialect.name, Suggestion)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["form_key", "article_id"])
        .execution_options(**{UNCOUNTED: True})
    )


def suggest(
    *, query: str, customer: User | None = None, form_key: str | None = None
) -> list[Article]:
    """Articles answering what a customer is typing. Shown on a customer's new-ticket form
    (its key given), each is remembered once, so reports can tell whether it deflected."""
    articles = search.best_matches(query, SUGGESTIONS)
    if articles and form_key and customer is not None and customer.role == "customer":
        now = clock.now()
        _insert_new(
            [
                {
                    "article_id": article.id,
                    "customer_id": customer.id,
                    "form_key": form_key[:64],
                    "query": query[:200],
                    "shown_at": now,
                }
                for article in articles
            ]
        )
        db.session.commit()
    return articles


def suggestion_opened(*, article: Article, customer: User, form_key: str) -> None:
    """The customer followed a suggestion from their new-ticket form."""
    db.session.execute(
        update(Suggestion)
        .where(
            Suggestion.form_key == form_key[:64],
            Suggestion.article_id == article.id,
            Suggestion.customer_id == customer.id,
            Suggestion.opened_at.is_(None),
        )
        .values(opened_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()

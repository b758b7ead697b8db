"""What the knowledge base's pages list: articles by category, most read, latest, related."""

from dataclasses import dataclass

from sqlalchemy import Select, case, func, select

from helpdesk.extensions import db
from helpdesk.kb.models import Article, ArticleStatus, article_tags
from helpdesk.tickets.models import Category
from helpdesk.web import Page

PER_CATEGORY = 6
RELATED = 5


@dataclass(frozen=True)
class Shelf:
    """A category on the front page: its most read articles and how many it has in all."""

    category: Category | None
    articles: list[Article]
    total: int


def count_of(statement: Select) -> int:
    """How many rows a select of articles finds."""
    return db.session.scalar(
        select(func.count()).select_from(
            statement.order_by(None).with_only_columns(Article.id).subquery()
        )
    )


def _page(statement: Select, page: int, per_page: int) -> Page:
    items = db.session.scalars(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items, page, per_page, count_of(statement))


def published() -> Select:
    return select(Article).where(Article.status == ArticleStatus.PUBLISHED)


def shelves(per_category: int = PER_CATEGORY) -> list[Shelf]:
    """Every category with published articles, in the categories' order, then the rest."""
    ranked = (
        select(
            Article.id,
            func.row_number()
            .over(
                partition_by=Article.category_id,
                order_by=(Article.view_count.desc(), Article.title),
            )
            .label("place"),
            func.count().over(partition_by=Article.category_id).label("total"),
        )
        .where(Article.status == ArticleStatus.PUBLISHED)
        .subquery()
    )
    rows = db.session.execute(
        select(Article, ranked.c.total)
        .join(ranked, ranked.c.id == Article.id)
        .outerjoin(Category, Category.id == Article.category_id)
        .where(ranked.c.place <= per_category)
        .order_by(
            case((Category.id.is_(None), 1), else_=0),
            Category.position,
            Category.name,
            ranked.c.place,
        )
    ).all()
    found: dict[int | None, Shelf] = {}
    for article, total in rows:
        shelf = found.setdefault(article.category_id, Shelf(article.category, [], total))
        shelf.articles.append(article)
    return list(found.values())


def most_viewed(limit: int = 5) -> list[Article]:
    return db.session.scalars(
        published().order_by(Article.view_count.desc(), Article.id).limit(limit)
    ).all()


def recently_updated(limit: int = 5) -> list[Article]:
    return db.session.scalars(
        published().order_by(Article.updated_at.desc(), Article.id.desc()).limit(limit)
    ).all()


def in_category(category_id: int, page: int, per_page: int) -> Page:
    """A category's published articles by title, one page of them."""
    statement = published().where(Article.category_id == category_id)
    return _page(statement.order_by(Article.title, Article.id), page, per_page)


def related(article: Article, limit: int = RELATED) -> list[Article]:
    """Published articles sharing the most tags with this one, then its category's most read."""
    tag_ids = [tag.id for tag in article.tags]
    shared = (
        select(func.count())
        .select_from(article_tags)
        .where(article_tags.c.article_id == Article.id, article_tags.c.tag_id.in_(tag_ids))
        .scalar_subquery()
    )
    same_category = case((Article.category_id == article.category_id, 1), else_=0)
    statement = (
        published()
        .where(Article.id != article.id)
        .where((shared > 0) | (same_category == 1))
        .order_by(shared.desc(), same_category.desc(), Article.view_count.desc(), Article.id)
        .limit(limit)
    )
    return db.session.scalars(statement).all()


def staff_list(*, status: str | None, category_id: int | None, page: int, per_page: int) -> Page:
    """Every article for staff, drafts too, latest edited first."""
    statement = select(Article)
    if status:
        statement = statement.where(Article.status == status)
    if category_id:
        statement = statement.where(Article.category_id == category_id)
    statement = statement.order_by(Article.updated_at.desc(), Article.id.desc())
    return _page(statement, page, per_page)


def from_ticket(ticket_id: int) -> list[Article]:
    """Articles written from a ticket."""
    return db.session.scalars(
        select(Article).where(Article.source_ticket_id == ticket_id).order_by(Article.id)
    ).all()

"""Ticket categories: the admin's list, in their order."""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from helpdesk.errors import Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.tickets.models import Category


def active_categories() -> list[Category]:
    """Categories customers can choose, in order."""
    return db.session.scalars(
        select(Category).where(Category.active).order_by(Category.position, Category.name)
    ).all()


def all_categories() -> list[Category]:
    """Every category, hidden ones too, in order."""
    return db.session.scalars(select(Category).order_by(Category.position, Category.name)).all()


def get(category_id: int) -> Category:
    """One category, or NotFound."""
    category = db.session.get(Category, category_id)
    if category is None:
        raise NotFound("No such category.")
    return category


def _commit() -> None:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Invalid("A category with this name exists already.", field="name") from None


def add(*, name: str, position: int | None = None, description: str = "") -> Category:
    """A new category, placed last unless a position is given."""
    if position is None:
        position = (db.session.scalar(select(func.max(Category.position))) or 0) + 1
    category = Category(name=name.strip(), position=position, description=description.strip())
    db.session.add(category)
    _commit()
    return category


def update(
    *, category_id: int, name: str, position: int | None, description: str | None = None
) -> Category:
    """Rename, move or describe a category; tickets keep it."""
    category = get(category_id)
    category.name = name.strip()
    if position is not None:
        category.position = position
    if description is not None:
        category.description = description.strip()
    _commit()
    return category


def set_active(*, category_id: int, active: bool) -> Category:
    """Hide a category from new tickets (old tickets keep it), or show it again."""
    category = get(category_id)
    category.active = active
    _commit()
    return category

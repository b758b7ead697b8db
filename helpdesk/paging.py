"""Pages of long lists whose cost does not grow with the table.

A queue of a million tickets cannot be counted, or skipped through with OFFSET, on every
request. `bounded_page` counts up to a limit ("10,000+"), offers pages only within it, and
reads a page in two steps: the ids of the page by the list's index, then those rows (with
their eager joins) by primary key, so the skipped rows are never joined or loaded.
"""

from typing import Any

from sqlalchemy import Select, func, literal, select

from helpdesk.extensions import db
from helpdesk.web import Page

COUNT_LIMIT = 10_000


def bounded_page(
    statement: Select, entity: Any, page: int, per_page: int, limit: int | None = None
) -> Page:
    """Page `page` of `statement` (a sorted select of the mapped class `entity`, which has
    an `id`), counting at most `limit` rows (COUNT_LIMIT); pages past the limit are empty."""
    limit = limit or COUNT_LIMIT
    counted = (
        statement.with_only_columns(literal(1), maintain_column_froms=True)
        .order_by(None)
        .limit(limit + 1)
    )
    total = db.session.scalar(select(func.count()).select_from(counted.subquery()))
    offset = (page - 1) * per_page
    items = []
    if offset < min(total, limit):
        ids = db.session.scalars(
            statement.with_only_columns(entity.id, maintain_column_froms=True)
            .limit(min(per_page, limit - offset))
            .offset(offset)
        ).all()
        rows = db.session.scalars(select(entity).where(entity.id.in_(ids))).unique().all()
        position = {row_id: index for index, row_id in enumerate(ids)}
        items = sorted(rows, key=lambda row: position[row.id])
    return Page(items, page, per_page, min(total, limit), more=total > limit)

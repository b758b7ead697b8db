"""What the idea pages list: the board (sorted, filtered, searched), shipped ideas, triage."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import Select, case, func, select

from helpdesk import fulltext, sql
from helpdesk.extensions import db
from helpdesk.ideas.models import (
    Idea,
    IdeaCategory,
    IdeaComment,
    IdeaStatus,
    IdeaStatusChange,
    IdeaTicket,
    Notice,
    Vote,
)
from helpdesk.tickets.models import Ticket
from helpdesk.web import Page

IDEAS = fulltext.TextIndex(Idea, "idea_fts", Idea.title, Idea.body_text)
SORTS = ("top", "new", "trending")
TRENDING_DAYS = 14
SIMILAR = 5


def _page(statement: Select, page: int, per_page: int, counted: Select | None = None) -> Page:
    """A page of `statement`, counting `counted` (the same rows without the sort's joins)."""
    items = db.session.scalars(statement.limit(per_page).offset((page - 1) * per_page)).all()
    counted = statement if counted is None else counted
    return Page(items, page, per_page, fulltext.count_of(counted, Idea))


def open_ideas() -> Select:
    """Ideas on the board: every idea but merged duplicates."""
    return select(Idea).where(Idea.merged_into_id.is_(None))


def trending_score(now: datetime):
    """Votes of the last two weeks, the latest weighing most: 3 for the last 3 days, 2 for the
    rest of the week, 1 for the week before (computed over the recent votes only)."""
    since = now - timedelta(days=TRENDING_DAYS)
    weight = case(
        (Vote.created_at >= now - timedelta(days=3), 3),
        (Vote.created_at >= now - timedelta(days=7), 2),
        else_=1,
    )
    recent = (
        select(Vote.idea_id, func.sum(weight).label("score"))
        .where(Vote.created_at >= since)
        .group_by(Vote.idea_id)
        .subquery()
    )
    return recent


def trending_ids(now: datetime) -> list[int]:
    """The ideas voted for in the last two weeks, most trending first; ties go to the idea
    with more votes in all, then the newer.

    Scoring weighs the two weeks' votes, thousands on a busy board, so each worker keeps the
    order it found for the minute, until a vote is cast or taken back."""
    votes = db.session.execute(
        select(
            select(func.max(Vote.id)).scalar_subquery(),
            select(func.sum(Idea.vote_count)).scalar_subquery(),
        )
    ).one()
    key = (*votes, now.replace(second=0, microsecond=0))
    kept = current_app.extensions.get("ideas.trending")
    if kept is not None and kept[0] == key:
        return kept[1]
    recent = trending_score(now)
    ranked = db.session.scalars(
        select(Idea.id)
        .join(recent, recent.c.idea_id == Idea.id)
        .order_by(recent.c.score.desc(), Idea.vote_count.desc(), Idea.id.desc())
    ).all()
    current_app.extensions["ideas.trending"] = (key, ranked)
    return ranked


def _trending_page(statement: Select, page: int, per_page: int, now: datetime) -> Page:
    """A page of the board by trend: the ideas with recent votes in the trending order, then
    the others by votes in all, the newer first."""
    ranked = trending_ids(now)
    place = {idea_id: n for n, idea_id in enumerate(ranked)}
    recent = sql.among(Idea.id, ranked)
    rising = sorted(
        db.session.scalars(statement.with_only_columns(Idea.id).where(recent)),
        key=place.__getitem__,
    )
    start = (page - 1) * per_page
    shown = rising[start : start + per_page]
    by_id = {idea.id: idea for idea in db.session.scalars(select(Idea).where(Idea.id.in_(shown)))}
    items = [by_id[idea_id] for idea_id in shown if idea_id in by_id]  # deleted meanwhile
    if len(items) < per_page:
        items += db.session.scalars(
            statement.where(~recent)
            .order_by(Idea.vote_count.desc(), Idea.id.desc())
            .limit(per_page - len(items))
            .offset(max(0, start - len(rising)))
        ).all()
    return Page(items, page, per_page, fulltext.count_of(statement, Idea))


def board(
    *,
    sort: str,
    status: str | None,
    category_id: int | None,
    query: str,
    page: int,
    per_page: int,
    now: datetime,
) -> Page:
    """One page of the board."""
    statement = open_ideas()
    if status:
        statement = statement.where(Idea.status == status)
    if category_id:
        statement = statement.where(Idea.category_id == category_id)
    words = fulltext.words_of(query)
    if words:
        ranked, _ = fulltext.ranked(IDEAS, statement, words)
        statement = ranked.with_only_columns(Idea).order_by(None)
    if sort == "trending":
        return _trending_page(statement, page, per_page, now)
    counted = statement
    if sort == "new":
        statement = statement.order_by(Idea.created_at.desc(), Idea.id.desc())
    else:
        statement = statement.order_by(Idea.vote_count.desc(), Idea.created_at.desc(), Idea.id)
    return _page(statement, page, per_page, counted)


def similar(title: str) -> list[Idea]:
    """Ideas on the board like this title, so people vote instead of posting it again."""
    return fulltext.best(IDEAS, open_ideas(), title, SIMILAR)


def shipped(page: int, per_page: int) -> Page:
    """Done ideas, latest first: "You asked, we built it"."""
    statement = (
        open_ideas()
        .where(Idea.status == IdeaStatus.DONE)
        .order_by(Idea.done_at.desc(), Idea.id.desc())
    )
    return _page(statement, page, per_page)


def last_notes(ideas: list[Idea]) -> dict[int, IdeaStatusChange]:
    """The latest status note of each idea (for the shipped list), in one query."""
    ids = [idea.id for idea in ideas]
    if not ids:
        return {}
    latest = (
        select(func.max(IdeaStatusChange.id))
        .where(IdeaStatusChange.idea_id.in_(ids))
        .group_by(IdeaStatusChange.idea_id)
    )
    changes = db.session.scalars(select(IdeaStatusChange).where(IdeaStatusChange.id.in_(latest)))
    return {change.idea_id: change for change in changes}


def triage(page: int, per_page: int) -> Page:
    """New ideas nobody has reviewed yet, oldest first."""
    statement = (
        open_ideas()
        .where(Idea.status == IdeaStatus.NEW, Idea.reviewed_at.is_(None))
        .order_by(Idea.created_at, Idea.id)
    )
    return _page(statement, page, per_page)


def comments_of(idea: Idea) -> list[IdeaComment]:
    return db.session.scalars(
        select(IdeaComment)
        .where(IdeaComment.idea_id == idea.id)
        .order_by(IdeaComment.created_at, IdeaComment.id)
    ).all()


def history_of(idea: Idea) -> list[IdeaStatusChange]:
    return db.session.scalars(
        select(IdeaStatusChange)
        .where(IdeaStatusChange.idea_id == idea.id)
        .order_by(IdeaStatusChange.created_at, IdeaStatusChange.id)
    ).all()


def merged_into_this(idea: Idea) -> list[Idea]:
    return db.session.scalars(
        select(Idea).where(Idea.merged_into_id == idea.id).order_by(Idea.id)
    ).all()


def linked_ticket_ids(idea: Idea) -> list[int]:
    return db.session.scalars(
        select(IdeaTicket.ticket_id).where(IdeaTicket.idea_id == idea.id).order_by(IdeaTicket.id)
    ).all()


def customers_asking(idea: Idea) -> int:
    """How many different customers asked for the idea in the tickets linked to it."""
    return db.session.scalar(
        select(func.count(func.distinct(Ticket.customer_id)))
        .join(IdeaTicket, IdeaTicket.ticket_id == Ticket.id)
        .where(IdeaTicket.idea_id == idea.id)
    )


def categories() -> list[IdeaCategory]:
    return db.session.scalars(
        select(IdeaCategory).order_by(IdeaCategory.position, IdeaCategory.name)
    ).all()


def notices_of(user_id: int, limit: int = 50) -> list[Notice]:
    return db.session.scalars(
        select(Notice)
        .where(Notice.user_id == user_id)
        .order_by(Notice.created_at.desc(), Notice.id.desc())
        .limit(limit)
    ).all()


def unread_notices(user_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notice)
        .where(Notice.user_id == user_id, Notice.read_at.is_(None))
    )

"""The agents' queue: saved views, filters and sorting, all in one SQL query."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, case, select

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.sql import among
from helpdesk.tickets.models import Priority, Ticket, in_active_status
from helpdesk.tickets.search import Matches, find


@dataclass(frozen=True)
class SavedView:
    """A named set of filters shown in the queue's navigation."""

    slug: str
    label: str
    filters: dict[str, str]


SAVED_VIEWS = (
    SavedView("unassigned", "Unassigned", {"assignee": "none", "status": "active"}),
    SavedView("mine", "Mine", {"assignee": "me", "status": "active"}),
    SavedView("open", "All open", {"status": "active"}),
    SavedView("pending", "Pending", {"status": "pending"}),
    SavedView("negative", "Negative mood", {"sentiment": "negative", "status": "active"}),
    SavedView(
        "breaching", "Breaching SLA", {"sla": "breaching", "status": "active", "sort": "sla"}
    ),
)

_priority_rank = case(
    {priority.value: priority.rank for priority in Priority}, value=Ticket.priority
)
SORTS = {
    "created": (Ticket.created_at.desc(), Ticket.id.desc()),
    "oldest": (Ticket.created_at.asc(), Ticket.id.asc()),
    "updated": (Ticket.updated_at.desc(), Ticket.id.desc()),
    "priority": (_priority_rank.desc(), Ticket.created_at.asc(), Ticket.id.asc()),
    "sla": (Ticket.sla_due_at.is_(None), Ticket.sla_due_at.asc(), Ticket.id.asc()),
}


@dataclass(frozen=True)
class QueueFilters:
    """What the agent asked the queue for; empty values filter nothing."""

    status: str = "active"
    assignee: str = ""
    priority: str = ""
    category: int | None = None
    sentiment: str = ""
    channel: str = ""
    sla: str = ""
    created_from: date | None = None
    created_to: date | None = None
    q: str = ""
    sort: str = "created"


def _start_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def queue_query(filters: QueueFilters, viewer: User, matches: Matches | None = None) -> Select:
    """The tickets matching the filters, sorted; paginate it in SQL. `matches` is the search
    of `filters.q` if the caller ran it already."""
    statement = select(Ticket)
    if filters.status == "active":
        statement = statement.where(in_active_status())
    elif filters.status != "any":
        statement = statement.where(Ticket.status == filters.status)
    if filters.assignee == "me":
        statement = statement.where(Ticket.assignee_id == viewer.id)
    elif filters.assignee == "none":
        statement = statement.where(Ticket.assignee_id.is_(None))
    elif filters.assignee.isdecimal() and len(filters.assignee) < 10:
        statement = statement.where(Ticket.assignee_id == int(filters.assignee))
    for column, value in (
        (Ticket.priority, filters.priority),
        (Ticket.category_id, filters.category),
        (Ticket.last_sentiment, filters.sentiment),
        (Ticket.channel, filters.channel),
    ):
        if value:
            statement = statement.where(column == value)
    if filters.sla == "breaching":
        statement = statement.where(Ticket.sla_due_at <= clock.now())
    if filters.created_from:
        statement = statement.where(Ticket.created_at >= _start_of(filters.created_from))
    if filters.created_to:
        statement = statement.where(
            Ticket.created_at < _start_of(filters.created_to) + timedelta(days=1)
        )
    if filters.q and matches is None:
        matches = find(filters.q)
    if matches is not None:
        statement = statement.where(among(Ticket.id, matches.ticket_ids))
    return statement.order_by(*SORTS.get(filters.sort, SORTS["created"]))


def active_view(args: dict[str, str]) -> str | None:
    """The saved view whose filters are exactly those in the query string, if any."""
    given = {key: value for key, value in args.items() if value and key != "page"}
    for view in SAVED_VIEWS:
        wanted = dict(view.filters)
        if given == wanted or given == {k: v for k, v in wanted.items() if k != "sort"}:
            return view.slug
    return None

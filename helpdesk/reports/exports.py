"""CSV exports of the dashboard's filter: one row per ticket with its facts, and the survey
answers. Rows are read in batches and written as they come, so memory stays flat whatever
the period; text that a spreadsheet would run as a formula is made inert."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import Engine, Row, Select, case, exists, func, select
from sqlalchemy.orm import aliased

from helpdesk.auth.models import User
from helpdesk.playbooks.models import PlaybookRun
from helpdesk.reports.metrics import Filter, cut, during, response_cut, sla_met
from helpdesk.sql import seconds_between
from helpdesk.surveys.models import SurveyResponse
from helpdesk.tickets.models import Category, Ticket

BATCH = 1000
# A cell starting with one of these is a formula (or the start of one) to spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """Text a spreadsheet would evaluate gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, float):
        return f"{value:.2f}"
    return inert(value)


def csv_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text, one line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(value) for value in row])
        yield buffer.getvalue()


def _hours(start, end):
    return seconds_between(start, end) / 3600.0


Customer = aliased(User)
Assignee = aliased(User)
Agent = aliased(User)

TICKET_COLUMNS = {
    "number": Ticket.id,
    "subject": Ticket.subject,
    "status": Ticket.status,
    "priority": Ticket.priority,
    "channel": Ticket.channel,
    "category": Category.name,
    "customer_name": Customer.name,
    "customer_email": Customer.email,
    "assignee": Assignee.name,
    "created_at": Ticket.created_at,
    "first_reply_at": Ticket.first_reply_at,
    "resolved_at": Ticket.resolved_at,
    "closed_at": Ticket.closed_at,
    "first_reply_hours": _hours(Ticket.created_at, Ticket.first_reply_at),
    "resolution_hours": _hours(Ticket.created_at, Ticket.resolved_at),
    "requester_wait_hours": Ticket.team_wait_seconds / 3600.0,
    "agent_replies": Ticket.agent_replies,
    "customer_followups": Ticket.customer_followups,
    "reopen_count": Ticket.reopen_count,
    "first_sentiment": Ticket.first_sentiment,
    "last_sentiment": Ticket.last_sentiment,
    "first_reply_due_at": Ticket.first_reply_due_at,
    "resolution_due_at": Ticket.resolution_due_at,
    "sla_met": case((Ticket.resolved_at.is_(None), None), (sla_met(), "yes"), else_="no"),
    "checklist_completed": case(
        (
            exists().where(
                PlaybookRun.ticket_id == Ticket.id, PlaybookRun.completed_at.is_not(None)
            ),
            "yes",
        ),
        else_="no",
    ),
    "csat": SurveyResponse.csat,
    "nps": SurveyResponse.nps,
    "ces": SurveyResponse.ces,
    "survey_comment_sentiment": SurveyResponse.sentiment_label,
}


def rows_of(engine: Engine, statement: Select) -> Iterator[Row]:
    """The statement's rows, fetched in batches on a connection of its own that is closed when
    the rows run out or the reader stops (the download may outlive the request's session)."""
    with engine.connect() as connection:
        yield from connection.execution_options(yield_per=BATCH).execute(statement)


def ticket_rows(f: Filter) -> tuple[list[str], Select]:
    """The tickets created in the period and cut, oldest first, with their facts and the
    scores of their latest survey answer."""
    answer = aliased(SurveyResponse)
    latest_answer = (
        select(func.max(answer.id))
        .where(answer.ticket_id == Ticket.id)
        .correlate(Ticket)
        .scalar_subquery()
    )
    statement = (
        select(*TICKET_COLUMNS.values())
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Assignee, Assignee.id == Ticket.assignee_id)
        .outerjoin(Category, Category.id == Ticket.category_id)
        .outerjoin(SurveyResponse, SurveyResponse.id == latest_answer)
        .where(during(Ticket.created_at, f), *cut(f))
        .order_by(Ticket.created_at, Ticket.id)
    )
    return list(TICKET_COLUMNS), statement


SURVEY_COLUMNS = {
    "answered_at": SurveyResponse.answered_at,
    "ticket_number": SurveyResponse.ticket_id,
    "ticket_subject": Ticket.subject,
    "agent": Agent.name,
    "category": Category.name,
    "csat": SurveyResponse.csat,
    "nps": SurveyResponse.nps,
    "ces": SurveyResponse.ces,
    "comment": SurveyResponse.comment,
    "comment_sentiment": SurveyResponse.sentiment_label,
}


def survey_rows(f: Filter) -> tuple[list[str], Select]:
    """The survey answers given in the period and cut, oldest first."""
    statement = (
        select(*SURVEY_COLUMNS.values())
        .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
        .outerjoin(Agent, Agent.id == SurveyResponse.agent_id)
        .outerjoin(Category, Category.id == SurveyResponse.category_id)
        .where(during(SurveyResponse.answered_at, f), *response_cut(f))
        .order_by(SurveyResponse.answered_at, SurveyResponse.id)
    )
    return list(SURVEY_COLUMNS), statement

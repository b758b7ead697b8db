"""CSV exports: one row per ticket in the filter, the survey answers, inert formulas."""

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from helpdesk import clock
from helpdesk.auth.models import AccountEvent
from helpdesk.extensions import db
from helpdesk.reports.exports import inert
from helpdesk.surveys import service as surveys
from helpdesk.surveys.models import SurveyInvitation
from helpdesk.tickets import service
from tests.factories import make_ticket, make_user


@pytest.fixture
def supervisor(login):
    client, _user = login("supervisor")
    return client


def rows_of(response) -> list[dict]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def resolved_by(agent, ticket, hours: float):
    service.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    start = clock.now()
    clock.advance(timedelta(hours=1))
    service.reply(ticket=ticket, author=agent, body="All sorted now.", kind="reply")
    clock.freeze(start + timedelta(hours=hours))
    service.change_status(ticket=ticket, actor=agent, status="resolved")
    return ticket


def test_ticket_export_has_one_row_per_ticket_in_the_period_with_its_facts(app, supervisor):
    agent = make_user("agent", name="Lena Fischer")
    clock.freeze(clock.now() - timedelta(days=60))
    make_ticket(subject="Too old for the last 30 days")
    clock.freeze(clock.now() + timedelta(days=58))
    ticket = resolved_by(agent, make_ticket(subject="Parcel lost"), hours=5)
    clock.advance(timedelta(days=2))

    response = supervisor.get("/reports/export.csv?period=30")

    rows = rows_of(response)
    assert [row["subject"] for row in rows] == ["Parcel lost"]
    row = rows[0]
    assert row["number"] == str(ticket.number)
    assert row["status"] == "resolved"
    assert row["assignee"] == "Lena Fischer"
    assert row["first_reply_hours"] == "1.00"
    assert row["resolution_hours"] == "5.00"
    assert row["agent_replies"] == "1"
    assert row["reopen_count"] == "0"
    assert row["first_sentiment"] in {"negative", "neutral", "positive"}
    assert row["sla_met"] == "yes"
    assert row["checklist_completed"] == "no"
    assert row["created_at"].endswith("Z")
    assert 'attachment; filename="tickets-' in response.headers["Content-Disposition"]


def test_export_is_streamed_not_built_in_memory(app, supervisor):
    make_ticket()

    response = supervisor.get("/reports/export.csv", buffered=False)

    assert response.is_streamed
    assert rows_of(response)


def test_export_respects_the_filters(app, supervisor):
    lena, sam = make_user("agent"), make_user("agent")
    resolved_by(lena, make_ticket(subject="For Lena"), hours=2)
    resolved_by(sam, make_ticket(subject="For Sam", priority="high"), hours=2)

    by_agent = rows_of(supervisor.get(f"/reports/export.csv?agent={lena.id}"))
    by_priority = rows_of(supervisor.get("/reports/export.csv?priority=high"))

    assert [row["subject"] for row in by_agent] == ["For Lena"]
    assert [row["subject"] for row in by_priority] == ["For Sam"]


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_made_inert(app, supervisor, text):
    customer = make_user("customer", name=text)
    make_ticket(customer=customer, subject=text)

    row = rows_of(supervisor.get("/reports/export.csv"))[0]

    assert row["customer_name"] == "'" + text
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


def test_inert_leaves_numbers_and_plain_text_alone():
    assert inert(-3) == -3
    assert inert("Parcel lost") == "Parcel lost"
    assert inert("=1+1") == "'=1+1"


def test_survey_export_lists_the_answers_given_in_the_period(app, supervisor):
    agent = make_user("agent", name="Sam Patel")
    ticket = resolved_by(agent, make_ticket(subject="Broken zip"), hours=3)
    invitation = db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.ticket_id == ticket.id)
    )
    clock.advance(timedelta(hours=2))
    surveys.answer(token=invitation.token, csat=2, nps=3, ces=6, comment="=cmd|' /C calc'!A0")

    rows = rows_of(supervisor.get("/reports/surveys.csv"))

    assert len(rows) == 1
    row = rows[0]
    assert (row["ticket_number"], row["agent"], row["csat"], row["nps"], row["ces"]) == (
        str(ticket.number),
        "Sam Patel",
        "2",
        "3",
        "6",
    )
    assert row["comment"] == "'=cmd|' /C calc'!A0"
    assert row["ticket_subject"] == "Broken zip"


def test_an_export_is_written_to_the_audit_log(app, login):
    client, supervisor = login("supervisor")

    client.get("/reports/export.csv?period=7")
    client.get("/reports/surveys.csv?period=7")

    events = db.session.scalars(
        select(AccountEvent).where(AccountEvent.type == "report_exported").order_by(AccountEvent.id)
    ).all()
    assert [event.data["export"] for event in events] == ["tickets", "survey answers"]
    assert all(event.actor_id == supervisor.id for event in events)
    assert events[0].data["query"] == "period=7"


def test_an_export_with_a_bad_filter_exports_nothing_and_says_why(app, supervisor):
    response = supervisor.get("/reports/export.csv?period=custom&from=2026-02-10&to=2026-02-01")

    assert response.status_code == 302
    page = supervisor.get(response.headers["Location"]).get_data(as_text=True)
    assert "Fix the filter before exporting; nothing was exported." in page
    assert "The end date comes before the start date." in page
    assert not db.session.scalar(select(AccountEvent).where(AccountEvent.type == "report_exported"))

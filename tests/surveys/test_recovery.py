"""Unhappy answers: the recovery queue, the check-in for the agent, closing a recovery."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from helpdesk import clock, resource_dir
from helpdesk.extensions import db
from helpdesk.playbooks import service as playbooks
from helpdesk.playbooks.models import CheckIn
from helpdesk.surveys import service
from helpdesk.surveys.models import Recovery, SurveyInvitation
from helpdesk.tickets import service as tickets
from helpdesk.tickets.models import TicketEvent
from tests.factories import make_ticket, make_user


@pytest.fixture
def agent(app):
    return make_user("agent", name="Sam Patel")


@pytest.fixture
def invitation(agent):
    playbooks.sync(resource_dir("playbooks"))
    ticket = make_ticket(subject="Zip broke")
    tickets.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    tickets.change_status(ticket=ticket, actor=agent, status="resolved")
    return db.session.scalar(select(SurveyInvitation))


@pytest.mark.parametrize(
    ("answer", "reasons"),
    [
        ({"csat": 1}, "CSAT 1 of 5"),
        ({"csat": 2, "nps": 9}, "CSAT 2 of 5"),
        ({"csat": 4, "nps": 6}, "NPS 6 of 10"),
        ({"csat": 3, "comment": "This was useless and slow, I am very angry."}, "negative comment"),
    ],
)
def test_an_unhappy_answer_flags_the_ticket_for_recovery(invitation, answer, reasons):
    service.answer(token=invitation.token, **answer)

    [recovery] = db.session.scalars(select(Recovery)).all()
    assert reasons in recovery.reasons and recovery.closed_at is None


@pytest.mark.parametrize(
    "answer", [{"csat": 3}, {"csat": 5, "nps": 7}, {"csat": 4, "comment": "All good, thanks"}]
)
def test_a_content_answer_flags_nothing(invitation, answer):
    service.answer(token=invitation.token, **answer)

    assert db.session.scalar(select(Recovery.id)) is None


def test_recovery_creates_a_check_in_for_the_agent_due_the_next_working_day(invitation, agent):
    clock.freeze(datetime(2026, 3, 6, 15, 0, tzinfo=clock.now().tzinfo))  # a Friday

    service.answer(token=invitation.token, csat=1)

    recovery = db.session.scalar(select(Recovery))
    check_in = db.session.get(CheckIn, recovery.check_in_id)
    assert check_in.assignee_id == agent.id and check_in.ticket_id == invitation.ticket_id
    assert check_in.due_at == datetime(2026, 3, 9, 9, 0, tzinfo=check_in.due_at.tzinfo)


def test_the_check_in_goes_to_the_agent_who_resolved_unless_they_left(invitation, agent):
    other = make_user("agent")
    tickets.assign(ticket=invitation.ticket, actor=other, assignee_id=other.id)
    agent.active = False
    db.session.commit()

    service.answer(token=invitation.token, csat=1)

    check_in = db.session.get(CheckIn, db.session.scalar(select(Recovery.check_in_id)))
    assert check_in.assignee_id == other.id


def test_an_unassigned_ticket_is_recovered_from_the_queue_without_a_check_in(app, login):
    ticket = make_ticket(subject="Unassigned parcel question")
    tickets.change_status(ticket=ticket, actor=make_user("agent"), status="resolved")
    token = db.session.scalar(select(SurveyInvitation.token))

    service.answer(token=token, csat=1)

    assert db.session.scalar(select(Recovery.check_in_id)) is None
    supervisor, _ = login("supervisor")
    assert "Unassigned parcel question" in supervisor.get("/agent/recovery").get_data(as_text=True)


def test_two_answers_at_the_same_moment_store_one(invitation, monkeypatch):
    service.answer(token=invitation.token, csat=5)
    # The second request read the invitation before the first committed.
    monkeypatch.setattr(service, "why_closed", lambda invitation, now: None)

    with pytest.raises(service.Closed):
        service.answer(token=invitation.token, csat=1)

    assert db.session.scalar(select(Recovery.id)) is None


def test_supervisors_see_the_recovery_queue_with_the_checklist_suggested(login, invitation):
    service.answer(token=invitation.token, csat=1, comment="Nobody listened to me.")
    supervisor, _ = login("supervisor")
    agent_browser, _ = login("agent")

    page = supervisor.get("/agent/recovery").get_data(as_text=True)

    assert "Zip broke" in page and "CSAT 1 of 5" in page and "Nobody listened to me." in page
    assert "The incident checklist was not run" in page
    assert agent_browser.get("/agent/recovery").status_code == 403


def test_a_ticket_that_ran_the_checklist_is_not_told_to_run_it(login, invitation, agent):
    [checklist] = [p for p in playbooks.current_playbooks() if p.slug == "difficult-customer"]
    playbooks.start_run(ticket=invitation.ticket, playbook_id=checklist.id, actor=agent)
    service.answer(token=invitation.token, csat=1)
    supervisor, _ = login("supervisor")

    page = supervisor.get("/agent/recovery").get_data(as_text=True)

    assert "Zip broke" in page and "The incident checklist was not run" not in page


def test_closing_a_recovery_records_what_was_done_and_empties_the_queue(login, invitation):
    service.answer(token=invitation.token, csat=1)
    recovery = db.session.scalar(select(Recovery))
    supervisor, boss = login("supervisor")

    empty = supervisor.post(f"/recovery/{recovery.id}/close", data={"outcome": " "})
    done = supervisor.post(
        f"/recovery/{recovery.id}/close", data={"outcome": "Called her; sent a new jacket."}
    )

    db.session.refresh(recovery)
    assert empty.status_code == 302 and done.status_code == 302
    assert recovery.closed_by_id == boss.id and recovery.outcome == "Called her; sent a new jacket."
    check_in = db.session.get(CheckIn, recovery.check_in_id)
    assert check_in.done_at is not None and check_in.done_by_id == boss.id
    again = supervisor.post(f"/recovery/{recovery.id}/close", data={"outcome": "Twice"})
    assert again.status_code == 302
    db.session.refresh(recovery)
    assert recovery.outcome == "Called her; sent a new jacket."
    assert "Zip broke" not in supervisor.get("/agent/recovery").get_data(as_text=True)
    event = db.session.scalar(select(TicketEvent).where(TicketEvent.type == "recovery_closed"))
    assert event.ticket_id == invitation.ticket_id


def test_staff_see_the_answer_and_the_customers_past_scores_on_the_ticket(login, invitation):
    customer = invitation.ticket.customer
    service.answer(token=invitation.token, csat=2, nps=3, comment="Took far too long.")
    clock.advance(timedelta(days=8))
    older = make_ticket(customer=customer, subject="Second problem")
    tickets.change_status(ticket=older, actor=make_user("agent"), status="resolved")
    second = db.session.scalars(select(SurveyInvitation).order_by(SurveyInvitation.id)).all()[-1]
    service.answer(token=second.token, csat=5)
    agent_browser, _ = login("agent")

    page = agent_browser.get(f"/tickets/{older.number}").get_data(as_text=True)

    assert "<strong>5</strong> of 5" in page
    assert "This customer's other scores" in page and "CSAT 2, NPS 3" in page
    first_page = agent_browser.get(f"/tickets/{invitation.ticket_id}").get_data(as_text=True)
    assert "Flagged for recovery" in first_page and "Took far too long." in first_page


def test_the_customer_never_sees_scores_or_recovery_on_their_ticket(login, invitation):
    service.answer(token=invitation.token, csat=1, comment="Awful.")
    customer = invitation.ticket.customer
    browser, _ = login("customer")
    browser.post("/logout")
    browser.post("/login", data={"email": customer.email, "password": "correct horse battery"})

    page = browser.get(f"/tickets/{invitation.ticket_id}").get_data(as_text=True)

    assert "Flagged for recovery" not in page and "Awful." not in page

"""The facts a ticket keeps for the reports, built up through the service as its history moves."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from helpdesk import clock
from helpdesk.errors import Conflict
from helpdesk.extensions import db
from helpdesk.tickets import service
from helpdesk.tickets.models import Message, Ticket
from tests.conftest import FIXED_NOW
from tests.factories import make_ticket, make_user

NEGATIVE_TEXT = "This is terrible, I am very angry and disappointed"
POSITIVE_TEXT = "Thank you so much, this is wonderful!"
NEUTRAL_TEXT = "I ordered a kettle last week and the parcel has not arrived."


def later(**delta) -> None:
    """Let time pass on the frozen clock."""
    clock.advance(timedelta(**delta))


def stored(ticket: Ticket) -> Ticket:
    """The ticket as the database holds it, not as this session remembers it."""
    db.session.expire_all()
    return db.session.get(Ticket, ticket.id)


def messages_of(ticket: Ticket) -> list[Message]:
    return db.session.scalars(
        select(Message).where(Message.ticket_id == ticket.id).order_by(Message.id)
    ).all()


@pytest.fixture
def customer(app):
    return make_user("customer", name="Cleo Customer")


@pytest.fixture
def agent(app):
    return make_user("agent", name="Ada Agent")


def staff_reply(ticket, agent, body="Thanks, I am looking into it.", **options):
    message, conflict = service.reply(
        ticket=ticket, author=agent, body=body, kind="reply", **options
    )
    assert conflict is None
    return message


def customer_reply(ticket, customer, body=NEUTRAL_TEXT):
    message, conflict = service.reply(ticket=ticket, author=customer, body=body)
    assert conflict is None
    return message


def move(ticket, actor, status, **options):
    return service.change_status(ticket=ticket, actor=actor, status=status, **options)


# first_reply_at


def test_first_reply_at_is_the_first_public_reply_and_a_note_does_not_count(customer, agent):
    ticket = make_ticket(customer)
    later(hours=1)
    service.reply(ticket=ticket, author=agent, body="Checking the courier.", kind="note")

    assert stored(ticket).first_reply_at is None
    assert ticket.status == "new"

    later(hours=1)
    staff_reply(ticket, agent)
    later(hours=1)
    staff_reply(ticket, agent, body="The courier has it.")

    ticket = stored(ticket)
    assert ticket.first_reply_at == FIXED_NOW + timedelta(hours=2)
    assert ticket.status == "open"


def test_a_ticket_never_answered_keeps_no_first_reply_even_when_resolved(customer, agent):
    ticket = make_ticket(customer)
    later(hours=1)
    customer_reply(ticket, customer, body="Any news?")
    service.reply(ticket=ticket, author=agent, body="Duplicate of another ticket.", kind="note")
    later(hours=1)
    move(ticket, agent, "resolved")

    ticket = stored(ticket)
    assert ticket.first_reply_at is None
    assert ticket.agent_replies == 0
    assert ticket.resolved_at == FIXED_NOW + timedelta(hours=2)


# resolved_at and closed_at


def test_resolved_at_is_the_latest_resolution_cleared_on_reopen(customer, agent):
    ticket = make_ticket(customer)
    later(hours=2)
    move(ticket, agent, "resolved")
    assert stored(ticket).resolved_at == FIXED_NOW + timedelta(hours=2)

    later(hours=3)
    move(ticket, agent, "open")
    ticket = stored(ticket)
    assert ticket.resolved_at is None
    assert ticket.closed_at is None

    later(hours=4)
    move(ticket, agent, "resolved")
    assert stored(ticket).resolved_at == FIXED_NOW + timedelta(hours=9)


def test_closing_a_resolved_ticket_keeps_its_resolution_time(customer, agent):
    ticket = make_ticket(customer)
    later(hours=1)
    move(ticket, agent, "resolved")
    later(days=2)
    move(ticket, agent, "closed")

    ticket = stored(ticket)
    assert ticket.status == "closed"
    assert ticket.resolved_at == FIXED_NOW + timedelta(hours=1)
    assert ticket.closed_at == FIXED_NOW + timedelta(days=2, hours=1)


def test_closing_an_open_ticket_resolves_it_at_the_same_moment(customer, agent):
    ticket = make_ticket(customer)
    later(hours=5)
    move(ticket, agent, "closed")

    ticket = stored(ticket)
    assert ticket.closed_at == FIXED_NOW + timedelta(hours=5)
    assert ticket.resolved_at == FIXED_NOW + timedelta(hours=5)


def test_reopening_a_closed_ticket_clears_resolution_and_closing(customer, agent):
    ticket = make_ticket(customer)
    later(hours=1)
    move(ticket, agent, "closed")
    later(hours=1)
    move(ticket, agent, "open")

    ticket = stored(ticket)
    assert (ticket.status, ticket.resolved_at, ticket.closed_at) == ("open", None, None)
    assert ticket.reopen_count == 1


def test_moving_a_closed_ticket_back_to_resolved_is_no_longer_closed(customer, agent):
    ticket = make_ticket(customer)
    later(hours=1)
    move(ticket, agent, "closed")
    later(hours=1)
    move(ticket, agent, "resolved")

    ticket = stored(ticket)
    assert ticket.status == "resolved"
    assert ticket.closed_at is None
    # No new resolution happened: the one made when it was closed still counts.
    assert ticket.resolved_at == FIXED_NOW + timedelta(hours=1)


# agent_replies


def test_agent_replies_counts_public_replies_before_the_latest_resolution(customer, agent):
    ticket = make_ticket(customer)
    later(minutes=10)
    staff_reply(ticket, agent)
    service.reply(ticket=ticket, author=agent, body="Asked the warehouse.", kind="note")
    later(minutes=10)
    staff_reply(ticket, agent, body="Found it, sending it today.", status="resolved")
    assert stored(ticket).agent_replies == 2

    later(hours=1)
    staff_reply(ticket, agent, body="One more thing: here is the tracking number.")
    ticket = stored(ticket)
    assert ticket.status == "resolved"
    assert ticket.agent_replies == 2  # a reply while resolved is not one it took to resolve

    later(hours=1)
    customer_reply(ticket, customer, body="The tracking number does not work.")
    later(minutes=5)
    staff_reply(ticket, agent, body="Try this one instead.")
    service.reply(ticket=ticket, author=agent, body="Customer seems fine now.", kind="note")
    move(ticket, agent, "resolved")

    assert stored(ticket).agent_replies == 3


def test_a_reply_that_resolves_a_pending_ticket_counts(customer, agent):
    ticket = make_ticket(customer)
    staff_reply(ticket, agent, body="Can you send the order number?", status="pending")
    staff_reply(ticket, agent, body="Found it myself, all sorted.", status="resolved")

    ticket = stored(ticket)
    assert ticket.status == "resolved"
    assert ticket.agent_replies == 2


# customer_followups


def test_customer_followups_count_messages_after_the_first_while_unresolved(customer, agent):
    ticket = make_ticket(customer)
    assert stored(ticket).customer_followups == 0

    later(hours=1)
    customer_reply(ticket, customer, body="Hello? Anyone there?")  # new
    staff_reply(ticket, agent)
    later(hours=1)
    customer_reply(ticket, customer, body="Any news?")  # open
    staff_reply(ticket, agent, body="Can you send a photo?", status="pending")
    later(hours=1)
    customer_reply(ticket, customer, body="Here it is.")  # pending, and back to open
    assert stored(ticket).customer_followups == 3

    move(ticket, agent, "resolved")
    later(hours=1)
    customer_reply(ticket, customer, body="It broke again.")  # resolved: a reopen instead

    ticket = stored(ticket)
    assert ticket.customer_followups == 3
    assert ticket.status == "open"


def test_an_agent_note_or_reply_is_never_a_customer_followup(customer, agent):
    ticket = make_ticket(customer)
    staff_reply(ticket, agent)
    service.reply(ticket=ticket, author=agent, body="Internal remark.", kind="note")

    assert stored(ticket).customer_followups == 0


# reopen_count


def test_reopen_count_counts_every_way_back_from_resolved_or_closed(customer, agent):
    ticket = make_ticket(customer)
    staff_reply(ticket, agent, status="resolved")
    later(hours=1)
    customer_reply(ticket, customer, body="It is not fixed.")  # 1: by replying
    assert stored(ticket).reopen_count == 1

    move(ticket, customer, "resolved")
    later(hours=1)
    move(ticket, customer, "open")  # 2: the customer reopens
    move(ticket, agent, "closed")
    later(hours=1)
    move(ticket, agent, "pending")  # 3: staff bring a closed ticket back

    ticket = stored(ticket)
    assert ticket.reopen_count == 3
    assert ticket.status == "pending"


def test_moves_between_active_statuses_are_not_reopens(customer, agent):
    ticket = make_ticket(customer)
    staff_reply(ticket, agent, status="pending")
    customer_reply(ticket, customer, body="Here is the order number.")
    move(ticket, agent, "pending")
    move(ticket, agent, "open")
    move(ticket, agent, "resolved")
    move(ticket, agent, "closed")

    assert stored(ticket).reopen_count == 0


# team_wait_seconds


def test_team_wait_adds_up_the_time_in_new_and_open_only(customer, agent):
    ticket = make_ticket(customer)  # new
    later(hours=1)
    staff_reply(ticket, agent)  # new -> open: still waiting on the team
    later(hours=2)
    move(ticket, agent, "pending")
    assert stored(ticket).team_wait_seconds == 3 * 3600

    later(hours=5)  # pending: waiting on the customer
    customer_reply(ticket, customer, body="Here is the photo.")  # back to open
    later(minutes=30)
    move(ticket, agent, "resolved")
    assert stored(ticket).team_wait_seconds == 3 * 3600 + 30 * 60

    later(hours=10)  # resolved: nobody waits
    customer_reply(ticket, customer, body="It stopped working again.")
    later(minutes=15)
    move(ticket, agent, "resolved")
    later(days=8)
    move(ticket, agent, "closed")

    assert stored(ticket).team_wait_seconds == 3 * 3600 + 45 * 60


def test_team_wait_counts_a_ticket_resolved_straight_from_new(customer, agent):
    ticket = make_ticket(customer)
    later(minutes=20)
    move(ticket, agent, "resolved")

    assert stored(ticket).team_wait_seconds == 20 * 60


# sentiment


def test_first_and_last_sentiment_follow_the_customers_messages(customer, agent):
    ticket = make_ticket(customer, body=NEGATIVE_TEXT)
    ticket = stored(ticket)
    assert (ticket.first_sentiment, ticket.last_sentiment) == ("negative", "negative")

    later(hours=1)
    staff_reply(ticket, agent, body="This is terrible, we are very sorry.")  # not the customer
    assert stored(ticket).last_sentiment == "negative"

    later(hours=1)
    customer_reply(ticket, customer, body=POSITIVE_TEXT)

    ticket = stored(ticket)
    assert (ticket.first_sentiment, ticket.last_sentiment) == ("negative", "positive")
    assert ticket.sentiment_label == "positive"


def test_a_customer_messages_sentiment_is_stored_on_the_message(customer, agent):
    ticket = make_ticket(customer, body=NEGATIVE_TEXT)
    later(minutes=1)
    staff_reply(ticket, agent, body="Thank you so much, this is wonderful!")
    later(minutes=1)
    customer_reply(ticket, customer, body=POSITIVE_TEXT)

    first, agent_message, last = messages_of(ticket)
    assert first.sentiment_label == "negative" and first.sentiment_polarity < -0.1
    assert 0 <= first.sentiment_subjectivity <= 1
    assert last.sentiment_label == "positive" and last.sentiment_polarity > 0.1
    assert first.corrected_label is None and first.effective_label == "negative"
    assert agent_message.sentiment_label is None and agent_message.sentiment_polarity is None


def test_an_agents_correction_is_kept_beside_the_machines_label(customer, agent):
    ticket = make_ticket(customer, body=NEGATIVE_TEXT)
    later(minutes=1)
    customer_reply(ticket, customer, body=POSITIVE_TEXT)
    first, last = messages_of(ticket)

    later(minutes=1)
    service.correct_sentiment(message_id=first.id, actor=agent, label="neutral")

    first = db.session.get(Message, first.id)
    assert first.sentiment_label == "negative"
    assert first.corrected_label == "neutral"
    assert first.corrected_by_id == agent.id
    assert first.corrected_at == FIXED_NOW + timedelta(minutes=2)
    assert first.effective_label == "neutral"
    ticket = stored(ticket)
    assert (ticket.first_sentiment, ticket.last_sentiment) == ("neutral", "positive")

    service.correct_sentiment(message_id=last.id, actor=agent, label="negative")

    ticket = stored(ticket)
    assert (ticket.first_sentiment, ticket.last_sentiment) == ("neutral", "negative")
    assert db.session.get(Message, last.id).sentiment_label == "positive"


# SLA


@pytest.fixture
def sla_hours(app):
    """Targets unlike the defaults, so the test proves they come from the configuration."""
    app.config["SLA_FIRST_REPLY_HOURS"] = {"urgent": 1, "high": 2, "normal": 3, "low": 5}
    app.config["SLA_RESOLUTION_HOURS"] = {"urgent": 10, "high": 20, "normal": 30, "low": 50}
    return app.config


@pytest.mark.parametrize("priority", ["low", "normal", "high", "urgent"])
def test_sla_due_times_come_from_the_priority_targets(sla_hours, customer, priority):
    ticket = stored(make_ticket(customer, priority=priority))

    first_reply_due = FIXED_NOW + timedelta(hours=sla_hours["SLA_FIRST_REPLY_HOURS"][priority])
    resolution_due = FIXED_NOW + timedelta(hours=sla_hours["SLA_RESOLUTION_HOURS"][priority])
    assert ticket.first_reply_due_at == first_reply_due
    assert ticket.resolution_due_at == resolution_due
    assert ticket.sla_due_at == first_reply_due


def test_sla_due_moves_to_resolution_after_the_first_reply_and_pauses(sla_hours, customer, agent):
    ticket = make_ticket(customer)  # normal: 3 hours to reply, 30 to resolve
    first_reply_due = FIXED_NOW + timedelta(hours=3)
    resolution_due = FIXED_NOW + timedelta(hours=30)

    later(hours=1)
    service.reply(ticket=ticket, author=agent, body="Looking.", kind="note")
    assert stored(ticket).sla_due_at == first_reply_due

    staff_reply(ticket, agent)
    assert stored(ticket).sla_due_at == resolution_due

    move(ticket, agent, "pending")
    assert stored(ticket).sla_due_at is None

    later(hours=1)
    customer_reply(ticket, customer, body="Here is the receipt.")
    assert stored(ticket).sla_due_at == resolution_due

    move(ticket, agent, "resolved")
    assert stored(ticket).sla_due_at is None

    customer_reply(ticket, customer, body="Still broken.")
    ticket = stored(ticket)
    assert ticket.sla_due_at == resolution_due
    assert (ticket.first_reply_due_at, ticket.resolution_due_at) == (
        first_reply_due,
        resolution_due,
    )


def test_pending_before_any_reply_pauses_the_first_reply_clock(sla_hours, customer, agent):
    ticket = make_ticket(customer)
    move(ticket, agent, "pending")
    assert stored(ticket).sla_due_at is None

    move(ticket, agent, "open")
    assert stored(ticket).sla_due_at == FIXED_NOW + timedelta(hours=3)


def test_changing_the_priority_recomputes_the_sla_from_creation(sla_hours, customer, agent):
    ticket = make_ticket(customer)
    later(hours=2)
    service.update_properties(
        ticket=ticket, actor=agent, priority="urgent", category_id=ticket.category_id
    )

    ticket = stored(ticket)
    assert ticket.first_reply_due_at == FIXED_NOW + timedelta(hours=1)
    assert ticket.resolution_due_at == FIXED_NOW + timedelta(hours=10)
    assert ticket.sla_due_at == FIXED_NOW + timedelta(hours=1)

    staff_reply(ticket, agent)
    service.update_properties(
        ticket=ticket, actor=agent, priority="low", category_id=ticket.category_id
    )

    ticket = stored(ticket)
    assert ticket.first_reply_due_at == FIXED_NOW + timedelta(hours=5)
    assert ticket.resolution_due_at == FIXED_NOW + timedelta(hours=50)
    assert ticket.sla_due_at == FIXED_NOW + timedelta(hours=50)


def test_changing_the_priority_of_a_pending_ticket_keeps_the_sla_paused(sla_hours, customer, agent):
    ticket = make_ticket(customer)
    staff_reply(ticket, agent, status="pending")
    service.update_properties(
        ticket=ticket, actor=agent, priority="high", category_id=ticket.category_id
    )

    ticket = stored(ticket)
    assert ticket.sla_due_at is None
    assert ticket.resolution_due_at == FIXED_NOW + timedelta(hours=20)


# version conflicts


def test_a_status_change_from_a_stale_version_names_who_changed_what(customer, agent):
    colleague = make_user("agent", name="Bo Colleague")
    ticket = make_ticket(customer)
    seen = ticket.version
    move(ticket, colleague, "pending")

    with pytest.raises(Conflict) as raised:
        move(ticket, agent, "resolved", version=seen)

    assert "Bo Colleague changed the status from new to pending" in raised.value.message
    ticket = stored(ticket)
    assert ticket.status == "pending"
    assert ticket.resolved_at is None


def test_a_status_change_from_the_current_version_goes_through(customer, agent):
    ticket = make_ticket(customer)

    move(ticket, agent, "resolved", version=ticket.version)

    assert stored(ticket).status == "resolved"


def test_a_reply_from_a_stale_version_keeps_the_message_but_not_the_status(customer, agent):
    colleague = make_user("agent", name="Bo Colleague")
    ticket = make_ticket(customer)
    seen = ticket.version
    move(ticket, colleague, "pending")

    message, conflict = service.reply(
        ticket=ticket,
        author=agent,
        body="Sorted, closing this.",
        kind="reply",
        status="resolved",
        version=seen,
    )

    assert isinstance(conflict, Conflict)
    assert "Bo Colleague changed the status from new to pending" in conflict.message
    assert [m.body for m in messages_of(ticket)][-1] == "Sorted, closing this."
    assert message.id is not None
    ticket = stored(ticket)
    assert ticket.status == "pending"
    assert ticket.resolved_at is None
    assert ticket.agent_replies == 1  # the reply itself still counts


def test_a_reply_from_the_current_version_changes_the_status(customer, agent):
    ticket = make_ticket(customer)

    _, conflict = service.reply(
        ticket=ticket,
        author=agent,
        body="Sorted.",
        kind="reply",
        status="resolved",
        version=ticket.version,
    )

    assert conflict is None
    assert stored(ticket).status == "resolved"

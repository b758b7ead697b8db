"""`flask tickets close-stale` and `flask sentiment retag` (thresholds, with the rules alone)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.tickets import batch, service
from helpdesk.tickets.models import Message, Ticket, TicketEvent
from tests.factories import make_ticket, make_user

MILDLY_NEGATIVE_TEXT = "It is a bit slow."  # polarity -0.3
STRONGLY_NEGATIVE_TEXT = "This is the worst service ever."  # polarity -1.0
POSITIVE_TEXT = "Thank you so much, this is wonderful!"


@pytest.fixture
def agent(app):
    return make_user("agent")


def stored(ticket: Ticket) -> Ticket:
    db.session.expire_all()
    return db.session.get(Ticket, ticket.id)


def auto_closed_events() -> list[TicketEvent]:
    return db.session.scalars(
        select(TicketEvent).where(TicketEvent.type == "auto_closed").order_by(TicketEvent.id)
    ).all()


def resolved_ticket(agent) -> Ticket:
    ticket = make_ticket()
    service.change_status(ticket=ticket, actor=agent, status="resolved")
    return ticket


# close-stale


def test_close_stale_closes_only_tickets_resolved_long_enough_ago(app, runner, agent):
    days = app.config["AUTO_CLOSE_DAYS"]
    stale = resolved_ticket(agent)
    clock.advance(timedelta(days=days - 1))
    recent = resolved_ticket(agent)
    still_open = make_ticket()
    waiting = make_ticket()
    service.change_status(ticket=waiting, actor=agent, status="pending")
    clock.advance(timedelta(days=1, minutes=1))

    result = runner.invoke(args=["tickets", "close-stale"])

    assert result.exit_code == 0, result.output
    assert result.output == f"Closed 1 ticket resolved over {days} days ago.\n"
    stale = stored(stale)
    assert stale.status == "closed"
    assert stale.closed_at == clock.now()
    assert stale.resolved_at == clock.now() - timedelta(days=days, minutes=1)
    assert stored(recent).status == "resolved" and recent.closed_at is None
    assert stored(still_open).status == "new"
    assert stored(waiting).status == "pending"
    [event] = auto_closed_events()
    assert event.ticket_id == stale.id and event.actor_id is None
    assert event.data["after_days"] == days
    assert event.at == clock.now()


def test_close_stale_leaves_a_ticket_resolved_exactly_the_limit_ago(app, runner, agent):
    ticket = resolved_ticket(agent)
    clock.advance(timedelta(days=app.config["AUTO_CLOSE_DAYS"]))

    result = runner.invoke(args=["tickets", "close-stale"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Closed 0 tickets ")
    assert stored(ticket).status == "resolved"


def test_close_stale_twice_closes_nothing_more(app, runner, agent):
    days = app.config["AUTO_CLOSE_DAYS"]
    first, second = resolved_ticket(agent), resolved_ticket(agent)
    clock.advance(timedelta(days=days + 1))

    once = runner.invoke(args=["tickets", "close-stale"])
    closed_at = stored(first).closed_at
    clock.advance(timedelta(hours=1))
    twice = runner.invoke(args=["tickets", "close-stale"])

    assert once.output == f"Closed 2 tickets resolved over {days} days ago.\n"
    assert twice.exit_code == 0, twice.output
    assert twice.output == f"Closed 0 tickets resolved over {days} days ago.\n"
    assert stored(first).closed_at == closed_at
    assert stored(second).status == "closed"
    assert len(auto_closed_events()) == 2


def test_close_stale_days_option_overrides_the_setting(app, runner, agent):
    app.config["AUTO_CLOSE_DAYS"] = 30
    ticket = resolved_ticket(agent)
    clock.advance(timedelta(days=3))

    default = runner.invoke(args=["tickets", "close-stale"])
    assert default.output == "Closed 0 tickets resolved over 30 days ago.\n"

    result = runner.invoke(args=["tickets", "close-stale", "--days", "2"])

    assert result.exit_code == 0, result.output
    assert result.output == "Closed 1 ticket resolved over 2 days ago.\n"
    assert stored(ticket).status == "closed"
    assert auto_closed_events()[0].data["after_days"] == 2


def test_close_stale_works_through_several_batches(app, agent):
    tickets = [resolved_ticket(agent) for _ in range(3)]
    clock.advance(timedelta(days=10))

    closed = batch.close_stale(days=7, batch_size=1)

    assert closed == 3
    assert {stored(ticket).status for ticket in tickets} == {"closed"}
    assert batch.close_stale(days=7, batch_size=1) == 0


# sentiment retag


def messages_of(ticket: Ticket) -> list[Message]:
    return db.session.scalars(
        select(Message).where(Message.ticket_id == ticket.id).order_by(Message.id)
    ).all()


@pytest.mark.usefixtures("rules_only")
def test_retag_applies_new_thresholds_to_messages_and_tickets(app, runner, agent):
    ticket = make_ticket(body=MILDLY_NEGATIVE_TEXT)
    service.reply(ticket=ticket, author=agent, body="Sorry, this is a bit slow.", kind="reply")
    assert (stored(ticket).first_sentiment, ticket.last_sentiment) == ("negative", "negative")
    app.config["SENTIMENT_NEGATIVE"] = -0.9

    result = runner.invoke(args=["sentiment", "retag"])

    assert result.exit_code == 0, result.output
    assert "Retagged 1 messages with model rules.\n" in result.output  # not the agent's reply
    customer_message, agent_message = messages_of(ticket)
    assert customer_message.sentiment_label == "neutral"
    assert customer_message.sentiment_polarity == pytest.approx(-0.3)
    assert agent_message.sentiment_label is None
    ticket = stored(ticket)
    assert (ticket.first_sentiment, ticket.last_sentiment) == ("neutral", "neutral")


@pytest.mark.usefixtures("rules_only")
def test_retag_keeps_agents_corrections(app, runner, agent):
    ticket = make_ticket(body=MILDLY_NEGATIVE_TEXT)
    service.reply(ticket=ticket, author=ticket.customer, body=STRONGLY_NEGATIVE_TEXT)
    first, last = messages_of(ticket)
    service.correct_sentiment(message_id=last.id, actor=agent, label="positive")
    app.config["SENTIMENT_NEGATIVE"] = -0.9

    result = runner.invoke(args=["sentiment", "retag"])

    assert result.exit_code == 0, result.output
    first, last = messages_of(ticket)
    assert first.sentiment_label == "neutral"
    assert last.sentiment_label == "negative"  # -1.0 is still below -0.9
    assert last.corrected_label == "positive"
    ticket = stored(ticket)
    assert (ticket.first_sentiment, ticket.last_sentiment) == ("neutral", "positive")


@pytest.mark.usefixtures("rules_only")
def test_retag_in_batches_of_one_covers_every_message(app, runner, agent):
    mild = make_ticket(body=MILDLY_NEGATIVE_TEXT)
    service.reply(ticket=mild, author=mild.customer, body=POSITIVE_TEXT)
    service.reply(ticket=mild, author=mild.customer, body=MILDLY_NEGATIVE_TEXT)
    strong = make_ticket(body=STRONGLY_NEGATIVE_TEXT)
    service.reply(ticket=strong, author=strong.customer, body=MILDLY_NEGATIVE_TEXT)
    app.config["SENTIMENT_NEGATIVE"] = -0.9

    result = runner.invoke(args=["sentiment", "retag", "--batch-size", "1"])

    assert result.exit_code == 0, result.output
    assert "Retagged 5 messages with model rules.\n" in result.output
    assert [m.sentiment_label for m in messages_of(mild)] == ["neutral", "positive", "neutral"]
    assert [m.sentiment_label for m in messages_of(strong)] == ["negative", "neutral"]
    mild, strong = stored(mild), stored(strong)
    assert (mild.first_sentiment, mild.last_sentiment) == ("neutral", "neutral")
    assert (strong.first_sentiment, strong.last_sentiment) == ("negative", "neutral")


@pytest.mark.usefixtures("rules_only")
def test_retag_with_no_messages_says_none(runner):
    result = runner.invoke(args=["sentiment", "retag"])

    assert result.exit_code == 0, result.output
    assert "Retagged 0 messages with model rules.\n" in result.output
    assert "Retagged 0 survey comments." in result.output

"""Emails a ticket change causes: queued in the outbox with the change, delivered over SMTP."""

from sqlalchemy import select

from helpdesk.extensions import db
from helpdesk.outbox import service as outbox
from helpdesk.outbox.models import OutboxEmail
from helpdesk.tickets import service
from tests.factories import make_ticket, make_user


def queued() -> list[tuple[str, str, str]]:
    rows = db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id))
    return [(email.kind, email.to_address, email.subject) for email in rows]


def test_agent_reply_emails_the_customer_but_a_note_does_not(app):
    agent = make_user("agent")
    customer = make_user("customer", email="cara@example.com")
    ticket = make_ticket(customer=customer, subject="Broken zip")

    service.reply(ticket=ticket, author=agent, body="Checking with the warehouse.", kind="note")
    service.reply(ticket=ticket, author=agent, body="A new zip is on its way.", kind="reply")

    assert queued() == [
        ("ticket_reply", "cara@example.com", f"[#{ticket.number}] New reply: Broken zip")
    ]


def test_resolving_emails_the_customer(app):
    agent = make_user("agent")
    ticket = make_ticket(subject="Broken zip")

    service.change_status(ticket=ticket, actor=agent, status="resolved")

    [(kind, to, subject)] = [email for email in queued() if email[0] != "survey_invitation"]
    assert kind == "ticket_resolved" and to == ticket.customer.email
    assert subject == f"[#{ticket.number}] Resolved: Broken zip"


def test_customer_reply_emails_the_assigned_agent_only(app):
    agent = make_user("agent", email="sam@example.com")
    customer = make_user("customer")
    unassigned = make_ticket(customer=customer)
    assigned = make_ticket(customer=customer, subject="Late parcel")
    service.assign(ticket=assigned, actor=agent, assignee_id=agent.id)

    service.reply(ticket=unassigned, author=customer, body="Any news?")
    service.reply(ticket=assigned, author=customer, body="Any news?")

    assert queued() == [
        (
            "ticket_customer_reply",
            "sam@example.com",
            f"[#{assigned.number}] Customer replied: Late parcel",
        )
    ]


def test_assignment_emails_the_new_assignee_unless_they_took_it_themselves(app):
    supervisor = make_user("supervisor", name="Sue Pervisor")
    agent = make_user("agent", email="sam@example.com")
    ticket = make_ticket(subject="Late parcel")

    service.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    assert queued() == []
    service.assign(ticket=ticket, actor=supervisor, assignee_id=supervisor.id)
    service.assign(ticket=ticket, actor=supervisor, assignee_id=agent.id)

    assert queued() == [
        ("ticket_assigned", "sam@example.com", f"[#{ticket.number}] Assigned to you: Late parcel")
    ]


def test_email_is_not_queued_when_the_change_fails(app):
    agent = make_user("agent")
    customer = make_user("customer")
    ticket = make_ticket(customer=customer)
    service.change_status(ticket=ticket, actor=agent, status="closed")
    before = queued()

    try:
        service.reply(ticket=ticket, author=customer, body="Hello again")
    except Exception:
        db.session.rollback()

    assert queued() == before


def test_reply_email_arrives_over_smtp_with_link_and_both_parts(app, smtp_config, login):
    browser, agent = login("agent")
    customer = make_user("customer", name="Cara Client", email="cara@example.com")
    ticket = make_ticket(customer=customer, subject="Broken zip")

    browser.post(
        f"/tickets/{ticket.number}/reply",
        data={"body": "A new zip is on its way.", "kind": "reply", "version": ticket.version},
    )
    report = outbox.send_pending()

    assert report.sent == 1
    [received] = smtp_config.received
    assert received.recipients == ["cara@example.com"]
    message = received.message
    assert message["Subject"] == f"[#{ticket.number}] New reply: Broken zip"
    link = f"https://help.example.com/tickets/{ticket.number}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Hello Cara Client" in text and "A new zip is on its way." in text and link in text
    assert f'href="{link}"' in html and "A new zip is on its way." in html

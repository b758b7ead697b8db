"""Invitations after resolution: when one is made, the quiet period, reopening, the email."""

import re
from datetime import timedelta

from sqlalchemy import select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.outbox import service as outbox
from helpdesk.outbox.models import OutboxEmail
from helpdesk.surveys import service
from helpdesk.surveys.models import SurveyInvitation
from helpdesk.tickets import service as tickets
from tests.factories import make_ticket, make_user
from tests.surveys.test_answers import chosen_csat


def resolve(ticket, agent=None):
    return tickets.change_status(
        ticket=ticket, actor=agent or make_user("agent"), status="resolved"
    )


def invitations(ticket=None) -> list[SurveyInvitation]:
    statement = select(SurveyInvitation).order_by(SurveyInvitation.id)
    if ticket is not None:
        statement = statement.where(SurveyInvitation.ticket_id == ticket.id)
    return db.session.scalars(statement).all()


def survey_emails() -> list[OutboxEmail]:
    return db.session.scalars(
        select(OutboxEmail).where(OutboxEmail.kind == "survey_invitation").order_by(OutboxEmail.id)
    ).all()


def test_resolving_a_ticket_invites_its_customer_with_a_long_random_token(app):
    agent = make_user("agent")
    ticket = make_ticket()
    tickets.assign(ticket=ticket, actor=agent, assignee_id=agent.id)

    resolve(ticket)

    [invitation] = invitations(ticket)
    assert len(invitation.token) >= 40 and re.fullmatch(r"[\w-]+", invitation.token)
    assert invitation.customer_id == ticket.customer_id and invitation.agent_id == agent.id
    assert invitation.expires_at == clock.now() + timedelta(days=14)
    [email] = survey_emails()
    assert email.to_address == ticket.customer.email
    assert f"/survey/{invitation.token}?csat=5" in email.body_text
    assert email.next_attempt_at == clock.now() + timedelta(minutes=60)


def test_a_customer_resolving_their_own_ticket_is_invited_too(app):
    ticket = make_ticket()

    tickets.change_status(ticket=ticket, actor=ticket.customer, status="resolved")

    assert len(invitations(ticket)) == 1


def test_the_delay_and_expiry_follow_the_settings(app):
    app.config.update(SURVEY_DELAY_MINUTES=0, SURVEY_EXPIRY_DAYS=3)
    ticket = make_ticket()

    resolve(ticket)

    [invitation] = invitations(ticket)
    assert invitation.expires_at == clock.now() + timedelta(days=3)
    assert survey_emails()[0].next_attempt_at == clock.now()


def test_a_ticket_resolved_again_after_an_answer_gets_no_new_invitation(app):
    ticket = make_ticket()
    resolve(ticket)
    service.answer(token=invitations(ticket)[0].token, csat=5)
    tickets.change_status(ticket=ticket, actor=ticket.customer, status="open")

    resolve(ticket)

    assert len(invitations(ticket)) == 1
    assert survey_emails() == []  # answered on the page before the email's time: not sent


def test_an_answer_takes_back_the_invitation_email_still_waiting_but_not_one_sent(app):
    app.config["MAIL_BACKEND"] = "log"
    waiting, sent = make_ticket(), make_ticket()
    resolve(waiting)
    app.config["SURVEY_DELAY_MINUTES"] = 0
    resolve(sent)
    outbox.send_pending()

    for ticket in (waiting, sent):
        service.answer(token=invitations(ticket)[0].token, csat=5)

    assert [(email.status, email.to_address) for email in survey_emails()] == [
        ("sent", sent.customer.email)
    ]
    assert invitations(sent)[0].sent_at == clock.now()
    assert invitations(waiting)[0].sent_at is None


def test_reopening_withdraws_an_unanswered_invitation_and_a_new_resolution_asks_again(app):
    ticket = make_ticket()
    resolve(ticket)
    first = invitations(ticket)[0]

    tickets.reply(ticket=ticket, author=ticket.customer, body="It broke again.")
    db.session.refresh(first)
    assert first.withdrawn_at is not None
    assert survey_emails() == []  # still waiting for its send time: taken back
    clock.advance(timedelta(hours=2))
    resolve(ticket)

    first_again, second = invitations(ticket)
    assert second.token != first.token and second.withdrawn_at is None
    [email] = survey_emails()
    assert second.token in email.body_text


def test_a_link_taken_back_before_it_was_sent_does_not_start_a_quiet_period(app):
    customer = make_user("customer")
    first, second = make_ticket(customer=customer), make_ticket(customer=customer)
    resolve(first)
    tickets.reply(ticket=first, author=customer, body="Not fixed after all.")

    clock.advance(timedelta(days=1))
    resolve(second)

    assert len(invitations(second)) == 1


def test_a_deactivated_customer_is_not_invited(app):
    ticket = make_ticket()
    ticket.customer.active = False
    db.session.commit()

    resolve(ticket)

    assert invitations(ticket) == []


def test_a_customer_is_not_surveyed_twice_within_the_quiet_period(app):
    customer = make_user("customer")
    first, second, third = (make_ticket(customer=customer) for _ in range(3))
    resolve(first)

    clock.advance(timedelta(days=6, hours=23))
    resolve(second)
    clock.advance(timedelta(hours=2))
    resolve(third)

    assert [invitation.ticket_id for invitation in invitations()] == [first.id, third.id]


def test_closing_a_ticket_straight_from_open_also_invites(app):
    ticket = make_ticket()

    tickets.change_status(ticket=ticket, actor=make_user("agent"), status="closed")

    assert len(invitations(ticket)) == 1


def test_closing_a_resolved_ticket_does_not_invite_again(app):
    ticket = make_ticket()
    resolve(ticket)

    tickets.change_status(ticket=ticket, actor=make_user("agent"), status="closed")

    assert len(invitations(ticket)) == 1


def test_the_invitation_email_arrives_over_smtp_with_working_one_click_links(
    app, smtp_config, client
):
    app.config["SURVEY_DELAY_MINUTES"] = 0
    ticket = make_ticket(subject="Zip broke")
    resolve(ticket)

    report = outbox.send_pending()

    assert report.sent == 2  # "Resolved", then the survey
    [received] = [
        email for email in smtp_config.received if "How did we do" in email.message["Subject"]
    ]
    text = received.message.get_body(preferencelist=("plain",)).get_content()
    html = received.message.get_body(preferencelist=("html",)).get_content()
    links = re.findall(r"https://help\.example\.com(/survey/[\w-]+\?csat=(\d))", text)
    assert [score for _, score in links] == ["1", "2", "3", "4", "5"]
    assert links[3][0] in html
    page = client.get(links[3][0]).get_data(as_text=True)
    assert chosen_csat(page) == "4" and "Zip broke" in page

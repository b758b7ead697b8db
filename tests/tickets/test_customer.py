"""The customer's side: opening a ticket, following it, replying, resolving and reopening."""

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.tickets.models import Message, Ticket
from tests.factories import make_ticket, upload


def ticket_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Ticket))


def new_ticket_form(**overrides) -> dict:
    return {
        "subject": "Refund still missing",
        "body": "I returned the blender two weeks ago and I am still waiting for my refund.",
        "category": "1",
        "submission_key": "key-1",
        **overrides,
    }


def test_customer_opens_a_ticket_and_sees_it_in_their_list(login):
    browser, customer = login("customer")

    response = browser.post("/tickets/new", data=new_ticket_form())

    ticket = db.session.scalar(select(Ticket))
    assert response.status_code == 302 and response.location == f"/tickets/{ticket.number}"
    assert ticket.customer_id == customer.id and ticket.status == "new"
    assert ticket.category.name == "Billing"
    page = browser.get(response.location).get_data(as_text=True)
    assert "Refund still missing" in page and "still waiting for my refund" in page
    listing = browser.get("/my/tickets").get_data(as_text=True)
    assert f"#{ticket.number}" in listing and "Refund still missing" in listing and "New" in listing


def test_new_ticket_form_offers_the_categories_and_a_submission_key(login):
    browser, _ = login("customer")

    page = browser.get("/tickets/new").get_data(as_text=True)

    assert "Orders &amp; delivery" in page and 'name="submission_key"' in page


def test_sending_the_same_form_twice_makes_one_ticket(login):
    browser, _ = login("customer")

    first = browser.post("/tickets/new", data=new_ticket_form())
    second = browser.post("/tickets/new", data=new_ticket_form())

    assert ticket_count() == 1
    assert first.location == second.location


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("subject", "", "Give your request a subject."),
        ("subject", "s" * 201, "Field cannot be longer than 200 characters."),
        ("body", "   ", "Write a message."),
        ("body", "b" * 20_001, "Field cannot be longer than 20000 characters."),
        ("category", "999", "Not a valid choice."),
    ],
)
def test_bad_ticket_input_is_named_and_nothing_is_stored(login, field, value, message):
    browser, _ = login("customer")

    response = browser.post("/tickets/new", data=new_ticket_form(**{field: value}))

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in page and message in page
    assert ticket_count() == 0


def test_attachment_of_a_forbidden_type_is_refused(login):
    browser, _ = login("customer")
    data = new_ticket_form(attachments=upload("run-me.exe", b"MZ...", "application/octet-stream"))

    response = browser.post("/tickets/new", data=data, content_type="multipart/form-data")

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (
        'id="attachments-error"' in page and "run-me.exe: this type of file is not accepted" in page
    )
    assert ticket_count() == 0


def test_oversize_attachment_is_refused(app, login):
    # Kept under 500 KB: larger bodies make the test client leave a temporary file open.
    app.config["ATTACHMENT_MAX_MB"] = 0.1
    browser, _ = login("customer")
    data = new_ticket_form(attachments=upload("big.txt", b"x" * 110_000))

    response = browser.post("/tickets/new", data=data, content_type="multipart/form-data")

    assert response.status_code == 422
    assert "big.txt is larger than 0.1 MB." in response.get_data(as_text=True)
    assert ticket_count() == 0


def test_attachment_is_stored_under_a_generated_name_and_downloaded_safely(app, login):
    browser, customer = login("customer")
    data = new_ticket_form(attachments=upload("../../receipt.pdf", b"%PDF-1.4 receipt"))
    browser.post("/tickets/new", data=data, content_type="multipart/form-data")
    ticket = db.session.scalar(select(Ticket))
    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)
    assert "receipt.pdf" in page

    attachment = db.session.scalar(select(Message)).attachments[0]
    stored = app.instance_path + "/uploads/" + attachment.stored_name
    assert attachment.stored_name != "receipt.pdf"
    assert Path(stored).read_bytes().startswith(b"%PDF")

    with browser.get(f"/attachments/{attachment.id}") as response:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert "receipt.pdf" in response.headers["Content-Disposition"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.data == b"%PDF-1.4 receipt"


def test_customer_cannot_see_another_customers_ticket_or_attachment(app, login):
    browser, _ = login("customer")
    other_ticket = make_ticket(uploads=[upload()])
    attachment_id = db.session.scalar(select(Message)).attachments[0].id

    assert browser.get(f"/tickets/{other_ticket.number}").status_code == 404
    assert (
        browser.post(f"/tickets/{other_ticket.number}/reply", data={"body": "hi"}).status_code
        == 404
    )
    assert (
        browser.post(
            f"/tickets/{other_ticket.number}/status", data={"status": "resolved"}
        ).status_code
        == 404
    )
    with browser.get(f"/attachments/{attachment_id}") as response:
        assert response.status_code == 404
    assert browser.get("/tickets/999999").status_code == 404


def test_customer_never_sees_internal_notes(login):
    customer_browser, customer = login("customer")
    agent_browser, _ = login("agent")
    ticket = make_ticket(customer=customer)
    agent_browser.post(
        f"/tickets/{ticket.number}/reply",
        data={"body": "Customer is on the VIP list, be generous", "kind": "note"},
    )
    agent_browser.post(
        f"/tickets/{ticket.number}/reply", data={"body": "We are on it!", "kind": "reply"}
    )

    page = customer_browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)

    assert "We are on it!" in page
    assert "VIP list" not in page and "Internal note" not in page


def test_customer_resolves_then_reopens_their_ticket(login):
    browser, customer = login("customer")
    ticket = make_ticket(customer=customer)

    browser.post(
        f"/tickets/{ticket.number}/status", data={"status": "resolved", "version": ticket.version}
    )
    db.session.refresh(ticket)
    assert ticket.status == "resolved"
    assert "It is not solved: reopen" in browser.get(f"/tickets/{ticket.number}").get_data(
        as_text=True
    )

    browser.post(
        f"/tickets/{ticket.number}/status", data={"status": "open", "version": ticket.version}
    )
    db.session.refresh(ticket)
    assert ticket.status == "open" and ticket.reopen_count == 1


def test_customer_may_not_set_other_statuses(login):
    browser, customer = login("customer")
    ticket = make_ticket(customer=customer)

    response = browser.post(
        f"/tickets/{ticket.number}/status", data={"status": "closed", "version": ticket.version}
    )

    db.session.refresh(ticket)
    assert ticket.status == "new"
    assert "cannot be set to closed" in browser.get(response.location).get_data(as_text=True)


def test_unknown_status_is_refused(login):
    browser, customer = login("customer")
    ticket = make_ticket(customer=customer)

    response = browser.post(
        f"/tickets/{ticket.number}/status", data={"status": "exploded", "version": ticket.version}
    )

    db.session.refresh(ticket)
    assert ticket.status == "new"
    assert "Choose a status from the list." in browser.get(response.location).get_data(as_text=True)


def test_customer_reply_to_a_resolved_ticket_reopens_it(login):
    browser, customer = login("customer")
    _, agent = login("agent")
    ticket = make_ticket(customer=customer)
    from helpdesk.tickets import service

    service.change_status(ticket=ticket, actor=agent, status="resolved")

    browser.post(f"/tickets/{ticket.number}/reply", data={"body": "Sorry, it broke again."})

    db.session.refresh(ticket)
    assert ticket.status == "open" and ticket.reopen_count == 1 and ticket.resolved_at is None


def test_empty_reply_is_refused_with_a_message(login):
    browser, customer = login("customer")
    ticket = make_ticket(customer=customer)

    response = browser.post(f"/tickets/{ticket.number}/reply", data={"body": "  "})

    assert response.status_code == 422
    assert 'id="body-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Message)) == 1


def test_closed_ticket_takes_no_more_customer_messages(login):
    browser, customer = login("customer")
    _, agent = login("agent")
    ticket = make_ticket(customer=customer)
    from helpdesk.tickets import service

    service.change_status(ticket=ticket, actor=agent, status="closed")

    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)
    response = browser.post(f"/tickets/{ticket.number}/reply", data={"body": "Hello?"})

    assert "This request is closed" in page
    assert response.status_code == 422
    assert "This ticket is closed" in response.get_data(as_text=True)


def test_staff_cannot_open_tickets_as_customers(login):
    browser, _ = login("agent")

    assert browser.get("/tickets/new").status_code == 403


def test_sending_a_reply_form_twice_stores_one_message(login):
    browser, customer = login("customer")
    ticket = make_ticket(customer=customer)
    form = {"body": "Any news?", "submission_key": "reply-key-1"}

    first = browser.post(f"/tickets/{ticket.number}/reply", data=form)
    second = browser.post(f"/tickets/{ticket.number}/reply", data=form)

    bodies = db.session.scalars(select(Message.body).where(Message.ticket_id == ticket.id)).all()
    assert bodies.count("Any news?") == 1
    assert first.location == second.location
    db.session.refresh(ticket)
    assert ticket.customer_followups == 1


def test_my_requests_are_ordered_by_what_the_customer_can_see(login):
    browser, customer = login("customer")
    _, agent = login("agent")
    older = make_ticket(customer=customer, subject="Older request")
    clock.advance(timedelta(hours=1))
    make_ticket(customer=customer, subject="Newer request")
    clock.advance(timedelta(hours=1))
    from helpdesk.tickets import service

    service.reply(ticket=older, author=agent, body="internal only", kind="note")
    page = browser.get("/my/tickets").get_data(as_text=True)
    assert page.index("Newer request") < page.index("Older request")

    service.reply(ticket=older, author=agent, body="Here is your answer", kind="reply")
    page = browser.get("/my/tickets").get_data(as_text=True)
    assert page.index("Older request") < page.index("Newer request")

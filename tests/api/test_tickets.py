"""Tickets and their threads through the API: the same rules as the pages."""

from datetime import timedelta

from sqlalchemy import select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.tickets import service
from helpdesk.tickets.models import Message, Ticket
from tests.factories import make_ticket, make_user

ANGRY = "This is terrible, I am furious and still waiting for my refund!"


def test_a_customer_opens_a_ticket_and_reads_its_thread_with_sentiment(app, api):
    client, customer = api("customer")

    created = client.post(
        "/api/v1/tickets", json={"subject": "Refund missing", "body": ANGRY, "category_id": 1}
    )
    thread = client.get(f"/api/v1/tickets/{created.json['number']}/messages")

    assert created.status_code == 201
    assert created.json["channel"] == "api" and created.json["status"] == "new"
    assert created.json["customer_id"] == customer.id
    assert created.json["first_sentiment"] == "negative"
    [message] = thread.json["items"]
    assert (message["kind"], message["sentiment_label"]) == ("customer", "negative")


def test_the_same_submission_key_gives_the_same_ticket(app, api):
    client, _customer = api("customer")
    sent = {"subject": "Parcel", "body": "Where is it?", "submission_key": "retry-1234"}

    first = client.post("/api/v1/tickets", json=sent)
    second = client.post("/api/v1/tickets", json=sent)

    assert first.json["number"] == second.json["number"]
    assert db.session.scalar(select(db.func.count()).select_from(Ticket)) == 1


def test_customers_list_only_their_own_tickets(app, api):
    client, customer = api("customer")
    mine = make_ticket(customer=customer)
    make_ticket()  # someone else's

    listed = client.get("/api/v1/tickets?status=any")

    assert [item["number"] for item in listed.json["items"]] == [mine.number]


def test_another_customers_ticket_is_not_found(app, api):
    client, _customer = api("customer")
    theirs = make_ticket()

    for response in (
        client.get(f"/api/v1/tickets/{theirs.number}"),
        client.get(f"/api/v1/tickets/{theirs.number}/messages"),
        client.post(f"/api/v1/tickets/{theirs.number}/messages", json={"body": "hello"}),
        client.patch(f"/api/v1/tickets/{theirs.number}", json={"version": 1, "status": "resolved"}),
    ):
        assert response.status_code == 404
        assert response.json["type"].endswith("/not-found")


def test_staff_list_the_queue_with_its_filters_and_a_cursor(app, api):
    client, agent = api("agent")
    tickets = []
    for n in range(5):
        tickets.append(make_ticket(subject=f"Parcel {n}", priority="high" if n % 2 else "normal"))
        clock.advance(timedelta(minutes=1))
    service.assign(ticket=tickets[4], actor=agent, assignee_id=agent.id)

    first = client.get("/api/v1/tickets?limit=2")
    second = client.get(f"/api/v1/tickets?limit=2&cursor={first.json['next_cursor']}")
    third = client.get(f"/api/v1/tickets?limit=2&cursor={second.json['next_cursor']}")
    high = client.get("/api/v1/tickets?priority=high")
    mine = client.get("/api/v1/tickets?assignee=me")
    oldest = client.get("/api/v1/tickets?sort=oldest&limit=1")

    numbers = [item["number"] for page in (first, second, third) for item in page.json["items"]]
    assert numbers == [ticket.number for ticket in reversed(tickets)]  # newest first, no repeats
    assert third.json["next_cursor"] is None
    assert {item["number"] for item in high.json["items"]} == {tickets[1].number, tickets[3].number}
    assert [item["number"] for item in mine.json["items"]] == [tickets[4].number]
    assert oldest.json["items"][0]["number"] == tickets[0].number


def test_a_cursor_that_was_not_given_out_is_a_clear_422(app, api):
    client, _agent = api("agent")

    response = client.get("/api/v1/tickets?cursor=bm90LWEtY3Vyc29y")

    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "cursor"


def test_staff_reply_note_and_change_status_and_assignee_with_the_version(app, api):
    client, agent = api("agent")
    ticket = make_ticket()
    number = ticket.number

    reply = client.post(f"/api/v1/tickets/{number}/messages", json={"body": "On its way."})
    note = client.post(
        f"/api/v1/tickets/{number}/messages", json={"body": "Courier late", "kind": "note"}
    )
    current = client.get(f"/api/v1/tickets/{number}").json
    changed = client.patch(
        f"/api/v1/tickets/{number}",
        json={
            "version": current["version"],
            "assignee_id": agent.id,
            "priority": "high",
            "status": "pending",
        },
    )

    assert reply.status_code == 201 and reply.json["kind"] == "reply"
    assert note.status_code == 201 and note.json["kind"] == "note"
    assert changed.status_code == 200
    assert (changed.json["assignee_id"], changed.json["priority"], changed.json["status"]) == (
        agent.id,
        "high",
        "pending",
    )
    assert changed.json["first_reply_at"] is not None
    assert changed.json["agent_replies"] == 1


def test_a_change_made_on_an_older_version_is_a_409(app, api):
    client, _agent = api("agent")
    ticket = make_ticket()
    read = client.get(f"/api/v1/tickets/{ticket.number}").json
    service.update_properties(
        ticket=ticket, actor=make_user("agent"), priority="urgent", category_id=None
    )

    response = client.patch(
        f"/api/v1/tickets/{ticket.number}", json={"version": read["version"], "priority": "low"}
    )

    assert response.status_code == 409
    assert response.json["type"].endswith("/conflict")
    assert "priority" in response.json["detail"]
    db.session.refresh(ticket)
    assert ticket.priority == "urgent"  # nothing lost


def test_customers_see_no_internal_notes_and_cannot_set_staff_fields(app, api):
    client, customer = api("customer")
    ticket = make_ticket(customer=customer)
    service.reply(ticket=ticket, author=make_user("agent"), body="Courier owes us", kind="note")

    thread = client.get(f"/api/v1/tickets/{ticket.number}/messages")
    priority = client.patch(
        f"/api/v1/tickets/{ticket.number}", json={"version": ticket.version, "priority": "urgent"}
    )
    note = client.post(
        f"/api/v1/tickets/{ticket.number}/messages", json={"body": "psst", "kind": "note"}
    )

    assert [item["kind"] for item in thread.json["items"]] == ["customer"]
    assert priority.status_code == 403
    assert note.status_code == 403
    assert db.session.scalar(select(db.func.count()).select_from(Message)) == 2


def test_a_customer_resolves_and_reopens_their_ticket(app, api):
    client, customer = api("customer")
    ticket = make_ticket(customer=customer)

    resolved = client.patch(
        f"/api/v1/tickets/{ticket.number}", json={"version": ticket.version, "status": "resolved"}
    )
    reopened = client.patch(
        f"/api/v1/tickets/{ticket.number}",
        json={"version": resolved.json["version"], "status": "open"},
    )
    pending = client.patch(
        f"/api/v1/tickets/{ticket.number}",
        json={"version": reopened.json["version"], "status": "pending"},
    )

    assert resolved.json["status"] == "resolved"
    assert reopened.json["status"] == "open" and reopened.json["reopen_count"] == 1
    assert pending.status_code == 422  # a customer only resolves or reopens


def test_bad_ticket_input_names_each_field(app, api):
    client, _customer = api("customer")

    response = client.post(
        "/api/v1/tickets", json={"subject": "x" * 201, "body": "", "surprise": True}
    )

    assert response.status_code == 422
    fields = {error["field"] for error in response.json["errors"]}
    assert fields == {"subject", "body", "surprise"}
    assert db.session.scalar(select(Ticket)) is None


def test_an_inactive_category_is_refused_by_the_service_rule(app, api):
    client, _customer = api("customer")

    response = client.post(
        "/api/v1/tickets", json={"subject": "Hi", "body": "Hello", "category_id": 999}
    )

    assert response.status_code == 422
    assert response.json["errors"] == [
        {"field": "category_id", "message": "Choose a category from the list."}
    ]

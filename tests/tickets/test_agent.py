"""The agents' side: the queue, search, bulk changes, ticket controls, conflicts, canned replies."""

from datetime import timedelta

import pytest
from sqlalchemy import event, select, text

from helpdesk import clock, paging
from helpdesk.extensions import db
from helpdesk.tickets import search, service
from helpdesk.tickets.models import CannedReply, Message, Ticket, TicketEvent
from helpdesk.tickets.queue import QueueFilters, queue_query
from tests.factories import make_canned_reply, make_ticket, make_user


def queue_numbers(browser, **params) -> list[int]:
    """The ticket numbers the queue lists, in order."""
    page = browser.get("/agent/tickets", query_string=params).get_data(as_text=True)
    return [int(part.split('"')[0]) for part in page.split('name="ticket_ids" value="')[1:]]


def test_queue_lists_open_tickets_newest_first(login):
    browser, _ = login("agent")
    older = make_ticket(subject="Older")
    clock.advance(timedelta(minutes=5))
    newer = make_ticket(subject="Newer")
    done = make_ticket(subject="Done")
    service.change_status(ticket=done, actor=make_user("agent"), status="resolved")

    assert queue_numbers(browser) == [newer.number, older.number]
    assert queue_numbers(browser, status="any") == [done.number, newer.number, older.number]
    assert queue_numbers(browser, status="resolved") == [done.number]


def test_saved_views_filter_by_assignee_mood_and_status(login):
    browser, agent = login("agent")
    mine = make_ticket(subject="Mine")
    service.assign(ticket=mine, actor=agent, assignee_id=agent.id)
    unassigned = make_ticket(subject="Nobody's")
    angry = make_ticket(subject="Angry", body="This is terrible and I am furious, awful service.")
    waiting = make_ticket(subject="Waiting")
    service.change_status(ticket=waiting, actor=agent, status="pending")

    assert queue_numbers(browser, assignee="me", status="active") == [mine.number]
    assert mine.number not in queue_numbers(browser, assignee="none", status="active")
    assert unassigned.number in queue_numbers(browser, assignee="none", status="active")
    assert queue_numbers(browser, sentiment="negative", status="active") == [angry.number]
    assert queue_numbers(browser, status="pending") == [waiting.number]
    page = browser.get("/agent/tickets?assignee=me&status=active").get_data(as_text=True)
    assert 'aria-current="page">Mine</a>' in page


def test_breaching_sla_view_sorts_by_due_time(login):
    browser, agent = login("agent")
    urgent = make_ticket(subject="Urgent", priority="urgent")
    normal = make_ticket(subject="Normal")
    clock.advance(timedelta(hours=2))

    assert queue_numbers(browser, sla="breaching", status="active", sort="sla") == [urgent.number]
    clock.advance(timedelta(hours=7))
    assert queue_numbers(browser, sla="breaching", status="active", sort="sla") == [
        urgent.number,
        normal.number,
    ]
    page = browser.get(f"/tickets/{urgent.number}").get_data(as_text=True)
    assert "overdue by" in page


@pytest.mark.parametrize(
    ("params", "subjects"),
    [
        ({"priority": "high"}, ["High one"]),
        ({"category": "2"}, ["Delivery one"]),
        ({"channel": "email"}, ["Mailed in"]),
        ({"sort": "priority"}, ["High one", "Delivery one", "Mailed in"]),
        ({"sort": "oldest"}, ["High one", "Delivery one", "Mailed in"]),
    ],
)
def test_queue_filters_and_sorts(login, params, subjects):
    browser, _ = login("agent")
    by_subject = {}
    for subject, options in [
        ("High one", {"priority": "high", "category_id": 1}),
        ("Delivery one", {"category_id": 2}),
        ("Mailed in", {"channel": "email", "priority": "low"}),
    ]:
        by_subject[subject] = make_ticket(subject=subject, **options).number
        clock.advance(timedelta(minutes=1))

    assert queue_numbers(browser, **params) == [by_subject[s] for s in subjects]


def test_queue_filters_by_created_date_range(login):
    browser, _ = login("agent")
    first = make_ticket(subject="Monday")
    clock.advance(timedelta(days=2))
    second = make_ticket(subject="Wednesday")
    day_one = (clock.now() - timedelta(days=2)).date().isoformat()
    day_three = clock.now().date().isoformat()

    assert queue_numbers(browser, created_from=day_three) == [second.number]
    assert queue_numbers(browser, created_to=day_one) == [first.number]
    assert queue_numbers(browser, created_from=day_one, created_to=day_three) == [
        second.number,
        first.number,
    ]


def test_bad_filter_values_are_named_and_ignored(login):
    browser, _ = login("agent")
    ticket = make_ticket()

    response = browser.get("/agent/tickets?created_from=yesterday&status=weird&sort=chaos")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="created_from-error"' in page and "Not a valid date value." in page
    assert 'id="status-error"' in page
    assert f'value="{ticket.number}"' in page


def test_search_finds_a_word_that_appears_only_in_a_reply(login):
    browser, agent = login("agent")
    ticket = make_ticket(subject="Question", body="How do I change my plan?")
    make_ticket(subject="Other", body="Nothing to see here")
    service.reply(
        ticket=ticket, author=agent, body="Use the Upgrades page under Settings.", kind="reply"
    )

    assert queue_numbers(browser, q="upgrades", status="any") == [ticket.number]
    assert queue_numbers(browser, q="Settings upgrades", status="any") == [ticket.number]
    assert queue_numbers(browser, q="question", status="any") == [ticket.number]
    assert queue_numbers(browser, q="nonexistentword", status="any") == []


def test_search_survives_query_syntax_characters(login):
    browser, _ = login("agent")
    ticket = make_ticket(subject="Refund for order #4821", body="Where is my refund?")

    for query in ['"refund', "refund AND", "refund*", "(4821", "NEAR(refund", "'; DROP TABLE"]:
        response = browser.get("/agent/tickets", query_string={"q": query, "status": "any"})
        assert response.status_code == 200, query
    assert queue_numbers(browser, q='"refund (4821', status="any") == [ticket.number]


def test_queue_is_paginated(app, login):
    app.config["PER_PAGE"] = 3
    browser, _ = login("agent")
    numbers = []
    for index in range(7):
        numbers.append(make_ticket(subject=f"Ticket {index}").number)
        clock.advance(timedelta(minutes=1))

    assert queue_numbers(browser, page=1) == numbers[::-1][:3]
    assert queue_numbers(browser, page=3) == numbers[::-1][6:]
    assert "Page 1 of 3" in browser.get("/agent/tickets").get_data(as_text=True)


def test_a_long_queue_is_counted_up_to_a_limit_and_says_so(app, login, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_LIMIT", 5)
    app.config["PER_PAGE"] = 2
    browser, _ = login("agent")
    numbers = []
    for index in range(7):
        numbers.append(make_ticket(subject=f"Ticket {index}").number)
        clock.advance(timedelta(minutes=1))

    page = browser.get("/agent/tickets", query_string={"page": 3}).get_data(as_text=True)

    assert "5+ tickets" in page
    assert "Page 3 of 3+ · 5+ in all" in page
    assert "More than 5 tickets match; filter or search to reach older ones." in page
    assert queue_numbers(browser, page=3) == numbers[::-1][4:5]
    assert queue_numbers(browser, page=4) == []
    assert queue_numbers(browser, q="Ticket 0") == [numbers[0]]  # the older ones, by search


def test_search_of_a_common_word_shows_the_newest_matches_and_says_so(login, monkeypatch):
    monkeypatch.setattr(search, "MATCH_LIMIT", 2)
    browser, _ = login("agent")
    numbers = []
    for index in range(3):
        body = f"Where is my refund for order X{index}?"
        numbers.append(make_ticket(subject=f"Order {index}", body=body).number)
        clock.advance(timedelta(minutes=1))

    page = browser.get("/agent/tickets", query_string={"q": "refund"}).get_data(as_text=True)

    assert queue_numbers(browser, q="refund") == numbers[::-1][:2]
    assert "Many tickets have these words: the newest matches are shown." in page
    assert queue_numbers(browser, q="refund x0") == [numbers[0]]
    narrowed = browser.get("/agent/tickets", query_string={"q": "refund x0"})
    assert "Many tickets have these words" not in narrowed.get_data(as_text=True)


@pytest.mark.only_on("postgresql")
def test_postgresql_search_reads_stored_vectors_and_parses_no_message(app):
    ticket = make_ticket(subject="Parcel", body="Where is my refund?")
    dialect = db.engine.dialect

    for statement in search._matches(["refund"], 10):
        sql = statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
        plan = "\n".join(db.session.scalars(text(f"EXPLAIN {sql}")))
        assert "search_fts" in plan and "to_tsvector" not in plan, plan
    assert search.find("refund").ticket_ids == [ticket.id]


def test_the_default_queue_reads_the_small_index_of_active_tickets(app, backend):
    # The statuses must reach SQLite as literals: with parameters its planner walks the
    # index of all tickets by date instead, which grows with the years of closed tickets.
    if backend != "sqlite":
        pytest.skip("the plan is SQLite's")
    agent = make_user("agent")
    customer = make_user("customer")
    for _ in range(40):
        make_ticket(customer)
    db.session.execute(text("UPDATE tickets SET status = 'closed'"))
    make_ticket(customer)
    db.session.execute(text("ANALYZE"))
    sent = []
    with db.engine.connect() as connection:
        event.listen(connection, "before_cursor_execute", lambda *args: sent.append(args[2:4]))
        connection.execute(queue_query(QueueFilters(), agent)).all()
        statement, parameters = sent[0]
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()

    assert "ix_tickets_active_created_at" in str(plan), plan


def test_bulk_assign_status_and_priority(login):
    browser, agent = login("agent")
    colleague = make_user("agent", name="Cole League")
    first, second, untouched = make_ticket(), make_ticket(), make_ticket()
    ids = [first.id, second.id]

    browser.post(
        "/agent/tickets/bulk",
        data={"ticket_ids": ids, "action": "assign", "value": str(colleague.id)},
    )
    browser.post(
        "/agent/tickets/bulk", data={"ticket_ids": ids, "action": "priority", "value": "urgent"}
    )
    response = browser.post(
        "/agent/tickets/bulk", data={"ticket_ids": ids, "action": "status", "value": "pending"}
    )

    for ticket in (first, second):
        db.session.refresh(ticket)
        assert (ticket.assignee_id, ticket.priority, ticket.status) == (
            colleague.id,
            "urgent",
            "pending",
        )
    db.session.refresh(untouched)
    assert (untouched.assignee_id, untouched.priority, untouched.status) == (None, "normal", "new")
    assert "Changed 2 tickets." in browser.get(response.location).get_data(as_text=True)


def test_bulk_with_a_bad_value_changes_nothing_and_says_why(login):
    browser, _ = login("agent")
    customer = make_user("customer")
    ticket = make_ticket()

    response = browser.post(
        "/agent/tickets/bulk",
        data={"ticket_ids": [ticket.id], "action": "assign", "value": str(customer.id)},
    )

    db.session.refresh(ticket)
    assert ticket.assignee_id is None
    assert "Choose an active member of staff." in browser.get(response.location).get_data(
        as_text=True
    )


def test_staff_page_shows_notes_moods_history_and_other_tickets(login):
    browser, agent = login("agent")
    customer = make_user("customer", name="Una Customer")
    older = make_ticket(customer=customer, subject="Earlier problem")
    ticket = make_ticket(customer=customer, body="This is awful, I am really angry.")
    service.reply(ticket=ticket, author=agent, body="Called the courier.", kind="note")
    service.assign(ticket=ticket, actor=agent, assignee_id=agent.id)

    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)

    assert "Called the courier." in page and "Internal note" in page
    assert "chip-negative" in page
    assert "Earlier problem" in page and f"/tickets/{older.number}" in page
    assert "added an internal note" in page and f"assigned the ticket to {agent.name}" in page
    assert "Reply: " in page and "left" in page


def test_agent_reply_with_status_change(login):
    browser, agent = login("agent")
    ticket = make_ticket()

    response = browser.post(
        f"/tickets/{ticket.number}/reply",
        data={
            "body": "Could you send a photo?",
            "kind": "reply",
            "status": "pending",
            "version": ticket.version,
        },
    )

    db.session.refresh(ticket)
    assert response.status_code == 302
    assert ticket.status == "pending" and ticket.agent_replies == 1
    assert ticket.first_reply_at == clock.now()


def test_reply_is_kept_when_its_status_change_meets_a_newer_version(login):
    browser, agent = login("agent")
    colleague = make_user("agent", name="Quick Colleague")
    ticket = make_ticket()
    seen_version = ticket.version
    service.change_status(ticket=ticket, actor=colleague, status="pending")

    response = browser.post(
        f"/tickets/{ticket.number}/reply",
        data={
            "body": "Here is the fix.",
            "kind": "reply",
            "status": "resolved",
            "version": seen_version,
        },
    )

    db.session.refresh(ticket)
    bodies = db.session.scalars(select(Message.body).where(Message.ticket_id == ticket.id)).all()
    assert "Here is the fix." in bodies
    assert ticket.status != "resolved"
    page = browser.get(response.location).get_data(as_text=True)
    assert "Your message was saved, but the status was not changed." in page
    assert "Quick Colleague changed the status from new to pending" in page


def test_stale_assignment_is_refused_and_says_what_changed(login):
    browser, agent = login("agent")
    colleague = make_user("agent", name="Quick Colleague")
    ticket = make_ticket()
    seen_version = ticket.version
    service.assign(ticket=ticket, actor=colleague, assignee_id=colleague.id)

    response = browser.post(
        f"/tickets/{ticket.number}/assign",
        data={"assignee_id": str(agent.id), "version": seen_version},
    )

    db.session.refresh(ticket)
    assert ticket.assignee_id == colleague.id
    page = browser.get(response.location).get_data(as_text=True)
    assert "Someone changed this ticket while you were looking at it" in page
    assert "Quick Colleague assigned the ticket to Quick Colleague" in page


def test_tickets_can_only_go_to_active_staff(login):
    browser, _ = login("agent")
    ticket = make_ticket()
    for person in (make_user("customer"), make_user("agent", active=False)):
        response = browser.post(
            f"/tickets/{ticket.number}/assign",
            data={"assignee_id": str(person.id), "version": ticket.version},
        )
        db.session.refresh(ticket)
        assert ticket.assignee_id is None
        assert "Choose an active member of staff." in browser.get(response.location).get_data(
            as_text=True
        )


def test_priority_and_category_change_is_recorded(login):
    browser, _ = login("agent")
    ticket = make_ticket(category_id=1)

    browser.post(
        f"/tickets/{ticket.number}/properties",
        data={"priority": "high", "category": "3", "version": ticket.version},
    )

    db.session.refresh(ticket)
    assert ticket.priority == "high" and ticket.category.name == "Account & sign-in"
    event = db.session.scalars(select(TicketEvent).order_by(TicketEvent.id.desc())).first()
    assert event.data["changes"] == {
        "priority": ["normal", "high"],
        "category": ["Billing", "Account & sign-in"],
    }


def test_tags_are_normalised_and_shown(login):
    browser, _ = login("agent")
    ticket = make_ticket()

    browser.post(
        f"/tickets/{ticket.number}/tags",
        data={"tags": " Refund, VIP,refund ,  ", "version": ticket.version},
    )

    db.session.refresh(ticket)
    assert [tag.name for tag in ticket.tags] == ["refund", "vip"]
    assert 'value="refund, vip"' in browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)


def test_agent_corrects_a_mood_and_both_labels_are_kept(login):
    browser, agent = login("agent")
    ticket = make_ticket(body="Third time I'm asking where my order is.")
    message = db.session.scalar(select(Message).where(Message.ticket_id == ticket.id))
    machine = message.sentiment_label

    browser.post(f"/messages/{message.id}/sentiment", data={"label": "negative"})

    db.session.refresh(message)
    db.session.refresh(ticket)
    assert message.sentiment_label == machine and message.corrected_label == "negative"
    assert message.corrected_by_id == agent.id
    assert ticket.last_sentiment == "negative" and ticket.first_sentiment == "negative"


def test_unknown_mood_label_is_refused(login):
    browser, _ = login("agent")
    ticket = make_ticket()
    message = db.session.scalar(select(Message).where(Message.ticket_id == ticket.id))

    browser.post(f"/messages/{message.id}/sentiment", data={"label": "furious"})

    db.session.refresh(message)
    assert message.corrected_label is None


def test_canned_reply_is_filled_in_for_the_ticket(login):
    browser, agent = login("agent")
    customer = make_user("customer", name="Maya Lopez")
    ticket = make_ticket(customer=customer)
    make_canned_reply(
        body="Hi {{customer.first_name}}, {{agent.name}} here about #{{ticket.number}}. "
        "{{app.secret}}"
    )

    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)

    assert f"Hi Maya, {agent.name} here about #{ticket.number}. {{{{app.secret}}}}" in page


def test_staff_manage_canned_replies(login):
    browser, _ = login("agent")

    browser.post(
        "/agent/canned-replies/new", data={"title": "Thanks", "body": "Thanks for waiting!"}
    )
    duplicate = browser.post("/agent/canned-replies/new", data={"title": "Thanks", "body": "Again"})
    reply_id = db.session.scalar(select(CannedReply.id))
    browser.post(
        f"/agent/canned-replies/{reply_id}/edit", data={"title": "Thanks!", "body": "Cheers"}
    )

    assert duplicate.status_code == 422 and "exists already" in duplicate.get_data(as_text=True)
    listing = browser.get("/agent/canned-replies").get_data(as_text=True)
    assert "Thanks!" in listing and "Cheers" in listing
    browser.post(f"/agent/canned-replies/{reply_id}/delete")
    assert "No canned replies yet." in browser.get("/agent/canned-replies").get_data(as_text=True)


def test_admin_adds_renames_and_hides_categories(login):
    admin_browser, _ = login("admin")
    customer_browser, _ = login("customer")

    admin_browser.post("/admin/categories", data={"name": "Warranty"})
    page = admin_browser.get("/admin/categories").get_data(as_text=True)
    category_id = page.split('value="Warranty"')[0].rsplit("/admin/categories/", 1)[1].split('"')[0]
    admin_browser.post(
        f"/admin/categories/{category_id}", data={"name": "Warranty claims", "position": "0"}
    )
    assert "Warranty claims" in customer_browser.get("/tickets/new").get_data(as_text=True)

    admin_browser.post(f"/admin/categories/{category_id}/active")
    assert "Warranty claims" not in customer_browser.get("/tickets/new").get_data(as_text=True)
    duplicate = admin_browser.post("/admin/categories", data={"name": "Billing"})
    assert duplicate.status_code == 422 and "exists already" in duplicate.get_data(as_text=True)


def test_customer_cannot_reach_staff_controls(login):
    browser, customer = login("customer")
    ticket = make_ticket(customer=customer)

    assert browser.get("/agent/tickets").status_code == 403
    assert (
        browser.post(f"/tickets/{ticket.number}/assign", data={"assignee_id": "1"}).status_code
        == 403
    )
    assert (
        browser.post(
            f"/tickets/{ticket.number}/reply", data={"body": "x", "kind": "note"}
        ).status_code
        == 302
    )
    kinds = db.session.scalars(select(Message.kind).where(Message.ticket_id == ticket.id)).all()
    assert "note" not in kinds and db.session.get(Ticket, ticket.id).status == "new"

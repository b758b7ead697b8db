"""Kept pages (helpdesk/page_cache.py): a page asked for again is sent without being drawn,
and never shows anything older than the last write, from any worker, by any path."""

from datetime import timedelta

import pytest
from sqlalchemy import event, select, text, update

from helpdesk import clock, create_app
from helpdesk.extensions import db
from helpdesk.page_cache import DataVersion
from helpdesk.reports import cache as report_cache
from helpdesk.tickets import service
from helpdesk.tickets.models import Ticket
from tests.conftest import sign_in, without_tokens
from tests.factories import DEFAULT_PASSWORD, make_article, make_ticket, make_user
from tests.reliability.web import WebClient, hidden_fields


def version() -> int:
    return db.session.scalar(select(DataVersion.value))


def test_a_page_asked_for_again_is_sent_as_drawn_without_its_queries(login, statements):
    agent_browser, _agent = login("agent")
    make_ticket(subject="Printer on fire")

    statements.clear()
    first = agent_browser.get("/agent/tickets").get_data(as_text=True)
    drawn = len(statements)
    statements.clear()
    again = agent_browser.get("/agent/tickets").get_data(as_text=True)

    assert "Printer on fire" in again
    assert without_tokens(again) == without_tokens(first)  # a CSRF token is signed with its time
    assert len(statements) == 2 < drawn  # who is signed in, and the data version


def test_a_reply_shows_at_once_on_the_pages_that_were_kept(login):
    agent_browser, agent = login("agent")
    customer_browser, customer = login("customer")
    ticket = make_ticket(customer=customer, subject="Broken zip")
    path = f"/tickets/{ticket.number}"
    for browser, page in ((agent_browser, "/agent/tickets"), (agent_browser, path)):
        assert "Broken zip" in browser.get(page).get_data(as_text=True)
        browser.get(page)  # sent as kept

    replied = customer_browser.post(path + "/reply", data={"body": "Still broken after it."})
    resolved = agent_browser.post(
        path + "/reply", data={"body": "Fixed in 2.1.", "kind": "reply", "status": "resolved"}
    )
    assert replied.status_code == resolved.status_code == 302
    agent_browser.get(path)  # the flashed "Message sent." is shown here

    ticket_page = agent_browser.get(path).get_data(as_text=True)
    assert "Still broken after it." in ticket_page
    assert "Fixed in 2.1." in ticket_page
    assert "Broken zip" not in agent_browser.get("/agent/tickets").get_data(as_text=True)


def test_a_write_that_goes_around_the_orm_shows_at_once(login):
    agent_browser, _agent = login("agent")
    ticket = make_ticket(subject="Old subject")
    assert "Old subject" in agent_browser.get("/agent/tickets").get_data(as_text=True)

    with db.engine.begin() as connection:  # plain SQL on a connection of its own
        connection.execute(
            text("UPDATE tickets SET subject = 'New subject' WHERE id = :id"), {"id": ticket.id}
        )

    queue = agent_browser.get("/agent/tickets").get_data(as_text=True)
    assert "New subject" in queue
    assert "Old subject" not in queue


def test_reading_and_keeping_reports_leave_the_version_alone(login):
    supervisor_browser, _supervisor = login("supervisor")
    make_ticket()
    before = version()

    assert supervisor_browser.get("/reports?period=30").status_code == 200
    report_cache.settle()
    assert supervisor_browser.get("/agent/tickets").status_code == 200
    assert version() == before  # the report's cache and day counts are not the pages' data

    make_ticket()
    assert version() != before


def test_a_rolled_back_write_leaves_the_version_alone(app):
    before = version()
    db.session.execute(update(Ticket).values(subject="Never kept"))
    db.session.rollback()
    db.session.execute(select(Ticket.id)).all()
    db.session.commit()  # a transaction that only read

    assert version() == before


def test_each_user_is_sent_their_own_page(login):
    first_browser, first = login("customer")
    second_browser, second = login("customer")
    make_ticket(customer=first, subject="Parcel of the first customer")
    make_ticket(customer=second, subject="Invoice of the second customer")

    first_page = first_browser.get("/my/tickets").get_data(as_text=True)
    second_page = second_browser.get("/my/tickets").get_data(as_text=True)

    assert "Parcel of the first customer" in first_page
    assert "Invoice of the second customer" not in first_page
    assert "Invoice of the second customer" in second_page
    assert "Parcel of the first customer" not in second_page


def test_another_customers_ticket_is_not_sent_from_a_kept_page(login):
    owner_browser, owner = login("customer")
    other_browser, _other = login("customer")
    ticket = make_ticket(customer=owner, subject="Private matter")
    assert owner_browser.get(f"/tickets/{ticket.number}").status_code == 200

    response = other_browser.get(f"/tickets/{ticket.number}")

    assert response.status_code == 404
    assert "Private matter" not in response.get_data(as_text=True)


def test_a_kept_page_carries_this_sessions_csrf_token_and_a_fresh_submission_key(app, statements):
    app.config["WTF_CSRF_ENABLED"] = True
    agent = make_user("agent")
    ticket = make_ticket(subject="Two tabs")
    path = f"/tickets/{ticket.number}"
    browsers = []
    for _ in range(2):  # two browsers of the same agent
        browser = app.test_client()
        login_form = hidden_fields(browser.get("/login").get_data(as_text=True), "/login")
        signed_in = browser.post(
            "/login", data={**login_form, "email": agent.email, "password": DEFAULT_PASSWORD}
        )
        assert signed_in.status_code == 302
        browsers.append(browser)
    forms = []
    for browser in browsers:  # the second is sent the page kept for the first
        statements.clear()
        forms.append(
            (browser, hidden_fields(browser.get(path).get_data(as_text=True), path + "/reply"))
        )
    assert len(statements) == 2

    (first, first_form), (second, second_form) = forms
    assert first_form["csrf_token"] != second_form["csrf_token"]
    assert first_form["submission_key"] != second_form["submission_key"]
    for browser, form, body in (
        (second, second_form, "From the second tab."),
        (first, first_form, "From the first tab."),
    ):
        sent = browser.post(path + "/reply", data={**form, "body": body, "kind": "reply"})
        assert sent.status_code == 302, sent.get_data(as_text=True)[-300:]
    page = first.get(path).get_data(as_text=True)
    assert "From the second tab." in page and "From the first tab." in page


def test_time_left_is_drawn_again_when_the_minute_changes(login):
    agent_browser, _agent = login("agent")
    make_ticket(subject="Waiting", priority="urgent")
    before = agent_browser.get("/agent/tickets").get_data(as_text=True)
    assert "1 h left" in before

    clock.advance(timedelta(minutes=1))
    after = agent_browser.get("/agent/tickets").get_data(as_text=True)

    assert "59 min left" in after


def test_a_flashed_message_is_shown_once(login):
    agent_browser, _agent = login("agent")
    ticket = make_ticket()
    path = f"/tickets/{ticket.number}"
    agent_browser.get(path)
    agent_browser.post(path + "/reply", data={"body": "On it.", "kind": "reply"})

    shown = agent_browser.get(path).get_data(as_text=True)
    again = agent_browser.get(path).get_data(as_text=True)

    assert "Message sent." in shown
    assert "Message sent." not in again
    assert "On it." in again


@pytest.mark.only_on("sqlite")
def test_a_write_from_another_process_shows_on_every_worker(gunicorn):
    agent = make_user("agent")
    ticket = make_ticket(subject="Seen by both workers")
    server = gunicorn(workers=2)
    web = WebClient(server.url)
    web.sign_in(agent.email)
    path = f"/tickets/{ticket.number}"
    for _ in range(20):  # each a new connection: both workers draw the page and keep it
        assert "Seen by both workers" in web.get(path).text

    service.reply(ticket=ticket, author=agent, body="Answered from another process.", kind="note")

    pages = [web.get(path).text for _ in range(20)]
    assert all("Answered from another process." in page for page in pages)


def test_no_page_is_kept_when_the_setting_is_zero(app):
    unkept = create_app({**app.config, "PAGE_CACHE_MB": 0})  # another worker, so set
    browser = unkept.test_client()
    sent = []
    with unkept.app_context():
        email = make_user("agent").email
        make_ticket()
        event.listen(db.engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    try:
        assert sign_in(browser, email).status_code == 302
        browser.get("/agent/tickets")
        sent.clear()
        browser.get("/agent/tickets")
    finally:
        with unkept.app_context():
            db.session.remove()
            db.engine.dispose()

    assert len(sent) > 2
    assert not any("data_version" in statement for statement in sent)


def test_a_demoted_agent_is_refused_the_queue_they_were_sent_before(login):
    agent_browser, agent = login("agent")
    assert agent_browser.get("/agent/tickets").status_code == 200

    agent.role = "customer"
    db.session.commit()

    assert agent_browser.get("/agent/tickets").status_code == 403


def test_readers_of_an_article_leave_the_agents_pages_kept(client, login, statements):
    agent_browser, _agent = login("agent")
    article = make_article(title="Resetting a password")
    agent_browser.get("/agent/tickets")

    assert client.get(f"/kb/{article.slug}").status_code == 200
    statements.clear()
    agent_browser.get("/agent/tickets")

    assert len(statements) == 2


def test_a_database_without_the_version_table_keeps_no_page_and_still_writes(tmp_path):
    url = f"sqlite:///{tmp_path}/unmigrated.db"
    with create_app({"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": url}).app_context():
        db.create_all()
        DataVersion.__table__.drop(db.engine)
    unmigrated = create_app({"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": url})

    with unmigrated.app_context():
        customer = make_user("customer")
        make_ticket(customer=customer, subject="Written without the table")
        db.session.remove()
        db.engine.dispose()

    assert "page_cache" not in unmigrated.extensions

"""Webhooks: admins register addresses for events; each event queues a delivery in the same
transaction as the change that causes it; `flask webhooks send` posts it, signed with
HMAC-SHA256, to the receiver and retries failures with backoff, keeping a delivery log.

Deliveries go to a real HTTP server on 127.0.0.1 started by the `receiver` fixture below. It is
kept in this module (not tests/conftest.py) because only these tests need it.
"""

import hashlib
import hmac
import json
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.ideas import service as ideas
from helpdesk.surveys import service as surveys
from helpdesk.surveys.models import SurveyInvitation
from helpdesk.tickets import notifications
from helpdesk.tickets import service as tickets
from helpdesk.tickets.models import Ticket
from helpdesk.webhooks import service
from helpdesk.webhooks.models import Delivery, Event, Webhook
from tests.factories import make_idea, make_ticket, make_user

ALL_EVENTS = [event.value for event in Event]
TICKET_EVENTS = ["ticket.created", "ticket.replied", "ticket.resolved"]
FEEDBACK_EVENTS = ["survey.answered", "idea.status_changed"]
PUBLIC_URL = "https://hooks.example.com/helpdesk"

# Sentiment plays no part here; the rules alone spare training the shipped model.
pytestmark = pytest.mark.usefixtures("rules_only")


# --- A real receiver -------------------------------------------------------------------------


@dataclass
class Received:
    """One request the receiver was sent, exactly as it arrived."""

    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    at: datetime  # the helpdesk's (frozen) clock when it arrived


@dataclass
class Receiver:
    """What the test server was sent, and how it answers: `answers` first, then `status`."""

    url: str
    requests: list[Received] = field(default_factory=list)
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    status: int = 200

    def answer(self, status: int, **headers: str) -> None:
        self.answers.append((status, headers))

    def next_answer(self) -> tuple[int, dict[str, str]]:
        return self.answers.pop(0) if self.answers else (self.status, {})


def _handler_for(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self._record_and_answer(self.rfile.read(int(self.headers.get("Content-Length", 0))))

        def do_GET(self) -> None:
            self._record_and_answer(b"")

        def _record_and_answer(self, body: bytes) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            receiver.requests.append(Received(self.command, self.path, headers, body, clock.now()))
            status, extra = receiver.next_answer()
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format, *args) -> None:  # keep the test output quiet
            pass

    return Handler


@pytest.fixture
def receiver(app, monkeypatch) -> Iterator[Receiver]:
    """An HTTP server on a free local port that records what it is posted and answers with
    the status the test sets. Private addresses are allowed so webhooks may point at it."""
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # post straight to 127.0.0.1
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    recorder = Receiver(url=f"http://127.0.0.1:{server.server_port}/hooks/helpdesk")
    server.RequestHandlerClass = _handler_for(recorder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield recorder
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def closed_port(app) -> Iterator[int]:
    """A local port that refuses connections: bound (so nothing else takes it), not listening."""
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


# --- Helpers ---------------------------------------------------------------------------------


@pytest.fixture
def admin(app):
    return make_user("admin")


def register(admin, url: str = PUBLIC_URL, events=ALL_EVENTS, active: bool = True) -> Webhook:
    webhook = service.register(url=url, events=list(events), actor=admin)
    if not active:
        service.update_webhook(webhook_id=webhook.id, url=url, events=list(events), active=False)
    return webhook


def all_deliveries() -> list[Delivery]:
    return db.session.scalars(select(Delivery).order_by(Delivery.id)).all()


def delivery_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Delivery))


def webhook_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Webhook))


class NewDeliveries:
    """The (event, webhook id) of each delivery queued since the last look."""

    def __init__(self) -> None:
        self.seen = 0

    def __call__(self) -> list[tuple[str, int]]:
        fresh = db.session.scalars(
            select(Delivery).where(Delivery.id > self.seen).order_by(Delivery.id)
        ).all()
        if fresh:
            self.seen = fresh[-1].id
        return sorted((delivery.event, delivery.webhook_id) for delivery in fresh)


def field_error(page: str, field_id: str) -> str | None:
    """The message shown next to a form field, if any."""
    found = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    return found[1] if found else None


def independent_signature_ok(secret: str, header: str, body: bytes) -> bool:
    """The check a receiver in another language writes from the documentation."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(
        secret.encode(), fields["t"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


def resolve_with_survey(ticket: Ticket) -> SurveyInvitation:
    """An agent answers and resolves the ticket, which invites the customer to a survey."""
    agent = make_user("agent")
    tickets.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    tickets.reply(ticket=ticket, author=agent, body="A new one is on its way.", kind="reply")
    tickets.change_status(ticket=ticket, actor=agent, status="resolved")
    return db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.ticket_id == ticket.id)
    )


# --- The admin pages -------------------------------------------------------------------------


def test_an_admin_registers_a_webhook_and_its_page_shows_the_secret(login):
    browser, admin = login("admin")

    response = browser.post(
        "/admin/webhooks",
        data={"url": PUBLIC_URL, "events": ["ticket.resolved", "ticket.created"]},
    )

    webhook = db.session.scalar(select(Webhook))
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == f"/admin/webhooks/{webhook.id}"
    assert webhook.url == PUBLIC_URL and webhook.active and webhook.created_by_id == admin.id
    assert webhook.events == ["ticket.created", "ticket.resolved"]
    assert re.fullmatch(r"[0-9a-f]{64}", webhook.secret)
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert webhook.secret in page and "Give its secret to the receiver" in page
    listing = browser.get("/admin/webhooks").get_data(as_text=True)
    assert PUBLIC_URL in listing and "ticket.created, ticket.resolved" in listing
    assert webhook.secret not in listing
    browser.post("/admin/webhooks", data={"url": PUBLIC_URL, "events": ["ticket.created"]})
    assert len(set(db.session.scalars(select(Webhook.secret)))) == 2  # each its own secret


BAD_INPUT = [
    ({"url": PUBLIC_URL}, "events", "Choose at least one event."),
    ({"url": PUBLIC_URL, "events": ["ticket.deleted"]}, "events", "not a valid choice"),
    ({"events": ["ticket.created"]}, "url", "Give the address to post to."),
    (
        {"url": "ftp://hooks.example.com/helpdesk", "events": ["ticket.created"]},
        "url",
        "Give a full http:// or https:// address.",
    ),
    (
        {"url": "https://ana:hunter2@hooks.example.com/", "events": ["ticket.created"]},
        "url",
        "Leave passwords out of the address",
    ),
]


def test_bad_input_is_explained_next_to_its_field_and_registers_nothing(login):
    browser, _ = login("admin")

    for data, field_id, message in BAD_INPUT:
        response = browser.post("/admin/webhooks", data=data)

        assert response.status_code == 422, data
        assert message in (field_error(response.get_data(as_text=True), field_id) or ""), data
    assert webhook_count() == 0


LOCAL_ADDRESSES = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://api.localhost/hook",
    "http://[::1]/hook",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://169.254.169.254/latest/meta-data",
    # Other spellings of 127.0.0.1 that the system's resolver (and so urllib) accepts too:
    "http://127.1/hook",
    "http://2130706433/hook",
    "http://0x7f.0.0.1/hook",
]


def test_local_and_private_addresses_are_refused_unless_allowed(app, login):
    assert app.config["WEBHOOKS_ALLOW_PRIVATE"] is False
    browser, _ = login("admin")
    refusal = "That address is on this machine or a private network"

    shown = {}
    for url in LOCAL_ADDRESSES:
        response = browser.post("/admin/webhooks", data={"url": url, "events": ["ticket.created"]})
        shown[url] = field_error(response.get_data(as_text=True), "url") or ""

    assert [url for url, message in shown.items() if refusal not in message] == []
    assert webhook_count() == 0

    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    response = browser.post(
        "/admin/webhooks", data={"url": "http://127.0.0.1:8000/hook", "events": ["ticket.created"]}
    )
    assert response.status_code == 302 and webhook_count() == 1


def test_an_admin_pauses_a_webhook_on_its_page_and_it_is_told_nothing_more(login, admin):
    browser, _ = login("admin")
    webhook = register(admin, events=["ticket.created"])

    response = browser.post(
        f"/admin/webhooks/{webhook.id}",
        data={"url": PUBLIC_URL, "events": ["ticket.created", "ticket.replied"]},  # no "active"
    )

    assert response.status_code == 302
    db.session.refresh(webhook)
    assert webhook.active is False and webhook.events == ["ticket.created", "ticket.replied"]
    listing = browser.get("/admin/webhooks").get_data(as_text=True)
    assert '<td data-label="State">paused</td>' in listing
    make_ticket()
    assert delivery_count() == 0


def test_editing_a_webhook_refuses_a_bad_address_and_keeps_the_old_one(login, admin):
    browser, _ = login("admin")
    webhook = register(admin, events=["ticket.created"])

    response = browser.post(
        f"/admin/webhooks/{webhook.id}",
        data={"url": "http://localhost:9000/", "events": ["ticket.created"], "active": "y"},
    )

    assert response.status_code == 422
    assert "private network" in field_error(response.get_data(as_text=True), "url")
    db.session.refresh(webhook)
    assert webhook.url == PUBLIC_URL


def test_removing_a_webhook_removes_its_delivery_log_and_sending_goes_on(login, admin):
    browser, _ = login("admin")
    removed = register(admin, events=["ticket.created"])
    make_ticket()
    assert delivery_count() == 1

    response = browser.post(f"/admin/webhooks/{removed.id}/delete")

    assert response.status_code == 302
    assert webhook_count() == 0 and delivery_count() == 0
    assert service.send_pending().attempted == 0


def test_only_admins_may_see_or_change_webhooks(login, admin):
    webhook = register(admin, events=["ticket.created"])
    make_ticket()
    delivery = all_deliveries()[0]
    form = {"url": "https://attacker.example.com/", "events": ALL_EVENTS}
    attempts = [
        ("GET", "/admin/webhooks", None),
        ("POST", "/admin/webhooks", form),
        ("GET", f"/admin/webhooks/{webhook.id}", None),
        ("POST", f"/admin/webhooks/{webhook.id}", form),
        ("POST", f"/admin/webhooks/{webhook.id}/delete", {}),
        ("POST", f"/admin/webhooks/deliveries/{delivery.id}/redeliver", {}),
    ]

    for role in ("customer", "agent", "supervisor"):
        browser, _ = login(role)
        for method, path, data in attempts:
            response = browser.open(path, method=method, data=data)
            assert response.status_code == 403, (role, method, path)
            assert webhook.secret not in response.get_data(as_text=True)

    db.session.refresh(webhook)
    assert webhook_count() == 1 and webhook.url == PUBLIC_URL and webhook.active
    assert webhook.events == ["ticket.created"] and delivery_count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, admin):
    webhook = register(admin)

    for method, path in [
        ("GET", "/admin/webhooks"),
        ("POST", "/admin/webhooks"),
        ("GET", f"/admin/webhooks/{webhook.id}"),
        ("POST", f"/admin/webhooks/{webhook.id}/delete"),
    ]:
        response = client.open(path, method=method)
        assert response.status_code == 302, (method, path)
        assert urlsplit(response.headers["Location"]).path == "/login"
    assert webhook_count() == 1


# --- Queueing --------------------------------------------------------------------------------


def test_each_event_queues_one_delivery_per_active_webhook_that_wants_it(admin):
    everything = register(admin, events=ALL_EVENTS)
    ticket_hook = register(admin, events=TICKET_EVENTS)
    feedback_hook = register(admin, events=FEEDBACK_EVENTS)
    register(admin, events=ALL_EVENTS, active=False)
    new = NewDeliveries()
    customer, agent = make_user("customer"), make_user("agent")

    ticket = make_ticket(customer=customer)
    assert new() == [("ticket.created", everything.id), ("ticket.created", ticket_hook.id)]

    tickets.reply(ticket=ticket, author=agent, body="Which order is it?", kind="reply")
    assert new() == [("ticket.replied", everything.id), ("ticket.replied", ticket_hook.id)]

    tickets.reply(ticket=ticket, author=customer, body="Order 55512.")
    assert new() == [("ticket.replied", everything.id), ("ticket.replied", ticket_hook.id)]

    invitation = resolve_with_survey(ticket)
    assert new() == [
        ("ticket.replied", everything.id),
        ("ticket.replied", ticket_hook.id),
        ("ticket.resolved", everything.id),
        ("ticket.resolved", ticket_hook.id),
    ]

    surveys.answer(token=invitation.token, csat=5)
    assert new() == [("survey.answered", everything.id), ("survey.answered", feedback_hook.id)]

    idea = make_idea()
    assert new() == []  # a new idea is no event
    ideas.change_status(idea=idea, actor=agent, status="planned", note="Next quarter.")
    assert new() == [
        ("idea.status_changed", everything.id),
        ("idea.status_changed", feedback_hook.id),
    ]


def test_an_internal_note_queues_nothing_but_a_public_reply_does(admin):
    hook = register(admin, events=["ticket.replied"])
    ticket = make_ticket()
    agent = make_user("agent")

    tickets.reply(ticket=ticket, author=agent, body="Customer is on the VIP list.", kind="note")
    assert delivery_count() == 0

    tickets.reply(ticket=ticket, author=agent, body="We are on it.", kind="reply")
    assert [(d.event, d.webhook_id) for d in all_deliveries()] == [("ticket.replied", hook.id)]
    assert "VIP" not in json.dumps(all_deliveries()[0].payload)


def test_a_change_that_is_rolled_back_queues_nothing(admin, monkeypatch):
    register(admin, events=["ticket.resolved"])
    ticket = make_ticket()
    agent = make_user("agent")
    queued_inside_the_change = []

    def mail_system_down(ticket):  # runs after the resolution's event, in its transaction
        queued_inside_the_change.append(delivery_count())
        raise RuntimeError("the mail system is down")

    monkeypatch.setattr(notifications, "ticket_resolved", mail_system_down)

    with pytest.raises(RuntimeError):
        tickets.change_status(ticket=ticket, actor=agent, status="resolved")

    assert queued_inside_the_change == [1]  # the delivery was queued with the change...
    assert delivery_count() == 0  # ...and went with it
    assert db.session.get(Ticket, ticket.id).status != "resolved"
    assert service.send_pending().attempted == 0


def test_a_resolution_queues_once_even_when_resolved_again(admin):
    """Closing and stepping back to resolved is no new resolution."""
    register(admin, events=["ticket.resolved"])
    ticket = make_ticket()
    agent = make_user("agent")
    tickets.change_status(ticket=ticket, actor=agent, status="resolved")
    tickets.change_status(ticket=ticket, actor=agent, status="closed")
    tickets.change_status(ticket=ticket, actor=agent, status="resolved")

    assert [d.event for d in all_deliveries()] == ["ticket.resolved"]


# --- Sending ---------------------------------------------------------------------------------


def test_a_delivery_reaches_the_receiver_signed_with_the_webhooks_secret(admin, receiver):
    webhook = register(admin, url=receiver.url, events=["ticket.created"])
    ticket = make_ticket(subject="Zip broke", body="The zip on my jacket broke.")
    delivery = all_deliveries()[0]

    report = service.send_pending()

    assert (report.delivered, report.retried, report.failed) == (1, 0, 0)
    [request] = receiver.requests
    assert (request.method, request.path) == ("POST", "/hooks/helpdesk")
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-helpdesk-event"] == "ticket.created"
    assert request.headers["x-helpdesk-delivery"] == str(delivery.id)
    header = request.headers["x-helpdesk-signature"]
    assert re.fullmatch(r"t=\d+,v1=[0-9a-f]{64}", header)
    assert header.startswith(f"t={int(clock.now().timestamp())},")
    assert service.verify(webhook.secret, header, request.body, clock.now())
    assert independent_signature_ok(webhook.secret, header, request.body)

    payload = json.loads(request.body)
    assert payload["id"] == delivery.id and payload["event"] == "ticket.created"
    assert payload["occurred_at"] == clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    sent = payload["data"]["ticket"]
    assert (sent["number"], sent["subject"], sent["status"]) == (ticket.number, "Zip broke", "new")
    assert sent["customer_id"] == ticket.customer_id
    assert sent["url"].endswith(f"/tickets/{ticket.number}")
    assert payload["data"]["message"]["body"] == "The zip on my jacket broke."

    db.session.refresh(delivery)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 1, 200)
    assert delivery.last_error == "" and delivery.delivered_at == clock.now()
    assert service.send_pending().attempted == 0  # sent once only
    assert len(receiver.requests) == 1


def test_a_tampered_body_a_wrong_secret_or_an_old_signature_fail_verification(admin, receiver):
    webhook = register(admin, url=receiver.url, events=["ticket.created"])
    make_ticket(subject="Refund please")
    service.send_pending()
    [request] = receiver.requests
    header, body, now = request.headers["x-helpdesk-signature"], request.body, clock.now()
    tampered = body.replace(b"Refund please", b"Refund twice")
    assert tampered != body

    assert service.verify(webhook.secret, header, body, now)
    assert not service.verify(webhook.secret, header, tampered, now)
    assert not independent_signature_ok(webhook.secret, header, tampered)
    assert not service.verify("0" * 64, header, body, now)
    assert not independent_signature_ok("0" * 64, header, body)
    assert not service.verify(webhook.secret, header, body, now + timedelta(minutes=10))
    assert not service.verify(webhook.secret, header, body, now - timedelta(minutes=10))


@pytest.mark.parametrize(
    "header",
    ["", "nonsense", "t=soon,v1=abc", "v1=abc", "t=1772443800", "t=1772443800,v1=ü"],
    ids=["empty", "no-fields", "bad-time", "no-time", "no-mac", "non-ascii-mac"],
)
def test_a_malformed_signature_header_is_refused_not_an_error(header):
    body = b'{"event":"ticket.created"}'
    now = datetime.fromtimestamp(1772443800, UTC)

    assert service.verify("s3cret", header, body, now) is False


def test_every_event_sends_what_it_is_about(admin, receiver):
    register(admin, url=receiver.url, events=ALL_EVENTS)
    ticket = make_ticket()
    invitation = resolve_with_survey(ticket)
    surveys.answer(token=invitation.token, csat=2, comment="Slow.")
    idea = make_idea(title="Dark mode in the app")
    ideas.change_status(idea=idea, actor=make_user("agent"), status="planned", note="In May.")

    assert service.send_pending().delivered == 5
    sent = {
        request.headers["x-helpdesk-event"]: json.loads(request.body)
        for request in receiver.requests
    }
    assert list(sent) == [
        "ticket.created",
        "ticket.replied",
        "ticket.resolved",
        "survey.answered",
        "idea.status_changed",
    ]
    for event, payload in sent.items():
        assert payload["event"] == event
    assert sent["ticket.replied"]["data"]["message"]["body"] == "A new one is on its way."
    resolved = sent["ticket.resolved"]["data"]["ticket"]
    assert (resolved["number"], resolved["status"]) == (ticket.number, "resolved")
    assert resolved["resolved_at"] == clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    answer = sent["survey.answered"]["data"]
    assert answer["ticket"]["number"] == ticket.number
    assert (answer["answer"]["csat"], answer["answer"]["comment"]) == (2, "Slow.")
    moved = sent["idea.status_changed"]["data"]["idea"]
    assert (moved["id"], moved["title"]) == (idea.id, "Dark mode in the app")
    assert (moved["old_status"], moved["status"], moved["note"]) == ("new", "planned", "In May.")


def test_a_failed_delivery_is_retried_after_the_backoff_and_the_log_shows_why(
    login, admin, receiver
):
    webhook = register(admin, url=receiver.url, events=["ticket.created"])
    make_ticket()
    delivery = all_deliveries()[0]
    receiver.answer(500)
    first_try = clock.now()

    report = service.send_pending()

    assert (report.delivered, report.retried, report.failed) == (0, 1, 0)
    db.session.refresh(delivery)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
    assert delivery.last_error == "HTTP 500 Internal Server Error"
    assert delivery.next_attempt_at == first_try + service.BACKOFF[0]
    browser, _ = login("admin")
    log = browser.get(f"/admin/webhooks/{webhook.id}").get_data(as_text=True)
    assert "HTTP 500 Internal Server Error" in log and "pending" in log

    clock.advance(service.BACKOFF[0] - timedelta(seconds=1))
    assert service.send_pending().attempted == 0  # not due yet
    assert len(receiver.requests) == 1

    clock.advance(timedelta(seconds=1))
    assert service.send_pending().delivered == 1

    first, second = receiver.requests
    assert second.body == first.body  # the same delivery, sent again...
    assert second.headers["x-helpdesk-delivery"] == first.headers["x-helpdesk-delivery"]
    header = second.headers["x-helpdesk-signature"]  # ...signed at the time of the retry
    assert header.startswith(f"t={int(clock.now().timestamp())},")
    assert service.verify(webhook.secret, header, second.body, clock.now())
    db.session.refresh(delivery)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 2, 200)
    assert delivery.last_error == ""


def test_after_max_attempts_a_delivery_fails_and_redelivery_sends_it_again(login, admin, receiver):
    webhook = register(admin, url=receiver.url, events=["ticket.created"])
    make_ticket()
    delivery = all_deliveries()[0]
    receiver.status = 503

    for attempt in range(1, service.MAX_ATTEMPTS + 1):
        report = service.send_pending()
        assert report.attempted == 1, attempt
        if attempt < service.MAX_ATTEMPTS:
            assert report.retried == 1
            clock.advance(service.BACKOFF[attempt - 1])
    assert report.failed == 1

    arrivals = [request.at for request in receiver.requests]
    assert [later - earlier for earlier, later in pairwise(arrivals)] == list(service.BACKOFF)
    db.session.refresh(delivery)
    assert (delivery.status, delivery.attempts) == ("failed", service.MAX_ATTEMPTS)
    assert (delivery.response_status, delivery.next_attempt_at) == (503, None)
    assert delivery.last_error == "HTTP 503 Service Unavailable"
    clock.advance(timedelta(days=7))
    assert service.send_pending().attempted == 0  # given up
    assert len(receiver.requests) == service.MAX_ATTEMPTS

    browser, _ = login("admin")
    response = browser.post(f"/admin/webhooks/deliveries/{delivery.id}/redeliver")
    assert urlsplit(response.headers["Location"]).path == f"/admin/webhooks/{webhook.id}"
    db.session.refresh(delivery)
    assert delivery.status == "pending"

    receiver.status = 200
    assert service.send_pending().delivered == 1
    assert len(receiver.requests) == service.MAX_ATTEMPTS + 1
    assert receiver.requests[-1].body == receiver.requests[0].body
    db.session.refresh(delivery)
    assert (delivery.status, delivery.response_status) == ("delivered", 200)


def test_a_refused_connection_is_logged_as_an_error_and_retried(admin, closed_port):
    register(admin, url=f"http://127.0.0.1:{closed_port}/hook", events=["ticket.created"])
    make_ticket()
    delivery = all_deliveries()[0]

    assert service.send_pending().retried == 1

    db.session.refresh(delivery)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 1, None)
    assert "Connection refused" in delivery.last_error
    clock.advance(service.BACKOFF[0])
    assert service.send_pending().retried == 1
    db.session.refresh(delivery)
    assert (delivery.status, delivery.attempts) == ("pending", 2)
    assert delivery.next_attempt_at == clock.now() + service.BACKOFF[1]


def test_a_redirect_is_not_followed_and_does_not_count_as_delivered(admin, receiver):
    """Following it would post nowhere useful (urllib turns the POST into a bodiless GET) and
    would let a public address send the helpdesk to a private one."""
    register(admin, url=receiver.url, events=["ticket.created"])
    make_ticket()
    receiver.answer(302, Location="/internal/admin")

    report = service.send_pending()

    assert [(r.method, r.path) for r in receiver.requests] == [("POST", "/hooks/helpdesk")]
    assert report.delivered == 0
    delivery = all_deliveries()[0]
    assert (delivery.status, delivery.response_status) == ("pending", 302)


def test_flask_webhooks_send_says_what_it_did(runner, admin, receiver):
    register(admin, url=receiver.url, events=["ticket.created"])
    make_ticket()
    make_ticket()
    make_ticket()
    receiver.answer(200)
    receiver.answer(500)

    result = runner.invoke(args=["webhooks", "send", "--limit", "2"])

    assert result.exit_code == 0, result.output
    assert result.output == "Delivered 1, will retry 1, failed 0.\n"
    assert len(receiver.requests) == 2

    result = runner.invoke(args=["webhooks", "send"])
    assert result.output == "Delivered 1, will retry 0, failed 0.\n"
    result = runner.invoke(args=["webhooks", "send"])
    assert result.output == "Nothing to send.\n"

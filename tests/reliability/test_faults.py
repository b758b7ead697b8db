"""Faults: the server killed outright in the middle of writes, PostgreSQL going away under the
app and coming back, the mail server down while the outbox sends. Nothing acknowledged is
lost, the database stays whole, and the app recovers without a restart."""

import socket
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
from sqlalchemy import exists, func, select
from sqlalchemy.engine import make_url

from helpdesk import clock
from helpdesk.backup import sqlite_path
from helpdesk.extensions import db
from helpdesk.outbox.models import OutboxEmail
from helpdesk.tickets import service as tickets
from helpdesk.tickets.models import Message, Ticket
from tests.conftest import free_port
from tests.factories import make_ticket, make_user
from tests.reliability.web import WebClient, hidden_fields

WRITERS = 8


@pytest.mark.long_running
@pytest.mark.only_on("sqlite")
def test_a_server_killed_mid_write_keeps_every_acknowledged_ticket(gunicorn):
    emails = [make_user("customer").email for _ in range(WRITERS)]
    server = gunicorn(workers=2)
    acknowledged: list[str] = []
    under_way, killed = threading.Event(), threading.Event()

    def write(number: int) -> None:
        web = WebClient(server.url)
        web.sign_in(emails[number])
        for sent in range(1000):
            subject = f"Writer {number} ticket {sent}"
            try:
                page = web.get("/tickets/new").text
                form = hidden_fields(page, "/tickets/new")
                answer = web.post(
                    "/tickets/new", {**form, "subject": subject, "body": "Sent under load."}
                )
            except (requests.ConnectionError, AssertionError):
                return  # the server is gone; what it acknowledged is what counts
            if answer.status_code == 302:
                acknowledged.append(subject)
                if len(acknowledged) >= 20:
                    under_way.set()
            if killed.is_set():
                return

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        running = [pool.submit(write, number) for number in range(WRITERS)]
        assert under_way.wait(timeout=120), "the writers did not get going"
        server.kill()
        killed.set()
        for future in running:
            future.result()

    with sqlite3.connect(sqlite_path()) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restarted = gunicorn(workers=2)
    assert requests.get(restarted.url + "/healthz", timeout=120).status_code == 200
    db.session.expire_all()
    stored = set(db.session.scalars(select(Ticket.subject)))
    assert set(acknowledged) <= stored
    assert len(acknowledged) >= 20
    without_message = select(Ticket.id).where(~exists().where(Message.ticket_id == Ticket.id))
    assert db.session.scalars(without_message).all() == []  # no ticket half-saved


class Cuttable:
    """A TCP proxy in front of PostgreSQL that a test can cut and reconnect: to the app, the
    database restarts (every connection dropped, new ones refused), then comes back."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.links: list[socket.socket] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.links += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread: no more links
        self.listener.close()
        with self.lock:
            links, self.links = self.links, []
        for end in links:
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()


@pytest.fixture
def cuttable_postgres(database_url):
    url = make_url(database_url)
    proxy = Cuttable((url.host, url.port or 5432))
    proxy.start()
    yield proxy, url.set(port=proxy.port).render_as_string(hide_password=False)
    proxy.cut()


@pytest.mark.only_on("postgresql")
def test_postgresql_going_away_fails_requests_cleanly_and_the_app_recovers(
    gunicorn, cuttable_postgres
):
    proxy, proxied_url = cuttable_postgres
    customer = make_user("customer")
    ticket_number = make_ticket(customer=customer, subject="Through the outage").number
    server = gunicorn(url=proxied_url, workers=2)
    web = WebClient(server.url)
    web.sign_in(customer.email)
    page = f"/tickets/{ticket_number}"
    assert web.get(page).status_code == 200
    form = hidden_fields(web.get(page).text, f"{page}/reply")

    proxy.cut()
    during = [web.get(page) for _ in range(4)]
    refused = web.post(f"{page}/reply", {**form, "body": "Sent while the database was away."})
    proxy.start()
    after = [web.get(page) for _ in range(4)]
    form = hidden_fields(after[-1].text, f"{page}/reply")
    replied = web.post(f"{page}/reply", {**form, "body": "Sent once it was back."})

    assert {answer.status_code for answer in during} == {503}
    assert "The database is not answering" in during[0].text
    assert during[0].headers["Retry-After"] == "5"
    assert refused.status_code == 503
    assert {answer.status_code for answer in after} == {200}
    assert replied.status_code == 302
    db.session.expire_all()
    bodies = set(db.session.scalars(select(Message.body)))
    assert "Sent once it was back." in bodies
    assert "Sent while the database was away." not in bodies
    assert "Traceback" not in server.log.read_text()


def test_mail_server_down_while_sending_loses_nothing_and_delivers_later(app, runner, smtp_server):
    agent = make_user("agent")
    for number in range(3):
        ticket = make_ticket(customer=make_user("customer"), subject=f"Question {number}")
        tickets.reply(ticket=ticket, author=agent, body="Here is the answer.", kind="reply")
    queued = db.session.scalar(select(func.count()).select_from(OutboxEmail))
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER=smtp_server.host, MAIL_PORT=free_port())

    down = runner.invoke(args=["outbox", "send"])

    assert down.exit_code == 0, down.output
    assert all(email.status == "pending" for email in db.session.scalars(select(OutboxEmail)))
    app.config["MAIL_PORT"] = smtp_server.port
    clock.advance(timedelta(minutes=1))

    up = runner.invoke(args=["outbox", "send"])

    assert up.exit_code == 0, up.output
    db.session.expire_all()
    assert {email.status for email in db.session.scalars(select(OutboxEmail))} == {"sent"}
    assert len(smtp_server.received) == queued == 3
    assert runner.invoke(args=["outbox", "send"]).exit_code == 0
    assert len(smtp_server.received) == 3  # nothing sent twice

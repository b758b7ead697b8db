"""Fixtures: the app on a fresh database (SQLite, and PostgreSQL where reachable), logins."""

import contextvars
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from jinja2 import ChoiceLoader, FileSystemLoader
from sqlalchemy import delete, event, select, text
from werkzeug.serving import make_server

from helpdesk import clock, create_app, sentiment
from helpdesk.extensions import db
from helpdesk.outbox import service as outbox_service
from helpdesk.outbox.delivery import DeliveryError
from helpdesk.outbox.models import OutboxEmail
from helpdesk.page_cache import DataVersion
from helpdesk.playbooks import service as playbooks_service
from helpdesk.reports import cache as report_cache
from helpdesk.surveys.models import SurveyInvitation
from helpdesk.tickets.models import DEFAULT_CATEGORIES, Category
from tests.factories import DEFAULT_PASSWORD, make_ticket, make_user

POSTGRES_SERVER = os.environ.get(
    "HELPDESK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ("sqlite", "postgresql")
FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _postgres_reachable() -> str | None:
    """None when the server answers, else why not."""
    try:
        with psycopg.connect(POSTGRES_SERVER, connect_timeout=3):
            return None
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]


POSTGRES_SKIPPED = "PostgreSQL not reachable"


def _require_postgres() -> None:
    problem = _postgres_reachable()
    if problem is None:
        return
    message = f"{POSTGRES_SKIPPED} at {POSTGRES_SERVER} ({problem})"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI must run the PostgreSQL half", pytrace=False)
    pytest.skip(message + "; set HELPDESK_TEST_POSTGRES to run the PostgreSQL half")


def pytest_terminal_summary(terminalreporter) -> None:
    """Say once, at the end, that the PostgreSQL half did not run, how much of it, and why
    (read from the skipped tests' reports, so it works with `pytest -n` too)."""
    reasons = [
        report.longrepr[2]
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and POSTGRES_SKIPPED in report.longrepr[2]
    ]
    if reasons:
        reason = reasons[0].removeprefix("Skipped: ")
        terminalreporter.write_line(
            f"The PostgreSQL half of the suite was skipped ({len(reasons)} tests): {reason}.",
            yellow=True,
            bold=True,
        )


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked only_on("sqlite") (or "postgresql") are not run on the other backend, and
    the tests marked long_running run first."""
    kept, dropped = [], []
    for item in items:
        marker = item.get_closest_marker("only_on")
        backend = getattr(item, "callspec", None) and item.callspec.params.get("backend")
        if marker and backend and backend not in marker.args:
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    # The long tests first: started last, one of them keeps a worker busy after the rest end.
    items[:] = sorted(kept, key=lambda item: item.get_closest_marker("long_running") is None)


class PostgresDatabase:
    """A database created for this test run on the PostgreSQL server, dropped afterwards."""

    def __init__(self) -> None:
        self.name = f"helpdesk_test_{uuid.uuid4().hex[:12]}"
        self.url = POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{self.name}"
        self.url = self.url.replace("postgresql://", "postgresql+psycopg://", 1)

    def create(self) -> None:
        with psycopg.connect(POSTGRES_SERVER, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        with psycopg.connect(POSTGRES_SERVER, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    """Which database the test runs on; every database test runs once on each."""
    if request.param == "postgresql":
        _require_postgres()
    return request.param


def new_database_url(backend: str, tmp_path_factory, request) -> str:
    """An empty database of the given kind, removed when the requesting scope ends."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'helpdesk.db'}"
    database = PostgresDatabase()
    database.create()
    request.addfinalizer(database.drop)
    return database.url


class MigratedDatabases:
    """Each backend's database for this test process, made and migrated on first use and kept
    to the end of the run: tests reach the backends in turns (modules alternate, and so do the
    workers of `pytest -n`), and migrating again at every turn cost minutes."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self.finalizers: list[Callable[[], None]] = []

    def addfinalizer(self, finalizer: Callable[[], None]) -> None:
        self.finalizers.append(finalizer)

    def url(self, backend: str, tmp_path_factory) -> str:
        if backend not in self.urls:
            url = new_database_url(backend, tmp_path_factory, self)
            app = create_app(_test_config(url, tmp_path_factory.mktemp("instance")))
            with app.app_context():
                upgrade()
                db.engine.dispose()
            self.urls[backend] = url
        return self.urls[backend]


@pytest.fixture(scope="session")
def migrated_databases() -> Iterator[MigratedDatabases]:
    databases = MigratedDatabases()
    yield databases
    for finalizer in databases.finalizers:
        finalizer()


@pytest.fixture(scope="session")
def database_url(backend, migrated_databases, tmp_path_factory) -> str:
    """The test run's database of this backend, migrated to the newest schema once."""
    return migrated_databases.url(backend, tmp_path_factory)


@pytest.fixture
def empty_database_url(backend, tmp_path_factory, request) -> str:
    """A database with no schema at all, for migration tests."""
    return new_database_url(backend, tmp_path_factory, request)


def _test_config(url: str, instance_path) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        # The API's per-token limit has its own test; the others make many calls in a row.
        "API_RATE_LIMIT": "100000 per minute",
        "PUBLIC_WRITE_RATE_LIMIT": "100000 per minute",
        # Reports are waited for, however busy the machine: tests that look at the figures
        # served while a report computes in the background set this to 0 themselves.
        "REPORTS_WAIT_SECONDS": 600,
        # Fast hashing keeps the suite quick; production uses scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }


class Browser(FlaskClient):
    """A test client whose every request runs in its own app context, as in production.

    The test itself holds an app context for factories and queries; without this, requests
    would share its `g` (and Flask-Login's cached user) and its database session.
    """

    def open(self, *args, **kwargs):
        db.session.commit()  # the test's writes are visible to the request
        try:
            return contextvars.Context().run(super().open, *args, **kwargs)
        finally:
            db.session.commit()  # and the request's writes to the test's next query


def _empty_all_tables(backend: str) -> None:
    """Back to the state right after migrating: no rows but the default categories."""
    tables = db.metadata.sorted_tables
    if backend == "postgresql":
        names = ", ".join(f'"{table.name}"' for table in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(tables):
            db.session.execute(delete(table))
    db.session.add_all(
        Category(name=name, position=position)
        for position, name in enumerate(DEFAULT_CATEGORIES, start=1)
    )
    db.session.add(DataVersion(id=1, value=0))
    db.session.commit()


@pytest.fixture
def frozen_clock() -> Iterator[None]:
    """The app's clock stopped at FIXED_NOW for the test (tests move it with clock.advance)."""
    clock.freeze(FIXED_NOW)
    yield
    clock.unfreeze()


@pytest.fixture
def app(backend, database_url, tmp_path) -> Iterator[Flask]:
    """The app on the test run's database, emptied after each test, with the clock frozen."""
    clock.freeze(FIXED_NOW)
    app = create_app(_test_config(database_url, tmp_path / "instance"))
    app.test_client_class = Browser
    with app.app_context():
        yield app
        report_cache.settle()  # no report still computing on the tables about to be emptied
        db.session.rollback()
        _empty_all_tables(backend)
        db.session.remove()
        db.engine.dispose()
    clock.unfreeze()


@pytest.fixture(scope="module")
def seeded_demo(tmp_path_factory, request) -> Iterator[tuple[Flask, str]]:
    """A SQLite database seeded once with `seed-demo --tickets 60`, for tests that only read
    the demo's content (seeding takes seconds): the app, in its context, and the command's
    output. Tests must not write to it."""
    clock.freeze(FIXED_NOW)
    url = new_database_url("sqlite", tmp_path_factory, request)
    app = create_app(_test_config(url, tmp_path_factory.mktemp("instance")))
    app.test_client_class = Browser
    with app.app_context():
        upgrade()
        output = app.test_cli_runner().invoke(args=["seed-demo", "--tickets", "60"]).output
        yield app, output
        db.session.remove()
        db.engine.dispose()
    clock.unfreeze()


@pytest.fixture
def rules_only(monkeypatch):
    """The tagger as it runs when no model is shipped or trained: the rules alone, whose
    labels follow the HELPDESK_SENTIMENT_* thresholds."""
    monkeypatch.setattr(sentiment, "_default", sentiment.Tagger())


@pytest.fixture
def invitation(app) -> SurveyInvitation:
    """The survey invitation of a ticket an agent just resolved."""
    from helpdesk.tickets import service as tickets

    ticket = make_ticket(subject="Zip broke", body="The zip on my jacket broke, order 55512.")
    agent = make_user("agent")
    tickets.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    tickets.reply(ticket=ticket, author=agent, body="A new one is on its way.", kind="reply")
    tickets.change_status(ticket=ticket, actor=agent, status="resolved")
    return db.session.scalar(select(SurveyInvitation))


@pytest.fixture
def client(app) -> FlaskClient:
    """A browser with no one signed in."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs flask commands against the test app."""
    return app.test_cli_runner()


def without_tokens(page: str) -> str:
    """A page without its CSRF tokens' values (signed with the time they were made)."""
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', page)


def sign_in(client: FlaskClient, email: str, password: str = DEFAULT_PASSWORD):
    """Post the sign-in form the way a browser does."""
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def login(app):
    """login(role) makes a user of that role and returns (client, user) signed in as them."""

    def login_as(role: str = "customer", **overrides):
        user = make_user(role=role, **overrides)
        browser = app.test_client()
        response = sign_in(browser, user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return browser, user

    return login_as


class ApiClient:
    """A program calling the JSON API with a personal token (no cookies, no CSRF)."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client = client
        self.token = token

    def open(self, method: str, path: str, **kwargs):
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, path: str, **kwargs):
        return self.open("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.open("POST", path, **kwargs)

    def patch(self, path: str, **kwargs):
        return self.open("PATCH", path, **kwargs)

    def put(self, path: str, **kwargs):
        return self.open("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs):
        return self.open("DELETE", path, **kwargs)


@pytest.fixture
def api(app):
    """api(role) makes a user of that role with a token and returns (ApiClient, user)."""
    from helpdesk.auth import tokens

    def client_as(role: str = "customer", **overrides):
        user = make_user(role=role, **overrides)
        _row, token = tokens.create_token(user=user, name="tests")
        return ApiClient(app.test_client(), token), user

    return client_as


@pytest.fixture
def statements(app) -> Iterator[list[str]]:
    """The SQL statements the app sends while the test runs (append-only list)."""
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield sent
    event.remove(db.engine, "before_cursor_execute", record)


def free_port() -> int:
    """A local TCP port nothing listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class ReceivedEmail:
    """What the test SMTP server was given: the envelope and the parsed message."""

    mail_from: str
    recipients: list[str]
    message: EmailMessage


class RecordingSMTPServer:
    """An aiosmtpd handler that keeps what it accepts, or answers `refuse_with` to the data."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.received: list[ReceivedEmail] = []
        self.refuse_with: str | None = None  # e.g. "451 4.3.0 Try again later"

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse_with:
            return self.refuse_with
        # SMTP lines end in CRLF; read them as a mail client shows them.
        content = envelope.original_content.replace(b"\r\n", b"\n")
        message = message_from_bytes(content, policy=policy.default)
        self.received.append(ReceivedEmail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[RecordingSMTPServer]:
    """A real SMTP server on a free local port, collecting the messages it receives."""
    server = RecordingSMTPServer()
    controller = Controller(
        server, hostname=server.host, port=server.port, server_hostname="localhost"
    )
    controller.start()
    yield server
    controller.stop()


@pytest.fixture
def smtp_config(app, smtp_server):
    """The app set to deliver email through the test SMTP server."""
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SERVER=smtp_server.host,
        MAIL_PORT=smtp_server.port,
        MAIL_SENDER="Helpdesk <support@help.example.com>",
        BASE_URL="https://help.example.com",
    )
    return smtp_server


CHROMIUM = os.environ.get("HELPDESK_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not os.path.exists(CHROMIUM):
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test app served over real HTTP on a free local port, CSRF protection on."""
    app.config["WTF_CSRF_ENABLED"] = True
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def sign_in_page(page, email: str, password: str = DEFAULT_PASSWORD) -> None:
    """Sign in through the real form in a browser tab and wait for the next page."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser tab (phone-sized by default) pointed at the live server."""
    context = chromium.new_context(base_url=live_server, viewport={"width": 375, "height": 740})
    tab = context.new_page()
    yield tab
    context.close()


ROOT = Path(__file__).resolve().parent.parent


class Gunicorn:
    """The app served by a real gunicorn (sync workers, as deployed) on the test's database,
    in its own process group so a test can kill it outright."""

    def __init__(self, database_url: str, instance: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = instance / "gunicorn.log"
        self.workers = workers
        self.env = {
            **os.environ,
            "HELPDESK_DATABASE_URL": database_url,
            "HELPDESK_INSTANCE_PATH": str(instance),
            "HELPDESK_SECRET_KEY": "test-secret-key",
            "HELPDESK_PASSWORD_HASH": "pbkdf2:sha256:1000",
            "HELPDESK_PUBLIC_WRITE_RATE_LIMIT": "100000 per minute",
            "HELPDESK_MAIL_BACKEND": "log",
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> "Gunicorn":
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(self.workers),
            "--bind", f"127.0.0.1:{self.port}", "--timeout", "60",
            "--no-control-socket",  # one per user by default: parallel servers would share it
            "--preload",  # the app (and its tagger) built once, then forked: a quicker start
            "wsgi:app",
        ]  # fmt: skip
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        for _ in range(300):  # up to 30 s for the workers to import the app
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}") from None
                try:
                    self.process.wait(timeout=0.1)
                except subprocess.TimeoutExpired:
                    pass
        raise RuntimeError(f"gunicorn did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL the master and every worker: no shutdown, no flushing, as in a power cut."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


@pytest.fixture
def gunicorn(app, database_url, tmp_path) -> Iterator[Callable[..., Gunicorn]]:
    """gunicorn(url=None) starts the app under gunicorn on the test's database (or `url`).
    The server keeps real time, so the test's clock runs too: ask for this fixture before the
    ones that make data (survey links expire, SLAs start)."""
    started: list[Gunicorn] = []
    app.config["WTF_CSRF_ENABLED"] = True
    clock.unfreeze()

    def start(url: str | None = None, workers: int = 2) -> Gunicorn:
        server = Gunicorn(url or database_url, tmp_path, workers).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
    db.session.remove()


ARTIFACTS = Path(
    os.environ.get(
        "HELPDESK_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"
    )
)
# Chromium reports a Content-Security-Policy violation on the console; this makes sure each one
# is an error there with what was blocked, whatever the browser's own wording.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline";
  console.error(`CSP violation: ${event.violatedDirective} blocked ${blocked}`);
});
"""


class WatchedTabs:
    """Browser tabs (each its own session) whose console errors, page errors and CSP violations
    are collected, and screenshots of them saved in test-artifacts/<test>/ in order."""

    def __init__(self, chromium, base_url: str, folder: Path) -> None:
        self.chromium = chromium
        self.base_url = base_url
        self.folder = folder
        self.problems: list[str] = []
        self.contexts = []
        self.shots = 0

    def open(self, who: str, width: int = 1280, height: int = 860):
        context = self.chromium.new_context(
            base_url=self.base_url, viewport={"width": width, "height": height}
        )
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        self.contexts.append(context)
        tab = context.new_page()
        tab.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.problems.append(f"{who} on {tab.url}: {message.text}")
            ),
        )
        tab.on("pageerror", lambda error: self.problems.append(f"{who} on {tab.url}: {error}"))
        return tab

    def shot(self, tab, name: str) -> Path:
        self.shots += 1
        path = self.folder / f"{self.shots:02d}-{name}.png"
        tab.screenshot(path=path, full_page=True)
        return path

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def tabs(chromium, live_server, request) -> Iterator[WatchedTabs]:
    """watched tabs on the live server; screenshots go to test-artifacts/<test name>/."""
    folder = ARTIFACTS / request.node.name.replace("/", "_")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    watched = WatchedTabs(chromium, live_server, folder)
    yield watched
    watched.close()


# Outbox: an email template only the tests have, queueing with defaults, test backends.

GREETING_TXT = "Hello {{ name }},\nyour ticket is at {{ absolute_url(path) }}\n"
GREETING_HTML = """{% extends "email/_layout.html" %}
{% block content %}<p>Hello {{ name }},</p>
<p><a href="{{ absolute_url(path) }}">Open your ticket</a></p>{% endblock %}
"""


@pytest.fixture
def queue(app, tmp_path) -> Callable[..., OutboxEmail]:
    """queue(**overrides) queues a greeting (a template only the tests have) to ana@example.com."""
    folder = tmp_path / "email-templates"
    (folder / "email").mkdir(parents=True)
    (folder / "email" / "greeting.txt").write_text(GREETING_TXT)
    (folder / "email" / "greeting.html").write_text(GREETING_HTML)
    app.jinja_env.loader = ChoiceLoader([FileSystemLoader(folder), app.jinja_env.loader])

    def queue_greeting(**overrides) -> OutboxEmail:
        values = {
            "to": "ana@example.com",
            "subject": "Your ticket",
            "template": "greeting",
            "kind": "greeting",
            "name": "Ana",
            "path": "/tickets/7",
            **overrides,
        }
        return outbox_service.queue_email(**values)

    return queue_greeting


class RecordingBackend:
    """Delivers nothing; keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.messages.append(message)


class RefusingBackend:
    """Fails every delivery the way a mail server that says no does."""

    def __init__(self, error: str = "451 4.3.0 Try again later") -> None:
        self.error = error

    def send(self, message: EmailMessage) -> None:
        raise DeliveryError(self.error)


@pytest.fixture
def ann(app):
    """An agent with a name, for the reports' tables."""
    return make_user("agent", name="Ann Archer")


@pytest.fixture
def bob(app):
    """Another named agent."""
    return make_user("agent", name="Bob Baker")


def write_checklist(folder, slug: str, title: str, steps: list[tuple[str, str | None]]) -> None:
    folder.mkdir(exist_ok=True)
    lines = [f"id: {slug}", f"title: {title}", "steps:"]
    for step, check_in_after in steps:
        lines += [f"  - title: {step}", "    guidance: Do it."]
        if check_in_after:
            lines.append(f"    check_in_after: {check_in_after}")
    (folder / f"{slug}.yaml").write_text("\n".join(lines) + "\n")


@pytest.fixture
def checklists(app, tmp_path) -> dict:
    """Three small playbooks: alpha of two steps, beta of one, and a call-back one day on."""
    folder = tmp_path / "playbooks"
    write_checklist(folder, "alpha", "Alpha checklist", [("First step", None), ("Second", None)])
    write_checklist(folder, "beta", "Beta checklist", [("Only step", None)])
    write_checklist(folder, "call-back", "Call back", [("Promise a call", "1d")])
    playbooks_service.sync(folder)
    return {playbook.slug: playbook for playbook in playbooks_service.current_playbooks()}

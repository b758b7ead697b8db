"""Hostile input: markup in every text people write is shown as text everywhere it appears
(pages, emails, CSV); SQL metacharacters, NUL bytes and broken UTF-8 in every parameter and
form field get an answer, never a 500; oversized bodies get a 413 that says why; uploaded HTML
and SVG are never shown inline. (`next` never leading off the site: tests/auth/test_views.py.)"""

import csv
import io

import pytest
from sqlalchemy import func, select

from helpdesk.extensions import db
from helpdesk.ideas import service as ideas
from helpdesk.kb import service as kb
from helpdesk.outbox.models import OutboxEmail
from helpdesk.surveys import service as surveys
from helpdesk.surveys.models import SurveyInvitation
from helpdesk.tickets import service as tickets
from helpdesk.tickets.models import Attachment, Ticket
from tests.conftest import sign_in
from tests.factories import make_canned_reply, make_user, upload
from tests.routes import route_samples, routes, sample_arguments

SCRIPT = '<script>alert("xss")</script>'
IMAGE = "<img src=x onerror=alert(1)>"
PAYLOAD = f'{SCRIPT}{IMAGE}"><svg/onload=alert(2)>'
LIVE = ("<script>alert(", "<img src=x", "<svg/onload")


def inert(text: str) -> bool:
    return not any(live in text for live in LIVE)


@pytest.fixture
def hostile_world(app):
    """Every kind of text people write, each holding markup, where staff and customers read."""
    customer = make_user("customer", name=f"Eve {PAYLOAD}")
    agent = make_user("agent", name=f"Agent {PAYLOAD}")
    ticket = tickets.create_ticket(
        customer=customer,
        subject=f"Help {PAYLOAD}",
        body=f"Body {PAYLOAD}",
        uploads=[upload(f"file{PAYLOAD}.txt", b"plain")],
    )
    tickets.reply(ticket=ticket, author=agent, body=f"Note {PAYLOAD}", kind="note")
    tickets.reply(ticket=ticket, author=agent, body=f"Reply {PAYLOAD}", kind="reply")
    tickets.set_tags(ticket=ticket, actor=agent, names=[f"tag{PAYLOAD}"])
    make_canned_reply(title=f"Canned {PAYLOAD}", body=f"Canned body {PAYLOAD}")
    article = kb.create_article(
        author=agent,
        title=f"Article {PAYLOAD}",
        body=f"# Heading\n\n{PAYLOAD}\n\n[link](javascript:alert(3))",
        tags=[f"kbtag{PAYLOAD}"],
        status="published",
    )
    idea = ideas.create_idea(
        author=customer, title=f"Idea {PAYLOAD}", body=f"Idea body {PAYLOAD}", category_id=None
    )
    ideas.add_comment(idea=idea, author=customer, body=f"Comment {PAYLOAD}")
    tickets.change_status(ticket=ticket, actor=agent, status="resolved")
    invitation = db.session.scalar(select(SurveyInvitation))
    surveys.answer(token=invitation.token, csat=1, comment=f"Survey {PAYLOAD}")
    return {
        "customer": customer,
        "agent": agent,
        "number": ticket.number,
        "slug": article.slug,
        "idea_id": idea.id,
    }


def test_markup_people_write_is_shown_as_text_on_every_page(app, hostile_world):
    pages = {
        "customer": [
            "/my/tickets",
            f"/tickets/{hostile_world['number']}",
            "/ideas",
            f"/ideas/{hostile_world['idea_id']}",
            "/kb",
            f"/kb/{hostile_world['slug']}",
            "/kb/search?q=Article",
        ],
        "agent": [
            "/agent/tickets",
            "/agent/tickets?q=Help",
            f"/tickets/{hostile_world['number']}",
            "/agent/canned-replies",
            "/agent/kb",
            "/ideas/triage",
            "/agent/check-ins?scope=all",
        ],
        "supervisor": ["/reports", "/agent/recovery"],
        "admin": ["/admin/users", "/admin/audit"],
    }
    for role, paths in pages.items():
        browser = app.test_client()
        user = hostile_world.get(role) or make_user(role)
        sign_in(browser, user.email)
        for path in paths:
            response = browser.get(path)
            page = response.get_data(as_text=True)
            assert response.status_code == 200, path
            assert inert(page), f"live markup on {path}"
    ticket_page = browser.get(f"/tickets/{hostile_world['number']}").get_data(as_text=True)
    assert "&lt;script&gt;" in ticket_page  # shown, as text


def test_markup_in_emails_is_text_in_the_html_part_and_links_stay_ours(hostile_world):
    emails = db.session.scalars(select(OutboxEmail)).all()

    assert emails
    for email in emails:
        assert inert(email.body_html), email.kind
        assert "javascript:" not in email.body_html


def test_spreadsheet_formulas_and_markup_in_exports_are_inert(app, login):
    customer = make_user("customer")
    tickets.create_ticket(customer=customer, subject='=HYPERLINK("http://evil.example")', body="x")
    tickets.create_ticket(customer=customer, subject=f"@SUM(A1) {PAYLOAD}", body="y")
    browser, _ = login("supervisor")

    exported = browser.get("/reports/export.csv?period=30").get_data(as_text=True)

    subjects = [row["subject"] for row in csv.DictReader(io.StringIO(exported))]
    assert sorted(subjects) == sorted(
        ['\'=HYPERLINK("http://evil.example")', f"'@SUM(A1) {PAYLOAD}"]
    )


HOSTILE_VALUES = (
    "' OR 1=1 --",
    '"; DROP TABLE tickets; --',
    "%",
    "_",
    "\\",
    "a\x00b",
    "9" * 30,
    "-1",
    "2026-02-31",
)
PARAMETERS = (
    "q", "status", "sort", "page", "category", "priority", "sentiment", "channel", "sla",
    "assignee", "created_from", "created_to", "period", "from", "to", "agent", "mood",
    "group", "person", "address", "role", "tag", "scope", "view", "csat",
)  # fmt: skip


def test_sql_metacharacters_nul_bytes_and_odd_values_in_every_parameter(app, login):
    tickets.create_ticket(customer=make_user("customer"), subject="Only ticket", body="Here.")
    browser, _ = login("admin")
    pages = [rule.rule for rule, method in routes(app) if method == "GET" and not rule.arguments]

    for path in pages:
        for value in HOSTILE_VALUES:
            query = {name: value for name in PARAMETERS}
            response = browser.get(path, query_string=query)
            assert response.status_code < 500, f"{path} with {value!r}"
        broken = "&".join(f"{name}=%FF%FE%C3%28%00" for name in PARAMETERS)
        assert browser.get(f"{path}?{broken}").status_code < 500, f"{path} with broken UTF-8"
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == 1
    for pattern in ("_nly", "%nly"):  # no LIKE wildcards in search
        found = browser.get("/agent/tickets", query_string={"q": pattern, "status": "all"})
        assert "Only ticket" not in found.get_data(as_text=True), pattern


FIELDS = (
    "subject", "body", "title", "name", "email", "note", "comment", "tags", "description",
    "url", "password", "current", "new", "confirm", "q", "status", "priority", "category",
    "category_id", "assignee_id", "kind", "version", "submission_key", "csat", "ces", "nps",
    "helpful", "role", "active", "into_id", "ticket_number", "position", "events", "secret",
)  # fmt: skip
BROKEN = b"%FF%FE%00%C3%28 <script>\x00"


def test_nul_bytes_and_broken_utf8_in_every_form_field_never_break_a_page(app, hostile_world):
    body = b"&".join(name.encode() + b"=" + BROKEN for name in FIELDS)
    samples = route_samples()
    browsers = {}
    for role in ("customer", "agent", "admin"):
        browsers[role] = app.test_client()
        sign_in(browsers[role], (hostile_world.get(role) or make_user(role)).email)

    for rule, method in routes(app):
        if method != "POST" or rule.endpoint == "auth.logout":
            continue
        with app.test_request_context():
            url = app.url_for(rule.endpoint, **sample_arguments(rule, samples))
        for role, browser in browsers.items():
            response = browser.post(
                url, data=body, content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code < 500, f"POST {url} as {role}"
    stored = db.session.scalars(select(Ticket.subject)).all()
    assert all("\x00" not in subject for subject in stored)


def test_an_oversized_request_is_refused_with_a_413_that_says_why(app, login):
    browser, _ = login("customer")
    limit = app.config["MAX_CONTENT_LENGTH"]

    response = browser.post(
        "/tickets/new",
        data={"subject": "Big", "body": "x" * (limit + 1)},
        content_type="application/x-www-form-urlencoded",
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "too large" in page.lower() and f"{limit // (1024 * 1024)} MB" in page
    assert 'class="site-header"' in page
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == 0


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("page.html", "text/html"), ("image.svg", "image/svg+xml"), ("page.htm", "text/plain")],
)
def test_html_and_svg_uploads_are_refused_with_a_message(login, name, content_type):
    browser, _ = login("customer")

    response = browser.post(
        "/tickets/new",
        data={
            "subject": "Files",
            "body": "See attached.",
            "attachments": upload(name, b"<svg onload=alert(1)>", content_type),
        },
    )

    assert response.status_code == 422
    assert "this type of file is not accepted" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0


@pytest.mark.parametrize(
    ("name", "served_as"), [("notes.txt", "text/plain"), ("photo.jpg", "image/jpeg")]
)
def test_markup_hidden_in_an_allowed_file_is_downloaded_as_its_own_type(login, name, served_as):
    browser, customer = login("customer")
    tickets.create_ticket(
        customer=customer,
        subject="Files",
        body="See attached.",
        uploads=[upload(name, b"<html><script>alert(1)</script></html>", "text/html")],
    )
    attachment = db.session.scalar(select(Attachment))

    response = browser.get(f"/attachments/{attachment.id}")

    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"].startswith(served_as)
    response.close()

"""Every public form takes a limited number of posts from one address: a script cannot flood
the board, the help centre or the queue. Reading the forms stays free."""

import pytest
from sqlalchemy import func, select

from helpdesk.extensions import db
from helpdesk.ideas.models import Idea
from tests.factories import make_article, make_idea

LIMIT = 2


@pytest.fixture
def limited(app):
    app.config["PUBLIC_WRITE_RATE_LIMIT"] = f"{LIMIT} per minute"


def post_past_the_limit(browser, url: str, data: dict):
    """Post LIMIT times, then once more; return the last answer."""
    for _ in range(LIMIT):
        response = browser.post(url, data=data)
        assert response.status_code != 429, url
    return browser.post(url, data=data)


def public_forms(invitation) -> list[tuple[str | None, str, dict]]:
    """(who posts, where, what) for every form the public writes to."""
    idea = make_idea()
    return [
        (None, "/register", {"name": "Ro", "email": "not an email"}),
        (None, "/password/forgot", {"email": "someone@example.com"}),
        ("customer", "/tickets/new", {"subject": "", "body": ""}),
        (None, f"/survey/{invitation.token}", {"csat": "9"}),
        ("customer", "/ideas/new", {"title": "", "body": ""}),
        ("customer", f"/ideas/{idea.id}/vote", {}),
        ("customer", f"/ideas/{idea.id}/comments", {"body": ""}),
        (None, f"/kb/{make_article().slug}/feedback", {"helpful": "maybe"}),
    ]


def test_every_public_form_answers_429_past_its_limit(app, limited, login, invitation):
    for role, url, data in public_forms(invitation):
        browser = login(role)[0] if role else app.test_client()

        response = post_past_the_limit(browser, url, data)

        assert response.status_code == 429, url
        assert "too many times in a short while" in response.get_data(as_text=True), url
        assert int(response.headers["Retry-After"]) > 0
        assert browser.get(url).status_code != 429, f"reading {url} is not limited"


def test_a_refused_post_stores_nothing_and_keeps_the_layout(limited, login):
    browser, _ = login("customer")
    idea = {"title": "Export my orders as CSV", "body": "For my accounts."}

    response = post_past_the_limit(browser, "/ideas/new", idea)

    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert 'class="site-header"' in page and "Wait a minute and try again" in page
    assert db.session.scalar(select(func.count()).select_from(Idea)) == LIMIT


def test_the_limit_is_per_address(app, limited, login):
    browser, _ = login("customer")
    url = "/password/forgot"
    post_past_the_limit(browser, url, {"email": "a@example.com"})

    other = app.test_client().post(
        url, data={"email": "a@example.com"}, environ_base={"REMOTE_ADDR": "198.51.100.20"}
    )

    assert other.status_code == 302

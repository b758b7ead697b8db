"""Every state-changing form needs its CSRF token; a POST without one changes nothing."""

import re

from sqlalchemy import func, select

from helpdesk.auth.models import User
from helpdesk.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user


def token_from(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_post_without_token_is_refused_and_nothing_is_stored(app, client):
    app.config["WTF_CSRF_ENABLED"] = True

    response = client.post(
        "/register",
        data={
            "name": "X",
            "email": "x@example.com",
            "password": "long enough",
            "confirm": "long enough",
        },
    )

    assert response.status_code == 400
    assert "The form expired" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_post_with_a_forged_token_is_refused(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user()

    response = client.post(
        "/login", data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": "forged"}
    )

    assert response.status_code == 400


def test_post_with_the_pages_token_goes_through(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user()
    token = token_from(client.get("/login").get_data(as_text=True))

    response = client.post(
        "/login", data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": token}
    )

    assert response.status_code == 302


def test_sign_out_needs_the_token_too(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user()
    token = token_from(client.get("/login").get_data(as_text=True))
    client.post(
        "/login", data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": token}
    )

    assert client.post("/logout").status_code == 400
    assert "Sign out" in client.get("/").get_data(as_text=True)
    page = client.get("/").get_data(as_text=True)
    logout_token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/logout", data={"csrf_token": logout_token}).status_code == 302
    assert "Sign out" not in client.get("/").get_data(as_text=True)

"""Security headers on every answer, HSTS over HTTPS, cookies a script cannot read, and the
proxy's forwarded headers trusted only when the settings say a proxy is there."""

import re

import pytest
from sqlalchemy import select

from helpdesk import create_app
from helpdesk.auth.models import AccountEvent
from helpdesk.extensions import db
from tests.conftest import _test_config, sign_in
from tests.factories import make_user

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@pytest.mark.parametrize(
    "path",
    ["/", "/login", "/kb", "/no/such/page", "/healthz", "/api/v1/me", "/static/css/app.css"],
)
def test_every_kind_of_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    response.close()  # a static file is streamed

    for name, value in EXPECTED.items():
        assert response.headers[name] == value, (path, name)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP


def test_pages_have_no_inline_script_or_event_handlers(app, login):
    browser, _ = login("admin")

    for path in ("/", "/admin/users", "/admin/audit", "/account", "/reports", "/agent/tickets"):
        page = browser.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert not re.search(r"\son[a-z]+\s*=", page), path


def test_https_answers_add_hsts(client):
    response = client.get("/", base_url="https://help.example")

    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_session_cookies_are_httponly_and_samesite_and_secure_when_asked(
    app, database_url, tmp_path
):
    user = make_user()
    secure = create_app(
        {**_test_config(database_url, tmp_path / "secure"), "SESSION_COOKIE_SECURE": True}
    )

    for flask_app, secure_expected in ((app, False), (secure, True)):
        browser = flask_app.test_client()
        response = sign_in(browser, user.email)
        cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) == secure_expected
    with secure.app_context():  # its own connections, not the test app's
        db.engine.dispose()


FORWARDED = {"X-Forwarded-For": "203.0.113.50", "X-Forwarded-Proto": "https"}


def failed_sign_in_address(flask_app) -> str:
    """Fail a sign-in through `flask_app` from 10.0.0.2 with forwarded headers; the address
    the audit log kept."""
    with flask_app.app_context():
        flask_app.test_client().post(
            "/login",
            data={"email": "someone@example.com", "password": "wrong"},
            headers=FORWARDED,
            environ_base={"REMOTE_ADDR": "10.0.0.2"},
        )
        address = db.session.scalar(
            select(AccountEvent.ip_address).order_by(AccountEvent.id.desc())
        )
        db.session.remove()
        db.engine.dispose()
    return address


def test_forwarded_headers_count_only_behind_a_configured_proxy(app, database_url, tmp_path):
    proxied = create_app({**_test_config(database_url, tmp_path / "proxied"), "PROXY_COUNT": 1})
    direct = create_app(_test_config(database_url, tmp_path / "direct"))

    assert (
        "Strict-Transport-Security" not in direct.test_client().get("/", headers=FORWARDED).headers
    )
    assert "Strict-Transport-Security" in proxied.test_client().get("/", headers=FORWARDED).headers
    assert failed_sign_in_address(direct) == "10.0.0.2"
    assert failed_sign_in_address(proxied) == "203.0.113.50"

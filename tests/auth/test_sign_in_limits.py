"""Guessing passwords is slowed down: per account and per address, with a clear message, and
the session is a fresh one after signing in."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from helpdesk import clock
from helpdesk.auth.models import AccountEvent
from helpdesk.extensions import db
from helpdesk.outbox.models import OutboxEmail
from tests.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, make_user


@pytest.fixture
def limits(app):
    app.config.update(
        SIGN_IN_FAILURES_PER_ACCOUNT=3, SIGN_IN_FAILURES_PER_ADDRESS=6, SIGN_IN_LOCK_MINUTES=15
    )


def attempt(client, email: str, password: str = "wrong password", address="203.0.113.7"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def events(kind: str) -> int:
    return db.session.scalar(
        select(func.count()).select_from(AccountEvent).where(AccountEvent.type == kind)
    )


def test_an_account_refuses_sign_in_after_too_many_failures_even_with_the_right_password(
    limits, client
):
    user = make_user()
    for _ in range(3):
        assert attempt(client, user.email).status_code == 422

    response = attempt(client, user.email, DEFAULT_PASSWORD)

    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Too many failed sign-ins for this account. Try again in 15 minutes" in page
    assert "reset your password" in page
    assert events("sign_in_throttled") == 1


def test_the_account_opens_again_when_the_window_passes(limits, client):
    user = make_user()
    for _ in range(3):
        attempt(client, user.email)
    clock.advance(timedelta(minutes=10))
    assert "Try again in 5 minutes" in attempt(client, user.email).get_data(as_text=True)

    clock.advance(timedelta(minutes=5, seconds=1))

    assert attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_a_successful_sign_in_starts_the_count_again(limits, client, app):
    user = make_user()
    for _ in range(2):
        attempt(client, user.email)
    assert attempt(app.test_client(), user.email, DEFAULT_PASSWORD).status_code == 302

    for _ in range(2):
        assert attempt(client, user.email).status_code == 422

    assert attempt(app.test_client(), user.email, DEFAULT_PASSWORD).status_code == 302


def test_one_address_guessing_many_accounts_is_stopped(limits, client, app):
    users = [make_user() for _ in range(6)]
    for user in users:
        assert attempt(client, user.email).status_code == 422
    victim = make_user()

    blocked = attempt(client, victim.email, DEFAULT_PASSWORD)
    elsewhere = attempt(app.test_client(), victim.email, DEFAULT_PASSWORD, address="198.51.100.9")

    assert blocked.status_code == 429
    assert "Too many failed sign-ins from your network" in blocked.get_data(as_text=True)
    assert elsewhere.status_code == 302


def test_unknown_emails_count_against_the_address(limits, client):
    for number in range(6):
        attempt(client, f"nobody{number}@example.com")

    assert attempt(client, "nobody@example.com").status_code == 429


def test_signing_in_starts_a_new_session(client):
    user = make_user()
    client.get("/login")
    with client.session_transaction() as before:
        before["planted"] = "by someone else"

    sign_in(client, user.email)

    with client.session_transaction() as after:
        assert "planted" not in after


def test_resetting_the_password_opens_a_locked_account(limits, client, app):
    user = make_user(email="ana@example.com")
    for _ in range(3):
        attempt(client, user.email)
    client.post("/password/forgot", data={"email": user.email})
    email = db.session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "password_reset"))
    link = re.search(r"(/password/reset/\S+)", email.body_text).group(1)
    client.post(link, data={"password": "a new passphrase", "confirm": "a new passphrase"})

    assert attempt(client, user.email, "a new passphrase").status_code == 302

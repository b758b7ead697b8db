"""Passwords: changing one's own, resetting a forgotten one by an emailed single-use link, and
every other session ending when the password changes."""

import re
from datetime import timedelta

from sqlalchemy import select

from helpdesk import clock
from helpdesk.auth.models import AccountEvent
from helpdesk.extensions import db
from helpdesk.outbox.models import OutboxEmail
from tests.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, make_user

NEW_PASSWORD = "a brand new passphrase"


def change(browser, current=DEFAULT_PASSWORD, new=NEW_PASSWORD, confirm=None):
    return browser.post(
        "/account/password",
        data={"current": current, "new": new, "confirm": confirm or new},
    )


def signed_in(browser) -> bool:
    return browser.get("/account").status_code == 200


def event_types() -> list[str]:
    return list(db.session.scalars(select(AccountEvent.type).order_by(AccountEvent.id)))


def emailed_link(to: str) -> str:
    email = db.session.scalar(
        select(OutboxEmail).where(
            OutboxEmail.to_address == to, OutboxEmail.kind == "password_reset"
        )
    )
    assert email is not None, f"no reset email to {to}"
    return re.search(r"https?://\S+(/password/reset/\S+)", email.body_text).group(1)


def ask_for_link(client, email: str):
    return client.post("/password/forgot", data={"email": email})


def test_changing_the_password_keeps_this_session_and_ends_the_others(app, login):
    laptop, user = login("customer")
    phone = app.test_client()
    sign_in(phone, user.email)

    response = change(laptop)

    assert response.status_code == 302
    assert "Your password is changed" in laptop.get("/account").get_data(as_text=True)
    assert signed_in(laptop)
    assert not signed_in(phone)
    assert sign_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 302
    assert sign_in(app.test_client(), user.email, DEFAULT_PASSWORD).status_code == 422
    assert "password_changed" in event_types()


def test_a_wrong_current_password_changes_nothing(app, login):
    browser, user = login("agent")

    response = change(browser, current="not my password")

    assert response.status_code == 422
    assert "That is not your current password." in response.get_data(as_text=True)
    assert sign_in(app.test_client(), user.email, DEFAULT_PASSWORD).status_code == 302


def test_a_short_or_mismatched_new_password_is_refused_beside_the_field(login):
    browser, _ = login("customer")

    short = change(browser, new="short").get_data(as_text=True)
    mismatched = change(browser, confirm="something else entirely").get_data(as_text=True)

    assert "Use 8 to 128 characters." in short
    assert "The two passwords do not match." in mismatched


def test_a_forgotten_password_is_reset_by_the_emailed_link_once(app, client):
    user = make_user(email="ana@example.com")
    other_device = app.test_client()
    sign_in(other_device, user.email)

    response = ask_for_link(client, "Ana@Example.com")

    assert response.status_code == 302
    assert "a link to set a new password is on its way" in client.get("/login").get_data(
        as_text=True
    )
    link = emailed_link("ana@example.com")
    assert "For <strong>ana@example.com</strong>" in client.get(link).get_data(as_text=True)
    done = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.location == "/login"
    assert sign_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 302
    assert not signed_in(other_device)
    again = client.get(link)
    assert again.status_code == 410
    assert "expired or was used already" in again.get_data(as_text=True)
    assert ["password_reset_requested", "password_reset"] == [
        kind for kind in event_types() if kind.startswith("password_reset")
    ]


def test_the_link_expires(app, client):
    make_user(email="ana@example.com")
    ask_for_link(client, "ana@example.com")
    link = emailed_link("ana@example.com")

    clock.advance(timedelta(hours=app.config["PASSWORD_RESET_HOURS"], minutes=1))

    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 410
    assert "expired or was used already" in response.get_data(as_text=True)
    assert sign_in(app.test_client(), "ana@example.com", DEFAULT_PASSWORD).status_code == 302


def test_a_forged_or_altered_link_is_refused(client):
    make_user(email="ana@example.com")
    ask_for_link(client, "ana@example.com")
    link = emailed_link("ana@example.com")

    for bad in (link[:-3] + "abc", "/password/reset/eyJ1c2VyIjoxfQ.forged"):
        response = client.get(bad)
        assert response.status_code == 410
        assert "not valid" in response.get_data(as_text=True)


def test_the_form_does_not_tell_who_has_an_account(client):
    make_user(email="ana@example.com", active=False)

    for email in ("nobody@example.com", "ana@example.com"):
        response = ask_for_link(client, email)
        assert response.status_code == 302
        assert f"If {email} has an account here" in client.get("/login").get_data(as_text=True)

    assert db.session.scalar(select(OutboxEmail)) is None


def test_a_deactivated_account_loses_its_sessions_and_its_reset_links(app, client, login):
    admin_browser, _admin = login("admin")
    user = make_user(email="ana@example.com")
    browser = app.test_client()
    sign_in(browser, user.email)
    ask_for_link(client, user.email)
    link = emailed_link(user.email)

    admin_browser.post(f"/admin/users/{user.id}/active", data={"active": "0"})

    assert not signed_in(browser)
    assert client.get(link).status_code == 410


def test_the_sign_in_page_offers_the_reset(client):
    page = client.get("/login").get_data(as_text=True)

    assert 'href="/password/forgot"' in page

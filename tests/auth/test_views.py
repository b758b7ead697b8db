"""Sign-up, sign-in and sign-out as a visitor sees them."""

import pytest
from sqlalchemy import func, select

from helpdesk.auth.models import AccountEvent, User
from helpdesk.extensions import db
from tests.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, make_user

GOOD_SIGNUP = {
    "name": "Rosa Díaz",
    "email": "rosa@example.com",
    "password": "a fine password",
    "confirm": "a fine password",
}


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_customer_signs_up_and_is_signed_in(client):
    response = client.post("/register", data=GOOD_SIGNUP)

    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "rosa@example.com"))
    assert user.role == "customer" and user.name == "Rosa Díaz"
    assert user.password_hash != GOOD_SIGNUP["password"]
    page = client.get("/").get_data(as_text=True)
    assert "Hello, Rosa Díaz" in page and "Sign out" in page


def test_signup_email_is_stored_lowercase_and_trimmed(client):
    client.post("/register", data={**GOOD_SIGNUP, "email": "  Rosa@Example.COM "})

    assert db.session.scalar(select(User.email)) == "rosa@example.com"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Tell us your name."),
        ("name", "x" * 101, "Field cannot be longer than 100 characters."),
        ("email", "", "Enter your email address."),
        ("email", "not-an-email", "Enter a valid email address"),
        ("email", "a" * 250 + "@example.com", "Field cannot be longer than 254 characters."),
        ("password", "short", "Use 8 to 128 characters."),
        ("password", "p" * 129, "Use 8 to 128 characters."),
        ("confirm", "something else", "The two passwords do not match."),
    ],
)
def test_bad_signup_shows_message_next_to_field_and_stores_nothing(client, field, value, message):
    data = {**GOOD_SIGNUP, field: value}
    if field == "password":
        data["confirm"] = value

    response = client.post("/register", data=data)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert message in page
    assert user_count() == 0


def test_signup_with_taken_email_says_so_next_to_email(client):
    make_user(email="rosa@example.com")

    response = client.post("/register", data={**GOOD_SIGNUP, "email": "ROSA@example.com"})

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="email-error"' in page and "An account with this email already exists." in page
    assert user_count() == 1


def test_signup_keeps_what_was_typed_when_refused(client):
    response = client.post("/register", data={**GOOD_SIGNUP, "confirm": "other"})

    page = response.get_data(as_text=True)
    assert 'value="Rosa Díaz"' in page and 'value="rosa@example.com"' in page


def test_sign_in_and_sign_out(client):
    user = make_user(role="agent", name="Sam Agent")

    response = sign_in(client, user.email)
    assert response.status_code == 302 and response.location == "/"
    assert "Hello, Sam Agent" in client.get("/").get_data(as_text=True)

    response = client.post("/logout")
    assert response.status_code == 302
    assert "Sign in" in client.get("/").get_data(as_text=True)
    assert client.get("/admin/users").status_code == 302


@pytest.mark.parametrize("email", ["nobody@example.com", "known@example.com"])
def test_unknown_email_and_wrong_password_get_the_same_message(client, email):
    make_user(email="known@example.com")

    response = client.post("/login", data={"email": email, "password": "wrong password"})

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Wrong email or password." in page
    assert "Hello" not in page


def test_failed_and_successful_sign_ins_are_recorded(client):
    user = make_user()
    client.post("/login", data={"email": user.email, "password": "wrong password"})
    sign_in(client, user.email)

    types = db.session.scalars(select(AccountEvent.type).order_by(AccountEvent.id)).all()
    assert types == ["sign_in_failed", "signed_in"]
    assert db.session.get(User, user.id).last_login_at is not None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "", "password": "x"}, "email", "Enter your email address."),
        ({"email": "a@example.com", "password": ""}, "password", "Enter your password."),
    ],
)
def test_empty_sign_in_fields_are_named(client, data, field, message):
    response = client.post("/login", data=data)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page and message in page


def test_sign_in_goes_on_to_a_local_next_page(client):
    user = make_user(role="admin")

    response = client.post(
        "/login?next=/admin/users%3Fq%3Dx", data={"email": user.email, "password": DEFAULT_PASSWORD}
    )

    assert response.location == "/admin/users?q=x"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "ftp:x",
        "/\t/evil.example",
        "http:/evil.example",
    ],
)
def test_sign_in_never_sends_to_another_site(client, target):
    user = make_user()

    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": user.email, "password": DEFAULT_PASSWORD},
    )

    assert response.status_code == 302
    assert response.location == "/"


def test_anonymous_visitor_is_sent_to_sign_in_with_next(client):
    response = client.get("/admin/users?role=agent")

    assert response.status_code == 302
    assert response.location == "/login?next=%2Fadmin%2Fusers%3Frole%3Dagent"


def test_remember_me_sets_a_lasting_cookie(client):
    user = make_user()

    response = client.post(
        "/login", data={"email": user.email, "password": DEFAULT_PASSWORD, "remember": "y"}
    )

    cookies = response.headers.getlist("Set-Cookie")
    assert any(cookie.startswith("remember_token=") and "HttpOnly" in cookie for cookie in cookies)


def test_deactivated_user_cannot_sign_in(client):
    user = make_user(active=False)

    response = sign_in(client, user.email)

    assert response.status_code == 422
    assert "This account has been deactivated" in response.get_data(as_text=True)


def test_deactivated_users_open_session_stops_working(app, login):
    browser, user = login("agent")
    assert "Hello" in browser.get("/").get_data(as_text=True)

    db.session.get(User, user.id).active = False
    db.session.commit()

    page = browser.get("/").get_data(as_text=True)
    assert "Hello" not in page and "Sign in" in page


def test_signed_in_user_visiting_register_goes_home(login):
    browser, _ = login("customer")

    assert browser.get("/register").location == "/"

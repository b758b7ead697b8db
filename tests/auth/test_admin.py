"""The admin's user list: adding staff, changing roles, deactivating accounts."""

import pytest
from sqlalchemy import select

from helpdesk.auth.models import AccountEvent, User
from helpdesk.extensions import db
from tests.conftest import sign_in
from tests.factories import make_user


def reload(user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_admin_lists_users_and_filters_by_role_and_text(login):
    browser, _ = login("admin")
    make_user(role="agent", name="Agnes Agent", email="agnes@example.com")
    make_user(role="customer", name="Carl Customer", email="carl@example.com")

    page = browser.get("/admin/users").get_data(as_text=True)
    assert "Agnes Agent" in page and "Carl Customer" in page

    page = browser.get("/admin/users?role=agent").get_data(as_text=True)
    assert "Agnes Agent" in page and "Carl Customer" not in page

    page = browser.get("/admin/users?q=CARL").get_data(as_text=True)
    assert "Carl Customer" in page and "Agnes Agent" not in page

    page = browser.get("/admin/users?q=nobody-like-this").get_data(as_text=True)
    assert "No users match these filters." in page


def test_user_list_is_paginated(app, login):
    app.config["PER_PAGE"] = 5
    browser, _ = login("admin")
    for number in range(11):
        make_user(name=f"Listed {number:02d}")

    first = browser.get("/admin/users").get_data(as_text=True)
    third = browser.get("/admin/users?page=3").get_data(as_text=True)

    assert "Page 1 of 3 · 12 in all" in first
    assert first.count(">Listed ") == 5
    assert "Page 3 of 3" in third and third.count(">Listed ") == 1 and "This is you" in third
    assert browser.get("/admin/users?page=99").status_code == 200


def test_admin_makes_a_customer_an_agent(login):
    browser, admin = login("admin")
    customer = make_user(role="customer")

    response = browser.post(f"/admin/users/{customer.id}/role", data={"role": "agent"})

    assert response.status_code == 302
    assert reload(customer).role == "agent"
    event = db.session.scalar(select(AccountEvent).where(AccountEvent.type == "role_changed"))
    assert event.actor_id == admin.id and event.data == {"old": "customer", "new": "agent"}
    assert "is now agent" in browser.get(response.location).get_data(as_text=True)


def test_unknown_role_is_refused(login):
    browser, _ = login("admin")
    customer = make_user(role="customer")

    response = browser.post(f"/admin/users/{customer.id}/role", data={"role": "overlord"})

    assert reload(customer).role == "customer"
    assert "Choose one of the roles" in browser.get(response.location).get_data(as_text=True)


def test_admin_cannot_change_own_role_or_deactivate_self(login):
    browser, admin = login("admin")
    make_user(role="admin")

    browser.post(f"/admin/users/{admin.id}/role", data={"role": "customer"})
    response = browser.post(f"/admin/users/{admin.id}/active", data={"active": "0"})

    admin = reload(admin)
    assert admin.role == "admin" and admin.active
    assert "You cannot deactivate your own account." in browser.get(response.location).get_data(
        as_text=True
    )


def test_last_active_admin_cannot_be_demoted_or_deactivated(app):
    from helpdesk.auth import service
    from helpdesk.errors import Invalid

    only_admin = make_user(role="admin")
    other_admin = make_user(role="admin", active=False)
    actor = make_user(role="admin", active=False)

    for change in (
        lambda: service.change_role(actor=actor, user_id=only_admin.id, role="agent"),
        lambda: service.set_active(actor=actor, user_id=only_admin.id, active=False),
    ):
        try:
            change()
        except Invalid as error:
            assert "last active admin" in error.message
        else:
            raise AssertionError("the last active admin lost their rights")
    assert reload(only_admin).role == "admin" and reload(other_admin).role == "admin"


def test_deactivating_ends_sessions_and_blocks_sign_in(app, login):
    admin_browser, _ = login("admin")
    agent_browser, agent = login("agent")
    assert agent_browser.get("/").get_data(as_text=True).count("Sign out") == 1

    admin_browser.post(f"/admin/users/{agent.id}/active", data={"active": "0"})

    assert not reload(agent).active
    assert "Sign out" not in agent_browser.get("/").get_data(as_text=True)
    assert sign_in(app.test_client(), agent.email).status_code == 422


def test_reactivated_user_signs_in_again(app, login):
    admin_browser, _ = login("admin")
    agent = make_user(role="agent", active=False)

    admin_browser.post(f"/admin/users/{agent.id}/active", data={"active": "1"})

    assert reload(agent).active
    assert sign_in(app.test_client(), agent.email).status_code == 302


def test_admin_adds_a_staff_account_that_can_sign_in(app, login):
    browser, _ = login("admin")

    response = browser.post(
        "/admin/users/new",
        data={
            "name": "Nia New",
            "email": "nia@example.com",
            "role": "supervisor",
            "password": "long enough pw",
        },
    )

    assert response.status_code == 302
    nia = db.session.scalar(select(User).where(User.email == "nia@example.com"))
    assert nia.role == "supervisor"
    assert sign_in(app.test_client(), "nia@example.com", "long enough pw").status_code == 302


def test_adding_a_user_with_a_taken_email_says_so(login):
    browser, admin = login("admin")

    response = browser.post(
        "/admin/users/new",
        data={"name": "Copy", "email": admin.email, "role": "agent", "password": "long enough pw"},
    )

    assert response.status_code == 422
    assert "An account with this email already exists." in response.get_data(as_text=True)


def test_changing_an_unknown_user_is_a_clean_refusal(login):
    browser, _ = login("admin")

    response = browser.post("/admin/users/99999/active", data={"active": "0"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Tell us your name."),
        ("name", "n" * 101, "Field cannot be longer than 100 characters."),
        ("email", "", "Enter your email address."),
        ("email", "nia-at-example.com", "Enter a valid email address"),
        ("role", "overlord", "Not a valid choice."),
        ("password", "short", "Use 8 to 128 characters."),
    ],
)
def test_bad_new_user_input_is_named_next_to_the_field(login, field, value, message):
    browser, _ = login("admin")
    data = {
        "name": "Nia",
        "email": "nia@example.com",
        "role": "agent",
        "password": "long enough pw",
    }

    response = browser.post("/admin/users/new", data={**data, field: value})

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in page and message in page
    assert db.session.scalar(select(User).where(User.email == "nia@example.com")) is None

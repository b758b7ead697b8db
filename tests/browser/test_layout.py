"""The layout in a real browser: phone width, keyboard focus, forms with their errors."""

from tests.conftest import sign_in_page
from tests.factories import make_user


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_customer_signs_up_at_phone_width(page):
    page.goto("/register")
    assert page_width(page) <= 375

    page.get_by_label("Name").fill("Pia Phone")
    page.get_by_label("Email").fill("pia@example.com")
    page.get_by_label("Password", exact=True).fill("a fine password")
    page.get_by_label("Repeat password").fill("a different one")
    page.get_by_role("button", name="Create account").click()

    error = page.locator("#confirm-error")
    assert error.inner_text() == "The two passwords do not match."
    assert page.get_by_label("Repeat password").get_attribute("aria-describedby") == "confirm-error"

    page.get_by_label("Password", exact=True).fill("a fine password")
    page.get_by_label("Repeat password").fill("a fine password")
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").click()

    assert page.get_by_role("heading", name="Hello, Pia Phone").is_visible()
    assert page_width(page) <= 375


def test_menu_opens_on_a_phone_and_sign_out_works(page):
    user = make_user(role="admin", name="Ada Admin")
    sign_in_page(page, user.email)

    users_link = page.locator("#nav-links").get_by_role("link", name="Users")
    assert not users_link.is_visible()
    page.get_by_role("button", name="Menu").click()
    assert users_link.is_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("heading", name="Sign in").is_visible()


def test_admin_user_list_fits_a_phone(page):
    admin = make_user(role="admin")
    for number in range(5):
        make_user(name=f"Someone With A Rather Long Name {number}")
    sign_in_page(page, admin.email)

    page.goto("/admin/users")

    assert page.get_by_role("heading", name="Users").is_visible()
    assert page_width(page) <= 375


def test_keyboard_focus_is_visible(page):
    page.goto("/login")

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")

    assert outline not in ("", "none")


def test_deactivation_takes_effect_in_an_open_browser(page, app):
    from helpdesk.auth.models import User
    from helpdesk.extensions import db

    agent = make_user(role="agent", name="Gone Soon")
    sign_in_page(page, agent.email)
    assert page.get_by_role("heading", name="Hello, Gone Soon").is_visible()

    db.session.get(User, agent.id).active = False
    db.session.commit()
    page.reload()

    assert page.get_by_role("heading", name="How can we help?").is_visible()
    assert (
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").is_visible()
    )

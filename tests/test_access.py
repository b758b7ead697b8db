"""Every route against every role: a new route without an access rule fails here."""

import pytest
from flask import Flask

from helpdesk.auth.access import ANYONE, allow, allowed_roles, check_every_view_declares_access
from tests.conftest import sign_in
from tests.factories import (
    make_user,
)
from tests.routes import route_samples, routes, sample_arguments

ROLES = (None, "customer", "agent", "supervisor", "admin")
EVERYONE = {None, "customer", "agent", "supervisor", "admin"}
SIGNED_IN = {"customer", "agent", "supervisor", "admin"}
STAFF = {"agent", "supervisor", "admin"}
ADMINS = {"admin"}

# Who may reach each endpoint, stated once more here, independently of the code's @allow.
EXPECTED_ACCESS = {
    "main.index": EVERYONE,
    "main.healthz": EVERYONE,
    "auth.register": EVERYONE,
    "auth.login": EVERYONE,
    "auth.logout": SIGNED_IN,
    "auth.users": ADMINS,
    "auth.create_user": ADMINS,
    "auth.change_role": ADMINS,
    "auth.set_active": ADMINS,
    "tickets.create": {"customer"},
    "tickets.mine": {"customer"},
    "tickets.detail": SIGNED_IN,
    "tickets.reply": SIGNED_IN,
    "tickets.change_status": SIGNED_IN,
    "tickets.attachment": SIGNED_IN,
    "tickets.queue": STAFF,
    "tickets.bulk": STAFF,
    "tickets.assign": STAFF,
    "tickets.properties": STAFF,
    "tickets.tags": STAFF,
    "tickets.review_sentiment": STAFF,
    "tickets.canned_replies": STAFF,
    "tickets.new_canned_reply": STAFF,
    "tickets.edit_canned_reply": STAFF,
    "tickets.delete_canned_reply": STAFF,
    "tickets.categories_admin": ADMINS,
    "tickets.update_category": ADMINS,
    "tickets.toggle_category": ADMINS,
    "tagging.index": ADMINS,
    "playbooks.index": STAFF,
    "playbooks.detail": STAFF,
    "playbooks.start": STAFF,
    "playbooks.tick": STAFF,
    "playbooks.check_ins": STAFF,
    "playbooks.complete_check_in": STAFF,
    "tagging.train": ADMINS,
    "kb.index": EVERYONE,
    "kb.category": EVERYONE,
    "kb.find": EVERYONE,
    "kb.suggest": EVERYONE,
    "kb.article": EVERYONE,
    "kb.feedback": EVERYONE,
    "kb.create": STAFF,
    "kb.edit": STAFF,
    "kb.preview": STAFF,
    "kb.manage": STAFF,
    "kb.topics": STAFF,
    "surveys.answer": EVERYONE,
    "surveys.recovery_queue": {"supervisor", "admin"},
    "reports.index": {"supervisor", "admin"},
    "reports.export": {"supervisor", "admin"},
    "reports.export_surveys": {"supervisor", "admin"},
    "auth.account": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "auth.audit": ADMINS,
    "auth.forgot_password": EVERYONE,
    "auth.reset_password": EVERYONE,
    "auth.create_token": SIGNED_IN,
    "auth.revoke_token": SIGNED_IN,
    "webhooks.index": ADMINS,
    "webhooks.detail": ADMINS,
    "webhooks.delete": ADMINS,
    "webhooks.redeliver": ADMINS,
    "api.docs": EVERYONE,
    "surveys.close_recovery": STAFF,
    "ideas.index": EVERYONE,
    "ideas.create": SIGNED_IN,
    "ideas.similar": EVERYONE,
    "ideas.detail": EVERYONE,
    "ideas.vote": SIGNED_IN,
    "ideas.comment": SIGNED_IN,
    "ideas.shipped": EVERYONE,
    "ideas.notices": SIGNED_IN,
    "ideas.change_status": STAFF,
    "ideas.merge": STAFF,
    "ideas.link_ticket": STAFF,
    "ideas.triage": STAFF,
    "ideas.categories": STAFF,
    "ideas.update_category": STAFF,
    "ideas.set_category": STAFF,
}


def test_every_endpoint_has_an_expected_access_rule(app):
    endpoints = {rule.endpoint for rule, _ in routes(app)}

    assert endpoints == set(EXPECTED_ACCESS), "add new endpoints to EXPECTED_ACCESS"


@pytest.mark.long_running
def test_every_route_answers_each_role_as_expected(app):
    accounts = {role: make_user(role=role) for role in ROLES if role}
    samples = route_samples(agent=accounts["agent"])
    checked = 0

    for rule, method in routes(app):
        allowed = EXPECTED_ACCESS[rule.endpoint]
        with app.test_request_context():
            url = app.url_for(rule.endpoint, **sample_arguments(rule, samples))
        for role in ROLES:
            browser = app.test_client()
            if role:
                assert sign_in(browser, accounts[role].email).status_code == 302
            response = browser.open(url, method=method)
            response.close()
            where = f"{method} {rule.rule} as {role or 'anonymous'}"
            if role in allowed:
                assert response.status_code < 500, where
                assert response.status_code != 403, where
                assert not (response.location or "").startswith("/login?next="), where
            elif role is None:
                assert response.status_code == 302, where
                assert response.location.startswith("/login?next="), where
            else:
                assert response.status_code == 403, where
            checked += 1

    assert checked >= 10 * len(ROLES)


def test_customer_is_refused_every_staff_page(app, login):
    browser, _ = login("customer")

    for rule, method in routes(app):
        allowed = allowed_roles(app.view_functions[rule.endpoint])
        if "customer" in allowed or allowed == ANYONE or rule.arguments:
            continue
        assert browser.open(rule.rule, method=method).status_code == 403, rule.rule


def test_app_refuses_to_start_with_a_view_that_declares_no_access(app):
    extra = Flask("extra")
    extra.add_url_rule("/open", "open", lambda: "open to all by accident")
    extra.add_url_rule("/fine", "fine", allow(ANYONE)(lambda: "fine"))

    with pytest.raises(RuntimeError, match="views without an @allow"):
        check_every_view_declares_access(extra)


def test_forbidden_page_keeps_the_layout(login):
    browser, _ = login("customer")

    response = browser.get("/admin/users")

    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "You may not see this page" in page and 'class="site-header"' in page

"""Personal API tokens: made on the account page, shown once, stored as a hash, revoked at once."""

import hashlib
import re

from sqlalchemy import select

from helpdesk.auth.models import AccountEvent, ApiToken
from helpdesk.extensions import db
from tests.conftest import ApiClient


def _made(page: str) -> str:
    return re.search(r'<code class="token" id="new-token">([^<]+)</code>', page)[1]


def test_a_user_makes_a_token_on_the_account_page_and_sees_it_once(app, login):
    browser, user = login("agent")

    response = browser.post("/account/tokens", data={"name": "Shop integration"})

    token = _made(response.get_data(as_text=True))
    assert token.startswith("hd_") and len(token) > 40
    again = browser.get("/account").get_data(as_text=True)
    assert "Shop integration" in again
    assert token not in again  # never shown again
    assert token[:10] in again  # recognisable by its start
    row = db.session.scalar(select(ApiToken))
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (row.token_hash, row.prefix, row.name)


def test_a_token_acts_with_its_owners_role(app, login):
    browser, user = login("agent")
    token = _made(browser.post("/account/tokens", data={"name": "CLI"}).get_data(as_text=True))
    api = ApiClient(app.test_client(), token)

    me = api.get("/api/v1/me")
    metrics = api.get("/api/v1/metrics")

    assert me.status_code == 200 and me.json["id"] == user.id and me.json["role"] == "agent"
    assert metrics.status_code == 403  # the reports are for supervisors


def test_revoking_a_token_takes_effect_on_the_next_request(app, login):
    browser, _user = login("customer")
    token = _made(browser.post("/account/tokens", data={"name": "Phone"}).get_data(as_text=True))
    api = ApiClient(app.test_client(), token)
    assert api.get("/api/v1/me").status_code == 200
    row = db.session.scalar(select(ApiToken))

    response = browser.post(f"/account/tokens/{row.id}/revoke")

    assert response.status_code == 302
    assert "is revoked" in browser.get("/account").get_data(as_text=True)
    refused = api.get("/api/v1/me")
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"
    assert "revoked" in refused.json["detail"]


def test_nobody_revokes_another_persons_token(app, login):
    owner_browser, _owner = login("customer")
    owner_browser.post("/account/tokens", data={"name": "Mine"})
    row = db.session.scalar(select(ApiToken))
    other_browser, _other = login("customer")

    response = other_browser.post(f"/account/tokens/{row.id}/revoke")

    assert response.status_code == 404
    db.session.refresh(row)
    assert row.revoked_at is None


def test_a_deactivated_owners_token_stops_working(app, api, login):
    client, user = api("agent")
    admin_browser, _admin = login("admin")

    admin_browser.post(f"/admin/users/{user.id}/active", data={"active": "0"})

    assert client.get("/api/v1/me").status_code == 401


def test_a_token_needs_a_name_and_the_page_says_so(app, login):
    browser, _user = login("customer")

    response = browser.post("/account/tokens", data={"name": "  "})

    assert response.status_code == 422
    assert "Name the token after what will use it." in response.get_data(as_text=True)
    assert db.session.scalar(select(ApiToken)) is None


def test_making_and_revoking_tokens_is_in_the_account_events(app, login):
    browser, user = login("customer")
    browser.post("/account/tokens", data={"name": "Zapier"})
    row = db.session.scalar(select(ApiToken))
    browser.post(f"/account/tokens/{row.id}/revoke")

    types = db.session.scalars(
        select(AccountEvent.type).where(AccountEvent.user_id == user.id).order_by(AccountEvent.id)
    ).all()

    assert types[-2:] == ["api_token_created", "api_token_revoked"]


def test_wrong_or_missing_tokens_are_refused_with_a_challenge(app):
    client = app.test_client()

    for header in ({}, {"Authorization": "Bearer hd_not-a-token"}, {"Authorization": "Basic x"}):
        response = client.get("/api/v1/me", headers=header)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="helpdesk"'
        assert response.json["type"].endswith("/unauthorized")

"""API errors are problem documents (RFC 9457) with the right status, never a 500."""

import os
import uuid

import pytest
import redis

from helpdesk import create_app
from helpdesk.extensions import db
from tests.conftest import ApiClient


def assert_problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    document = response.json
    assert document["status"] == status
    assert document["type"] == f"https://helpdesk.invalid/problems/{slug}"
    assert document["title"] and document["detail"]
    return document


def test_malformed_json_is_a_400(app, api):
    client, _user = api("customer")

    response = client.post(
        "/api/v1/tickets", data=b'{"subject": "Hi", ', content_type="application/json"
    )

    assert_problem(response, 400, "bad-request")


@pytest.mark.parametrize("body", [b"\xff\xfe not utf-8", b"\x00\x00\x00"])
def test_bytes_that_are_not_utf8_json_are_a_400(app, api, body):
    client, _user = api("customer")

    response = client.post("/api/v1/tickets", data=body, content_type="application/json")

    assert_problem(response, 400, "bad-request")


def test_a_body_that_is_not_json_is_a_415(app, api):
    client, _user = api("customer")

    response = client.post("/api/v1/tickets", data={"subject": "Hi"})

    assert_problem(response, 415, "unsupported-media-type")


def test_an_oversized_body_is_a_413_with_a_message(app, api):
    client, _user = api("customer")

    response = client.post("/api/v1/tickets", json={"subject": "Hi", "body": "x" * 300_000})

    document = assert_problem(response, 413, "too-large")
    assert "KiB" in document["detail"]


def test_json_of_the_wrong_shape_is_a_422_naming_the_fields(app, api):
    client, _user = api("customer")

    for body in ([], "a string", {"subject": 5, "body": None}):
        response = client.post("/api/v1/tickets", json=body)
        document = assert_problem(response, 422, "invalid")
        assert document["errors"] and all("field" in error for error in document["errors"])


def test_unknown_paths_and_methods_are_problems_too(app, api):
    client, _user = api("customer")

    assert_problem(client.get("/api/v1/no-such-thing"), 404, "not-found")
    assert_problem(client.get("/api/v1/tickets/99999999999999999999"), 404, "not-found")
    document = assert_problem(client.delete("/api/v1/tickets"), 405, "method-not-allowed")
    assert document["detail"]


def test_a_token_over_its_rate_limit_gets_429_with_retry_after(app, api):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    client, user = api("customer")
    other, _other_user = api("customer")

    answers = [client.get("/api/v1/me").status_code for _ in range(4)]
    limited = client.get("/api/v1/me")

    assert answers == [200, 200, 200, 429]
    assert_problem(limited, 429, "rate-limited")
    assert int(limited.headers["Retry-After"]) > 0
    assert other.get("/api/v1/me").status_code == 200  # counted per token


def test_requests_without_a_token_are_limited_per_address(app):
    app.config["API_RATE_LIMIT"] = "2 per minute"
    browser = app.test_client()

    answers = [browser.get("/api/v1/me").status_code for _ in range(3)]
    guessing = ApiClient(app.test_client(), "hd_guess")  # a token is counted on its own

    assert answers == [401, 401, 429]
    assert guessing.get("/api/v1/me").status_code == 401


REDIS_URL = os.environ.get("HELPDESK_TEST_REDIS", "redis://127.0.0.1:6379/15")


def _redis_unreachable() -> str | None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return str(error)
    return None


def test_workers_sharing_redis_share_one_limit(app, api):
    """With RATELIMIT_STORAGE_URI on Redis, two instances of the app count a token together."""
    unreachable = _redis_unreachable()
    if unreachable:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}: {unreachable}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {unreachable}")
    client, _user = api("customer")
    shared = {
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "API_RATE_LIMIT": "3 per minute",
    }
    workers = [create_app({**app.config, **shared}) for _ in range(2)]
    clients = [ApiClient(worker.test_client(), client.token) for worker in workers]

    try:
        answers = [clients[n % 2].get("/api/v1/me").status_code for n in range(4)]
    finally:
        for worker in workers:  # their own database connections, not the test app's
            with worker.app_context():
                db.engine.dispose()

    assert answers == [200, 200, 200, 429]

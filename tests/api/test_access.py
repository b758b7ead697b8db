"""Every API operation against every role's token, no token, and a signed-in browser's cookie."""

from helpdesk import resource_dir
from helpdesk.api.spec import OPERATIONS
from helpdesk.auth import tokens
from helpdesk.playbooks import service as playbooks
from tests.conftest import sign_in
from tests.factories import make_article, make_idea, make_ticket, make_user

ROLES = ("customer", "agent", "supervisor", "admin")
EVERYONE = set(ROLES)
STAFF = {"agent", "supervisor", "admin"}
# Who may call each operation, stated once more here, independently of the code.
EXPECTED = {
    "me": EVERYONE,
    "openapi": None,  # no token needed
    "list_tickets": EVERYONE,
    "create_ticket": {"customer"},
    "get_ticket": EVERYONE,
    "update_ticket": EVERYONE,
    "list_messages": EVERYONE,
    "add_message": EVERYONE,
    "list_users": STAFF,
    "create_user": {"admin"},
    "update_user": {"admin"},
    "list_articles": EVERYONE,
    "get_article": EVERYONE,
    "create_article": STAFF,
    "edit_article": STAFF,
    "list_ideas": EVERYONE,
    "create_idea": EVERYONE,
    "get_idea": EVERYONE,
    "vote": EVERYONE,
    "unvote": EVERYONE,
    "comment": EVERYONE,
    "change_idea_status": STAFF,
    "merge_idea": STAFF,
    "list_survey_responses": STAFF,
    "get_metrics": {"supervisor", "admin"},
    "list_playbooks": STAFF,
    "get_playbook": STAFF,
    "list_runs": STAFF,
    "tick_step": STAFF,
}


def _samples() -> dict:
    agent = make_user("agent")
    ticket = make_ticket()
    playbooks.sync(resource_dir("playbooks"))
    checklist = playbooks.current_playbooks()[0]
    run = playbooks.start_run(ticket=ticket, playbook_id=checklist.id, actor=agent)
    return {
        "number": ticket.number,
        "user_id": agent.id,
        "slug": make_article(status="published").slug,
        "idea_id": make_idea().id,
        "playbook_id": checklist.id,
        "run_id": run.id,
        "step_id": checklist.steps[0].id,
    }


def _path(op, samples: dict) -> str:
    path = "/api/v1" + op.rule
    for name, value in samples.items():
        path = path.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
    assert "<" not in path, f"add a sample for {op.rule}"
    return path


def test_every_operation_has_an_expected_rule(app):
    assert {op.endpoint for op in OPERATIONS} == set(EXPECTED)


def test_each_role_reaches_only_its_operations(app):
    samples = _samples()
    tokens_by_role = {}
    for role in ROLES:
        _row, token = tokens.create_token(user=make_user(role), name="access")
        tokens_by_role[role] = token
    client = app.test_client()

    for op in OPERATIONS:
        path = _path(op, samples)
        allowed = EXPECTED[op.endpoint]
        for role, token in tokens_by_role.items():
            response = client.open(
                path,
                method=op.method.upper(),
                headers={"Authorization": f"Bearer {token}"},
                json={},
            )
            where = f"{op.method.upper()} {path} as {role}"
            assert response.status_code < 500, where
            if allowed is None or role in allowed:
                assert response.status_code not in (401, 403), (where, response.json)
            else:
                assert response.status_code == 403, where
                assert response.mimetype == "application/problem+json", where


def test_no_token_is_401_everywhere_but_the_document(app):
    samples = _samples()
    client = app.test_client()

    for op in OPERATIONS:
        response = client.open(_path(op, samples), method=op.method.upper(), json={})
        if op.public:
            assert response.status_code == 200
        else:
            assert response.status_code == 401, op.rule
            assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_signed_in_browser_cannot_use_the_api_with_its_cookie(app):
    """The API takes tokens only, so a page on another site cannot make a visitor's browser
    act through it (no CSRF hole)."""
    samples = _samples()
    admin = make_user("admin")
    browser = app.test_client()
    assert sign_in(browser, admin.email).status_code == 302

    for op in OPERATIONS:
        if op.public:
            continue
        response = browser.open(_path(op, samples), method=op.method.upper(), json={})
        assert response.status_code == 401, op.rule

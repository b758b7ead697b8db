"""Every route of the app, for the tests that sweep them all (access, leaks, CSRF)."""

from flask import Flask
from sqlalchemy import func, select

from helpdesk import resource_dir
from helpdesk.extensions import db
from helpdesk.playbooks import service as playbooks
from helpdesk.playbooks.models import CheckIn
from helpdesk.tickets.models import Attachment, Message
from tests.factories import (
    make_article,
    make_canned_reply,
    make_idea,
    make_ticket,
    make_user,
    upload,
)

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def sample_arguments(rule, samples: dict) -> dict:
    """Values for the URL's variables; a route with a new variable needs one added here."""
    missing = set(rule.arguments) - set(samples)
    assert not missing, f"add a sample value for {sorted(missing)} of {rule.rule} to this test"
    return {name: samples[name] for name in rule.arguments}


def is_api_operation(endpoint: str) -> bool:
    """API operations take tokens, not sessions: tests/api/test_access.py checks them."""
    return endpoint.startswith("api.") and endpoint != "api.docs"


def routes(app: Flask):
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if rule.endpoint == "static" or is_api_operation(rule.endpoint):
            continue
        for method in sorted(rule.methods - IGNORED_METHODS):
            yield rule, method


def route_samples(agent=None) -> dict:
    """A value for every URL variable, each pointing at something that exists: a customer's
    ticket with a file, a playbook run with its check-in, an article, an idea, a canned reply.
    Tokens and ids of things that need more setting up are plausible but unknown."""
    agent = agent or make_user("agent")
    target = make_user(role="customer")
    ticket = make_ticket(customer=target, uploads=[upload()])
    playbooks.sync(resource_dir("playbooks"))
    [checklist] = [p for p in playbooks.current_playbooks() if p.slug == "difficult-customer"]
    run = playbooks.start_run(ticket=ticket, playbook_id=checklist.id, actor=agent)
    last_step = checklist.steps[-1]
    playbooks.tick(run_id=run.id, step_id=last_step.id, actor=agent, done=True)
    return {
        "user_id": target.id,
        "number": ticket.number,
        "attachment_id": db.session.scalar(
            select(Attachment.id).where(Attachment.ticket_id == ticket.id)
        ),
        "message_id": db.session.scalar(select(Message.id).where(Message.ticket_id == ticket.id)),
        "reply_id": make_canned_reply().id,
        "category_id": ticket.category_id or 1,
        "playbook_id": checklist.id,
        "run_id": run.id,
        "step_id": last_step.id,
        "check_in_id": db.session.scalar(select(CheckIn.id)),
        "slug": make_article().slug,
        "token": "not-a-real-token-but-long-enough-to-look-up",
        "recovery_id": 1,
        "idea_id": make_idea().id,
        "token_id": 1,
        "webhook_id": 1,
        "delivery_id": 1,
    }


def rows_in_every_table(skip: frozenset[str] = frozenset({"account_events"})) -> dict[str, int]:
    """How many rows each table holds, but those in `skip` (sign-ins write account events):
    equal before and after a sweep means the sweep changed nothing."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
        if table.name not in skip
    }

"""Believable demo data, filled area by area; running it again adds nothing twice."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import text

from helpdesk import resource_dir
from helpdesk.auth.demo import seed_users
from helpdesk.extensions import db
from helpdesk.ideas.demo import seed_ideas
from helpdesk.kb.demo import seed_articles
from helpdesk.playbooks.demo import seed_playbooks
from helpdesk.surveys.demo import seed_survey_answers
from helpdesk.tickets.demo import seed_tickets


@dataclass(frozen=True)
class DemoSize:
    """How much demo data to make; tests ask for less than `make run` does."""

    tickets: int = 600


@dataclass(frozen=True)
class DemoStep:
    """One area's part of the demo: a label for the progress bar and the function that seeds it."""

    label: str
    seed: Callable[[random.Random, DemoSize], int]


STEPS: tuple[DemoStep, ...] = (
    DemoStep("accounts", lambda rng, size: seed_users(rng)),
    DemoStep("tickets", lambda rng, size: _busy_customers(seed_tickets, rng, count=size.tickets)),
    DemoStep("playbook runs", lambda rng, size: seed_playbooks(rng, resource_dir("playbooks"))),
    DemoStep("help centre articles", lambda rng, size: seed_articles(rng)),
    DemoStep("survey answers", lambda rng, size: seed_survey_answers(rng)),
    DemoStep("ideas", lambda rng, size: seed_ideas(rng)),
)


def _busy_customers(seed_step, *args, **kwargs) -> int:
    """Run a step with no survey quiet period: the demo's sixty customers write hundreds of
    tickets in a few months, far more often than real ones, and would mostly go unasked."""
    config = current_app.config
    quiet_days = config["SURVEY_QUIET_DAYS"]
    config["SURVEY_QUIET_DAYS"] = 0
    try:
        return seed_step(*args, **kwargs)
    finally:
        config["SURVEY_QUIET_DAYS"] = quiet_days


def seed(rng: random.Random, size: DemoSize = DemoSize(), on_step=None) -> dict[str, int]:
    """Run every step with one random generator; return how many rows each step added.

    The services commit after every action; the demo makes thousands of them in a row, and
    re-reading every object it holds after each commit was most of its time, so objects keep
    their values across commits while it runs (nothing else writes to a database being seeded).
    On PostgreSQL the commits do not wait for the disk either: a crash mid-seed loses the last
    moments of a demo that is seeded again by running the command again.
    """
    session = db.session()
    expiring = session.expire_on_commit
    session.expire_on_commit = False
    postgres = db.engine.dialect.name == "postgresql"
    if postgres:  # nor wait for each of those commits to reach the disk
        session.execute(text("SET synchronous_commit TO OFF"))
    added = {}
    try:
        for step in STEPS:
            added[step.label] = step.seed(rng, size)
            if on_step is not None:
                on_step(step)
    finally:
        session.expire_on_commit = expiring
        if postgres:
            session.rollback()
            session.execute(text("RESET synchronous_commit"))
            session.commit()
    return added

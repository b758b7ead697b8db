"""Demo playbook runs: most unhappy demo tickets follow the incident checklist."""

import random
from datetime import timedelta

from sqlalchemy import select

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.extensions import db
from helpdesk.playbooks import service
from helpdesk.playbooks.models import CheckIn, PlaybookRun
from helpdesk.tickets.models import Ticket

RUN_SHARE = 0.8
DONE_STEP_CHANCE = 0.8


def seed_playbooks(rng: random.Random, folder: str) -> int:
    """Sync the shipped playbooks and start runs on negative demo tickets without one."""
    service.sync(folder)
    checklist = next(
        (
            playbook
            for playbook in service.current_playbooks()
            if playbook.slug == "difficult-customer"
        ),
        None,
    )
    if checklist is None:
        return 0
    with_runs = select(PlaybookRun.ticket_id)
    candidates = db.session.scalars(
        select(Ticket)
        .where(
            Ticket.first_sentiment == "negative",
            Ticket.submission_key.like("demo-%"),
            Ticket.id.not_in(with_runs),
        )
        .order_by(Ticket.id)
    ).all()
    now = clock.now()
    started = 0
    with clock.travelling():
        for ticket in candidates:
            if rng.random() > RUN_SHARE:
                continue
            agent = ticket.assignee or db.session.scalar(
                select(User).where(User.role == "agent").order_by(User.id)
            )
            at = ticket.created_at + timedelta(minutes=rng.randint(10, 240))
            if at >= now:
                continue
            clock.freeze(at)
            run = service.start_run(ticket=ticket, playbook_id=checklist.id, actor=agent)
            for step in checklist.steps:
                at += timedelta(minutes=rng.randint(5, 600))
                if at >= now or rng.random() > DONE_STEP_CHANCE:
                    break
                clock.freeze(at)
                service.tick(run_id=run.id, step_id=step.id, actor=agent, done=True)
            started += 1
    _do_some_check_ins(rng, now)
    return started


def _do_some_check_ins(rng: random.Random, now) -> None:
    """Past check-ins: most done on time, some late, some still open (overdue)."""
    for check_in in db.session.scalars(
        select(CheckIn).where(CheckIn.done_at.is_(None), CheckIn.due_at < now)
    ).all():
        roll = rng.random()
        if roll < 0.6:
            check_in.done_at = check_in.due_at - timedelta(hours=rng.randint(1, 20))
        elif roll < 0.8:
            check_in.done_at = check_in.due_at + timedelta(hours=rng.randint(2, 48))
        else:
            continue
        if check_in.done_at > now:
            check_in.done_at = now
        check_in.done_by_id = check_in.assignee_id
        check_in.note = "Checked in with the customer; all fine now."
    db.session.commit()

"""Playbook operations: sync the files, suggest, run on a ticket, tick steps, check in."""

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.errors import Conflict, Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.playbooks import files
from helpdesk.playbooks.models import CheckIn, Playbook, PlaybookRun, PlaybookStep, RunStep
from helpdesk.tickets import service as tickets
from helpdesk.tickets.history import record
from helpdesk.tickets.models import Ticket


@dataclass
class SyncReport:
    """What a sync did, by playbook id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _latest_versions() -> dict[str, Playbook]:
    newest = (
        select(Playbook.slug, func.max(Playbook.version).label("version"))
        .group_by(Playbook.slug)
        .subquery()
    )
    rows = db.session.scalars(
        select(Playbook).join(
            newest, (Playbook.slug == newest.c.slug) & (Playbook.version == newest.c.version)
        )
    )
    return {playbook.slug: playbook for playbook in rows}


def sync(folder: str | Path) -> SyncReport:
    """Load every file (all or nothing); a changed file becomes a new version, a removed one
    is retired; runs keep the version they started with."""
    specs = files.load_folder(folder)
    latest = _latest_versions()
    report = SyncReport()
    for spec in specs:
        current = latest.get(spec.id)
        if current is not None and current.checksum == spec.checksum:
            if current.retired:
                current.retired = False
                report.updated.append(spec.id)
            else:
                report.unchanged.append(spec.id)
            continue
        if current is not None:
            current.retired = True
        playbook = Playbook(
            slug=spec.id,
            version=current.version + 1 if current else 1,
            title=spec.title,
            summary=spec.summary,
            suggest_when=dict(spec.suggest_when),
            checksum=spec.checksum,
        )
        for position, step in enumerate(spec.steps, start=1):
            playbook.steps.append(
                PlaybookStep(
                    position=position,
                    key=step.key,
                    title=step.title,
                    guidance=step.guidance,
                    check_in_after_seconds=(
                        int(step.check_in_after.total_seconds()) if step.check_in_after else None
                    ),
                    required=step.required,
                )
            )
        db.session.add(playbook)
        (report.updated if current else report.added).append(spec.id)
    for slug in set(latest) - {spec.id for spec in specs}:
        if not latest[slug].retired:
            latest[slug].retired = True
            report.retired.append(slug)
    db.session.commit()
    return report


def current_playbooks() -> list[Playbook]:
    """The playbooks in use: the newest version of each file still in the folder."""
    return sorted(
        (playbook for playbook in _latest_versions().values() if not playbook.retired),
        key=lambda playbook: playbook.title,
    )


def get_playbook(playbook_id: int) -> Playbook:
    """One playbook version, or NotFound."""
    playbook = db.session.get(Playbook, playbook_id)
    if playbook is None:
        raise NotFound("No such playbook.")
    return playbook


def runs_of(ticket: Ticket) -> list[PlaybookRun]:
    """The ticket's runs, newest first."""
    return db.session.scalars(
        select(PlaybookRun)
        .where(PlaybookRun.ticket_id == ticket.id)
        .order_by(PlaybookRun.started_at.desc(), PlaybookRun.id.desc())
    ).all()


def suggestions(
    ticket: Ticket,
    runs: list[PlaybookRun] | None = None,
    playbooks: list[Playbook] | None = None,
) -> list[Playbook]:
    """Playbooks whose rules match the ticket and that are not already open on it (`runs` and
    `playbooks`: the ticket's runs and the current playbooks, when the caller has them)."""
    runs = runs_of(ticket) if runs is None else runs
    open_slugs = {run.playbook.slug for run in runs if run.completed_at is None}
    tags = {tag.name for tag in ticket.tags}
    return [
        playbook
        for playbook in (current_playbooks() if playbooks is None else playbooks)
        if playbook.slug not in open_slugs
        and files.matches(
            playbook,
            sentiment=ticket.first_sentiment,
            category=ticket.category.name if ticket.category else None,
            priority=ticket.priority,
            tags=tags,
        )
    ]


def start_run(*, ticket: Ticket, playbook_id: int, actor: User) -> PlaybookRun:
    """Start following a playbook on a ticket; one open run per playbook."""
    playbook = get_playbook(playbook_id)
    if playbook.retired:
        raise Invalid("That playbook has been replaced; choose it again from the list.")
    if any(
        run.playbook.slug == playbook.slug and run.completed_at is None for run in runs_of(ticket)
    ):
        raise Conflict(f"“{playbook.title}” is already open on this ticket.")
    run = PlaybookRun(ticket_id=ticket.id, playbook_id=playbook.id, started_by_id=actor.id)
    db.session.add(run)
    db.session.flush()
    record(ticket, actor, "playbook_started", run_id=run.id, playbook=playbook.title)
    db.session.commit()
    return run


def get_run(run_id: int) -> PlaybookRun:
    """A run, or NotFound."""
    run = db.session.get(PlaybookRun, run_id)
    if run is None:
        raise NotFound("No such checklist.")
    return run


def progress(run: PlaybookRun) -> tuple[int, int]:
    """(steps done, steps in all)."""
    done = sum(1 for step in run.steps_done if step.done)
    return done, len(run.playbook.steps)


def missing_required(run: PlaybookRun) -> list[PlaybookStep]:
    """Required steps not ticked yet."""
    done = {step.step_id for step in run.steps_done if step.done}
    return [step for step in run.playbook.steps if step.required and step.id not in done]


def tick(*, run_id: int, step_id: int, actor: User, done: bool, note: str = "") -> RunStep:
    """Tick or untick a step; a ticked step with a check-in time schedules a check-in."""
    run = get_run(run_id)
    step = db.session.get(PlaybookStep, step_id)
    if step is None or step.playbook_id != run.playbook_id:
        raise NotFound("No such step in this checklist.")
    ticket = db.session.get(Ticket, run.ticket_id)
    entry = db.session.scalar(
        select(RunStep).where(RunStep.run_id == run.id, RunStep.step_id == step.id)
    )
    if entry is None:
        entry = RunStep(run_id=run.id, step_id=step.id, note="")
        db.session.add(entry)
    now = clock.now()
    was_done = entry.done
    entry.done, entry.note = done, (note or "").strip()[:2000]
    entry.done_by_id, entry.done_at = (actor.id, now) if done else (None, None)
    if done and not was_done and step.check_in_after_seconds:
        db.session.add(
            CheckIn(
                ticket_id=ticket.id,
                run_id=run.id,
                step_id=step.id,
                assignee_id=ticket.assignee_id or actor.id,
                due_at=now + timedelta(seconds=step.check_in_after_seconds),
            )
        )
    if was_done and not done:
        for check_in in db.session.scalars(
            select(CheckIn).where(
                CheckIn.run_id == run.id, CheckIn.step_id == step.id, CheckIn.done_at.is_(None)
            )
        ):
            db.session.delete(check_in)
    db.session.flush()
    db.session.refresh(run)
    run.completed_at = None if missing_required(run) else (run.completed_at or now)
    if was_done != done:
        record(
            ticket,
            actor,
            "playbook_step_done" if done else "playbook_step_undone",
            run_id=run.id,
            step=step.title,
        )
    try:
        db.session.commit()
    except IntegrityError:  # the same step ticked twice at the same moment
        db.session.rollback()
        raise Conflict("Someone ticked this step at the same moment; look again.") from None
    return entry


def open_check_ins(*, viewer: User, everyone: bool):
    """A select of check-ins not done yet, soonest first; the viewer's own unless everyone."""
    statement = (
        select(CheckIn).where(CheckIn.done_at.is_(None)).order_by(CheckIn.due_at, CheckIn.id)
    )
    if not everyone:
        statement = statement.where(CheckIn.assignee_id == viewer.id)
    return statement


def due_count(user: User) -> int:
    """How many of this person's check-ins are due now or overdue."""
    return db.session.scalar(
        select(func.count())
        .select_from(CheckIn)
        .where(
            CheckIn.assignee_id == user.id,
            CheckIn.done_at.is_(None),
            CheckIn.due_at <= clock.now(),
        )
    )


def complete_check_in(*, check_in_id: int, actor: User, body: str, kind: str) -> CheckIn:
    """Do a check-in: write to the customer (or note why not), then mark it done."""
    check_in = db.session.get(CheckIn, check_in_id)
    if check_in is None:
        raise NotFound("No such check-in.")
    if check_in.done_at is not None:
        raise Conflict("This check-in was done already.")
    ticket = db.session.get(Ticket, check_in.ticket_id)
    message, _ = tickets.reply(ticket=ticket, author=actor, body=body, kind=kind)
    check_in.done_at = clock.now()
    check_in.done_by_id = actor.id
    check_in.note = message.body[:2000]
    db.session.flush()
    record(
        ticket,
        actor,
        "check_in_done",
        check_in_id=check_in.id,
        on_time=check_in.done_at <= check_in.due_at,
    )
    db.session.commit()
    return check_in


def unfinished_required_steps(ticket: Ticket) -> list[str]:
    """Titles of required steps left open in the ticket's open runs (asked before resolving)."""
    return [
        f"{run.playbook.title}: {step.title}"
        for run in runs_of(ticket)
        if run.completed_at is None
        for step in missing_required(run)
    ]


tickets.RESOLUTION_CHECKS.append(unfinished_required_steps)

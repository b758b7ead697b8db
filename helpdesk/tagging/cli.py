"""`flask sentiment train` and `flask sentiment retag`."""

import multiprocessing
from collections.abc import Callable

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from helpdesk.errors import Invalid
from helpdesk.extensions import db
from helpdesk.tagging import service
from helpdesk.tickets import batch
from helpdesk.tickets.models import Message, MessageKind, Ticket

sentiment_group = AppGroup("sentiment", help="The sentiment tagger: training and re-tagging.")


@sentiment_group.command("train")
def train_command() -> None:
    """Retrain from the shipped examples plus every agent correction; workers switch to it."""
    try:
        info = service.train()
    except Invalid as error:
        raise click.ClickException(error.message) from None
    scores = info.scores
    click.echo(
        f"Model {info.version}: trained on {info.trained_on} examples "
        f"({info.corrections} from agents' corrections)."
    )
    click.echo(
        f"Held-out scores: accuracy {scores['accuracy']:.2f}, macro-F1 {scores['macro_f1']:.2f}, "
        f"negative recall {scores['negative_recall']:.2f} on {scores['examples']} examples."
    )


@sentiment_group.command("retag")
@click.option("--batch-size", type=int, default=500, show_default=True)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes tagging customer messages side by side (one per core is fastest).",
)
def retag_command(batch_size: int, jobs: int) -> None:
    """Tag every customer text again with the current model (keeps agents' corrections)."""
    total = db.session.scalar(
        select(func.count()).select_from(Message).where(Message.kind == MessageKind.CUSTOMER)
    )
    with click.progressbar(length=total, label="Retagging customer messages") as bar:
        done = _retag_messages(batch_size, jobs, bar.update)
    click.echo(f"Retagged {done} messages with model {service.model_info().version}.")
    for step in service.RETAG_STEPS:  # a few thousand rows: one process is enough
        last_id, done = 0, 0
        with click.progressbar(length=step.count(), label=f"Retagging {step.label}") as bar:
            while (result := step.batch(last_id, batch_size)) is not None:
                last_id, count = result
                bar.update(count)
                done += count
        click.echo(f"Retagged {done} {step.label}.")


def _retag_messages(batch_size: int, jobs: int, progress: Callable[[int], None]) -> int:
    """Retag the customer messages, in `jobs` forked processes each taking a range of
    tickets (so that no two touch the same ticket's moods); return how many."""
    first, last = db.session.execute(select(func.min(Ticket.id), func.max(Ticket.id))).one()
    if first is None:
        return 0
    if jobs == 1:
        return _retag_range(None, batch_size, progress)
    # Children open their own connections: none may be inherited across the fork.
    db.session.remove()
    db.engine.dispose()
    context = multiprocessing.get_context("fork")
    reports = context.Queue()
    step = -(-(last - first + 1) // jobs)
    workers = [
        context.Process(
            target=_retag_child,
            args=((start, min(start + step - 1, last)), batch_size, reports),
        )
        for start in range(first, last + 1, step)
    ]
    for worker in workers:
        worker.start()
    done, running, failures = 0, len(workers), []
    while running:
        report = reports.get()
        if report is None:
            running -= 1
        elif isinstance(report, str):
            failures.append(report)
        else:
            done += report
            progress(report)
    for worker in workers:
        worker.join()
    if failures or any(worker.exitcode for worker in workers):
        raise click.ClickException(f"Retagging failed: {'; '.join(failures) or 'a job died'}")
    return done


def _retag_range(tickets: tuple[int, int] | None, batch_size: int, progress) -> int:
    """Retag the customer messages of a range of tickets (all when None, in batches by id). A
    range is walked in windows of a few hundred tickets, each read whole by the index of
    messages by ticket."""
    done = 0
    if tickets is None:
        last_id = 0
        while (step := batch.retag_batch(after_id=last_id, batch_size=batch_size)) is not None:
            last_id, count = step
            progress(count)
            done += count
        return done
    width = max(1, batch_size // 4)  # a customer writes two or three times a ticket
    first, last = tickets
    for low in range(first, last + 1, width):
        count = batch.retag_tickets(low, min(low + width - 1, last))
        progress(count)
        done += count
    return done


def _retag_child(tickets: tuple[int, int], batch_size: int, reports) -> None:
    """One job: its range of tickets, reporting each batch's count, then None."""
    try:
        _retag_range(tickets, batch_size, reports.put)
    except Exception as error:  # noqa: BLE001 (reported to the parent, which fails)
        db.session.rollback()
        reports.put(f"tickets {tickets[0]}-{tickets[1]}: {error}")
    finally:
        db.session.remove()
        db.engine.dispose()
        reports.put(None)

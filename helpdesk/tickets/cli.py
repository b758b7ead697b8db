"""`flask tickets close-stale` and `flask sentiment retag`."""

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from helpdesk.extensions import db
from helpdesk.tickets import service
from helpdesk.tickets.models import Message, MessageKind

tickets_group = AppGroup("tickets", help="Ticket maintenance.")
sentiment_group = AppGroup("sentiment", help="Sentiment tags of customer texts.")


@tickets_group.command("close-stale")
@click.option("--days", type=int, default=None, help="Default: HELPDESK_AUTO_CLOSE_DAYS.")
def close_stale_command(days: int | None) -> None:
    """Close tickets resolved more than N days ago (safe to run from cron)."""
    days = current_app.config["AUTO_CLOSE_DAYS"] if days is None else days
    closed = service.close_stale(days=days)
    click.echo(f"Closed {closed} ticket{'s' if closed != 1 else ''} resolved over {days} days ago.")


@sentiment_group.command("retag")
@click.option("--batch-size", type=int, default=500, show_default=True)
def retag_command(batch_size: int) -> None:
    """Recompute every customer message's mood (after changing the thresholds)."""
    total = db.session.scalar(
        select(func.count()).select_from(Message).where(Message.kind == MessageKind.CUSTOMER)
    )
    last_id, done = 0, 0
    with click.progressbar(length=total, label="Retagging customer messages") as bar:
        while (batch := service.retag_batch(after_id=last_id, batch_size=batch_size)) is not None:
            last_id, count = batch
            bar.update(count)
            done += count
    click.echo(f"Retagged {done} messages.")

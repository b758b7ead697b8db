"""`flask tickets close-stale`."""

import click
from flask import current_app
from flask.cli import AppGroup

from helpdesk.tickets import batch

tickets_group = AppGroup("tickets", help="Ticket maintenance.")


@tickets_group.command("close-stale")
@click.option("--days", type=int, default=None, help="Default: HELPDESK_AUTO_CLOSE_DAYS.")
def close_stale_command(days: int | None) -> None:
    """Close tickets resolved more than N days ago (safe to run from cron)."""
    days = current_app.config["AUTO_CLOSE_DAYS"] if days is None else days
    closed = batch.close_stale(days=days)
    click.echo(f"Closed {closed} ticket{'s' if closed != 1 else ''} resolved over {days} days ago.")

"""`flask outbox send`: deliver queued email once (cron) or keep watching (a service)."""

from time import sleep

import click
from flask import current_app
from flask.cli import AppGroup

from helpdesk.config import ConfigError
from helpdesk.outbox import service
from helpdesk.outbox.delivery import backend_from_config

outbox_group = AppGroup("outbox", help="Outgoing email.")


@outbox_group.command("send")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Most emails to deliver in one round.",
)
@click.option("--watch", is_flag=True, help="Keep delivering until interrupted (Ctrl+C).")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds between rounds with --watch.",
)
def send_command(limit: int, watch: bool, interval: float) -> None:
    """Deliver the emails that are due, retrying failed ones later."""
    try:
        backend = backend_from_config(current_app)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    if not watch:
        click.echo(describe(service.send_pending(limit=limit, backend=backend)))
        return
    click.echo(f"Watching the outbox every {interval:g}s; Ctrl+C stops.")
    try:
        while True:
            report = service.send_pending(limit=limit, backend=backend)
            if report.attempted:
                click.echo(describe(report))
            # A full round means more may be waiting: go again at once.
            if report.attempted < limit:
                sleep(interval)
    except KeyboardInterrupt:
        click.echo("Stopped.")


def describe(report: service.DeliveryReport) -> str:
    """One line saying what a round did."""
    if not report.attempted:
        return "Nothing to send."
    return f"Sent {report.sent}, will retry {report.retried}, failed {report.failed}."

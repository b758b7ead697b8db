"""`flask webhooks send`: post the queued deliveries once (cron) or keep watching."""

from time import sleep

import click
from flask.cli import AppGroup

from helpdesk.webhooks import service

webhooks_group = AppGroup("webhooks", help="Webhook deliveries.")


@webhooks_group.command("send")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--watch", is_flag=True, help="Keep sending until interrupted (Ctrl+C).")
@click.option("--interval", type=click.FloatRange(min=0.1), default=5.0, show_default=True)
def send_command(limit: int, watch: bool, interval: float) -> None:
    """Post the deliveries that are due, retrying failed ones later with backoff."""
    while True:
        report = service.send_pending(limit=limit)
        if report.attempted or not watch:
            click.echo(
                f"Delivered {report.delivered}, will retry {report.retried}, "
                f"failed {report.failed}."
                if report.attempted
                else "Nothing to send."
            )
        if not watch:
            return
        try:
            if report.attempted < limit:
                sleep(interval)
        except KeyboardInterrupt:
            click.echo("Stopped.")
            return

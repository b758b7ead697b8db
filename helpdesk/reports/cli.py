"""`flask reports warm`: compute the dashboard's reports ahead of the supervisors."""

import time

import click
from flask.cli import AppGroup

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.reports import cache, day_counts
from helpdesk.reports.forms import PERIODS, preset_period
from helpdesk.reports.metrics import Filter

reports_group = AppGroup("reports", help="The supervisors' reports.")

PRESETS = [value for value, _label in PERIODS if value != "custom"]


@reports_group.command("warm")
@click.option(
    "--period",
    "periods",
    multiple=True,
    type=click.Choice(PRESETS),
    help="A preset period of the dashboard (repeatable; default: all of them).",
)
@click.option(
    "--days",
    multiple=True,
    type=click.IntRange(1, 3 * 366),
    help="Also the last N days, as the From and To dates ask for them (repeatable).",
)
@click.option(
    "--recount",
    is_flag=True,
    help="First forget the days and reports kept, and count every day again (after changes "
    "made around the app, such as SQL by hand).",
)
def warm_command(periods: tuple[str, ...], days: tuple[int, ...], recount: bool) -> None:
    """Compute the whole team's reports now, so the first supervisor to look finds them
    ready: a new day is a new period, so run it after midnight UTC (and after a bulk import)."""
    if recount:
        forgotten = day_counts.recount(db.session)
        click.echo(f"Forgot {forgotten:,} days kept; counting every day again.")
    now = clock.now()
    wanted = [(period, preset_period(period, now)) for period in periods or PRESETS]
    wanted += [(str(count), preset_period(str(count), now)) for count in days]
    for period, (start, end) in wanted:
        started = time.perf_counter()
        outcome = cache.warm(Filter(start=start, end=end, now=now), db.session)
        label = "this quarter" if period == "quarter" else f"the last {period} days"
        click.echo(f"Report of {label}: {outcome} ({time.perf_counter() - started:.1f} s).")

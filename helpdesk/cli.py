"""The flask commands, gathered from the areas in one place."""

import random

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from helpdesk import demo
from helpdesk.auth.cli import create_user_command
from helpdesk.auth.demo import demo_logins
from helpdesk.auth.models import User
from helpdesk.backup import backup_command, restore_command
from helpdesk.extensions import db
from helpdesk.outbox.cli import outbox_group
from helpdesk.playbooks.cli import playbooks_group
from helpdesk.reports.cli import reports_group
from helpdesk.tagging.cli import sentiment_group
from helpdesk.tickets.cli import tickets_group
from helpdesk.webhooks.cli import webhooks_group


@click.command("seed-demo")
@click.option(
    "--first-run",
    is_flag=True,
    help="Seed only when the database has no accounts yet (what `make run` uses).",
)
@click.option("--seed", "seed_value", default=2026, show_default=True, help="Random seed.")
@click.option(
    "--tickets",
    default=demo.DemoSize.tickets,
    show_default=True,
    type=click.IntRange(0, 100_000),
    help="How many demo tickets.",
)
@with_appcontext
def seed_demo_command(first_run: bool, seed_value: int, tickets: int) -> None:
    """Fill the database with demo data and print the demo logins."""
    has_accounts = db.session.scalar(select(func.count()).select_from(User)) > 0
    if first_run and has_accounts:
        click.echo("The database already has accounts; demo data not seeded again.")
    else:
        with click.progressbar(
            length=len(demo.STEPS),
            label="Seeding demo data",
            item_show_func=lambda step: step.label if step else None,
        ) as bar:
            added = demo.seed(
                random.Random(seed_value),
                demo.DemoSize(tickets=tickets),
                on_step=lambda step: bar.update(1, step),
            )
        click.echo("Added: " + ", ".join(f"{count} {label}" for label, count in added.items()))
    click.echo("\nDemo logins (password for all: demo-password):")
    for role, email, _password in demo_logins():
        click.echo(f"  {role:<11} {email}")


def commands() -> list[click.Command]:
    """Every command the app adds to `flask`."""
    return [
        create_user_command,
        seed_demo_command,
        tickets_group,
        sentiment_group,
        outbox_group,
        playbooks_group,
        reports_group,
        webhooks_group,
        backup_command,
        restore_command,
    ]

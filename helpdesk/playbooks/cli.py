"""`flask playbooks sync`: load the playbook files into the database."""

import click
from flask import current_app
from flask.cli import AppGroup

from helpdesk import resource_dir
from helpdesk.playbooks import files, service

playbooks_group = AppGroup("playbooks", help="Incident checklist playbooks.")


def default_folder() -> str:
    """The playbooks/ folder: HELPDESK_PLAYBOOKS_PATH, else the one shipped with the app."""
    return current_app.config.get("PLAYBOOKS_PATH") or resource_dir("playbooks")


@playbooks_group.command("sync")
@click.option("--folder", type=click.Path(file_okay=False), default=None)
def sync_command(folder: str | None) -> None:
    """Load the folder: changed files become new versions, removed ones are retired."""
    try:
        report = service.sync(folder or default_folder())
    except files.PlaybookFileError as error:
        raise click.ClickException(str(error)) from None
    for label, ids in (
        ("added", report.added),
        ("updated", report.updated),
        ("retired", report.retired),
        ("unchanged", report.unchanged),
    ):
        if ids:
            click.echo(f"{label.capitalize()}: {', '.join(sorted(ids))}")
    click.echo("Playbooks are in step with the files.")

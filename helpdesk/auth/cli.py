"""`flask create-user`: accounts for staff, made from the command line."""

import click
from flask.cli import with_appcontext

from helpdesk.auth import service
from helpdesk.auth.models import Role
from helpdesk.errors import DomainError


@click.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="Full name shown to customers and colleagues.")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.AGENT.value,
    show_default=True,
)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Asked for when left out.",
)
@with_appcontext
def create_user_command(email: str, name: str, role: str, password: str) -> None:
    """Create an account (usually staff) that can sign in at once."""
    try:
        user = service.create_user(email=email, name=name, role=Role(role), password=password)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {user.role} {user.email} (id {user.id}).")

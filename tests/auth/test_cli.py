"""`flask create-user` makes staff accounts from the command line."""

from sqlalchemy import select

from helpdesk.auth.models import User
from helpdesk.extensions import db
from tests.conftest import sign_in
from tests.factories import make_user


def test_create_user_makes_an_account_that_signs_in(app, runner):
    result = runner.invoke(
        args=[
            "create-user",
            "Ana@Example.com",
            "--name",
            "Ana Agent",
            "--role",
            "agent",
            "--password",
            "long enough pw",
        ]
    )

    assert result.exit_code == 0, result.output
    assert "Created agent ana@example.com" in result.output
    assert sign_in(app.test_client(), "ana@example.com", "long enough pw").status_code == 302


def test_create_user_asks_for_the_password_when_left_out(runner):
    result = runner.invoke(
        args=["create-user", "sup@example.com", "--name", "Sue", "--role", "supervisor"],
        input="long enough pw\nlong enough pw\n",
    )

    assert result.exit_code == 0, result.output
    assert (
        db.session.scalar(select(User.role).where(User.email == "sup@example.com")) == "supervisor"
    )


def test_create_user_refuses_a_taken_email_and_a_short_password(runner):
    make_user(email="taken@example.com")

    taken = runner.invoke(
        args=["create-user", "taken@example.com", "--name", "X", "--password", "long enough pw"]
    )
    short = runner.invoke(
        args=["create-user", "new@example.com", "--name", "X", "--password", "short"]
    )

    assert taken.exit_code == 1 and "already exists" in taken.output
    assert short.exit_code == 1 and "at least 8 characters" in short.output


def test_create_user_refuses_an_unknown_role(runner):
    result = runner.invoke(
        args=[
            "create-user",
            "x@example.com",
            "--name",
            "X",
            "--role",
            "boss",
            "--password",
            "pw123456",
        ]
    )

    assert result.exit_code == 2 and "boss" in result.output

"""Migrations build the schema from nothing, go down and up again, and match the models."""

from datetime import timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from helpdesk import clock, create_app
from helpdesk.database import include_in_migrations
from helpdesk.extensions import db
from helpdesk.tickets import service as tickets
from tests.factories import make_ticket, make_user


def table_names() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_then_downgrade_and_upgrade_again(empty_database_url, tmp_path):
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": empty_database_url, "INSTANCE_PATH": str(tmp_path)}
    )

    with app.app_context():
        upgrade()
        assert {"users", "account_events"} <= table_names()

        downgrade(revision="base")
        assert table_names() == set()  # search tables and triggers went too

        upgrade()
        expected = {table.name for table in db.metadata.sorted_tables}
        assert {name for name in table_names() if "_fts" not in name} == expected
        db.engine.dispose()


def test_models_and_migrations_agree(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": include_in_migrations}
        )
        differences = compare_metadata(context, db.metadata)

    assert differences == [], "run `flask --app wsgi db migrate` and commit the migration"


def test_later_migrations_keep_the_search_index_in_step(empty_database_url, tmp_path):
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": empty_database_url, "INSTANCE_PATH": str(tmp_path)}
    )

    with app.app_context():
        upgrade()
        downgrade(revision="b8f3d2e6c4a1")  # back to the migration that built the search
        upgrade()
        if db.engine.dialect.name == "sqlite":
            found = dict(
                db.session.execute(
                    text(
                        "SELECT tbl_name, count(*) FROM sqlite_master WHERE type = 'trigger' "
                        "GROUP BY tbl_name"
                    )
                ).all()
            )
            assert found == {"messages": 3, "tickets": 3, "articles": 3, "ideas": 3}
        else:
            names = {index["name"] for index in inspect(db.engine).get_indexes("messages")}
            assert "ix_messages_body_fts" in names
            names = {index["name"] for index in inspect(db.engine).get_indexes("articles")}
            assert "ix_articles_search_fts" in names
            names = {index["name"] for index in inspect(db.engine).get_indexes("ideas")}
            assert "ix_ideas_search_fts" in names
        db.session.remove()
        db.engine.dispose()


def test_the_conversation_facts_are_filled_in_for_existing_tickets(
    empty_database_url, tmp_path, frozen_clock
):
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": empty_database_url, "INSTANCE_PATH": str(tmp_path)}
    )
    columns = "public_messages, first_message_at, last_message_at"

    with app.app_context():
        upgrade()
        agent = make_user("agent")
        ticket = make_ticket()
        clock.advance(timedelta(hours=2))
        tickets.reply(ticket=ticket, author=agent, body="Checking.", kind="note")
        clock.advance(timedelta(hours=1))
        tickets.reply(ticket=ticket, author=agent, body="It is on its way.", kind="reply")
        clock.advance(timedelta(hours=1))
        tickets.reply(ticket=ticket, author=agent, body="Just a note.", kind="note")
        recorded = db.session.execute(text(f"SELECT {columns} FROM tickets")).one()
        db.session.commit()

        downgrade(revision="d9e1f3a5c7b9")  # before the facts
        upgrade()

        assert db.session.execute(text(f"SELECT {columns} FROM tickets")).one() == recorded
        assert recorded[0] == 2
        db.session.remove()
        db.engine.dispose()

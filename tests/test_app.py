"""The app as a whole: health check, database settings, error pages, the clock."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from helpdesk import clock, create_app
from helpdesk.auth.access import ANYONE, allow
from helpdesk.extensions import db


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_check_says_when_the_database_is_unreachable(tmp_path):
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing-folder/helpdesk.db",
        }
    )

    response = app.test_client().get("/healthz")

    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    app = create_app(
        {"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite:///test.db"}
    )

    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert db.engine.url.database == str(tmp_path / "test.db")


def test_unknown_page_keeps_the_layout(client):
    response = client.get("/no/such/page")

    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "We could not find that page" in page and 'class="site-header"' in page


def test_wrong_method_gets_its_own_page(client):
    response = client.get("/logout")

    assert response.status_code == 405
    assert "That action is not allowed here" in response.get_data(as_text=True)


def test_json_clients_get_json_errors(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})

    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_server_error_page_keeps_the_layout(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"})

    @allow(ANYONE)
    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/broken", "broken", broken)

    response = app.test_client().get("/broken")

    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in page and 'class="site-header"' in page
    assert "a bug" not in page


@pytest.mark.parametrize(
    ("statement", "status", "title"),
    [
        ("SELECT * FROM no_such_table", 500, "Something went wrong on our side"),
        ("SELEC 1", 500, "Something went wrong on our side"),
        ("PRAGMA query_only = 1; INSERT INTO t VALUES (1)", 503, "The database is not answering"),
    ],
)
def test_a_bad_statement_is_a_server_error_and_an_unwritable_database_a_503(
    tmp_path, statement, status, title
):
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"})

    @allow(ANYONE)
    def run():
        with db.engine.connect() as connection:
            connection.exec_driver_sql("CREATE TABLE t (n INTEGER)")
            for part in statement.split("; "):
                connection.exec_driver_sql(part)
        return "ran"

    app.add_url_rule("/run", "run", run)

    response = app.test_client().get("/run")

    assert response.status_code == status
    assert title in response.get_data(as_text=True)


def test_pages_load_nothing_from_other_hosts(client):
    page = client.get("/login").get_data(as_text=True)

    assert "http://" not in page and "https://" not in page and 'src="//' not in page


def test_clock_is_utc_and_can_be_moved_in_tests():
    clock.unfreeze()
    assert clock.now().tzinfo is UTC

    clock.freeze(datetime(2026, 1, 1, 12, tzinfo=UTC))
    assert clock.advance(timedelta(hours=2)) == datetime(2026, 1, 1, 14, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.freeze(datetime(2026, 1, 1))
    clock.unfreeze()


def test_form_fields_carry_no_empty_attributes(client):
    for path in ("/login", "/register"):
        page = client.get(path).get_data(as_text=True)
        assert '="None"' not in page, path


def test_the_benchmark_ceiling_page_exists_only_when_asked_for(app, client):
    assert client.get("/bench/ceiling").status_code == 404

    bench = create_app({**app.config, "BENCH_ROUTES": True})
    try:
        with bench.app_context():
            response = bench.test_client().get("/bench/ceiling")
            assert response.status_code == 200
            assert 'class="site-header"' in response.get_data(as_text=True)
    finally:
        with bench.app_context():
            db.engine.dispose()

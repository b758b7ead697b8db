"""Settings from HELPDESK_* variables, the generated secret key and the instance folder."""

import stat
from pathlib import Path

import pytest

from helpdesk import create_app
from helpdesk.config import SETTINGS, ConfigError, from_environment
from helpdesk.extensions import db

README = Path(__file__).resolve().parent.parent / "README.md"


def test_settings_are_read_from_helpdesk_variables():
    values = from_environment(
        {
            "HELPDESK_MAIL_SERVER": "smtp.example.com",
            "HELPDESK_MAIL_PORT": "2525",
            "HELPDESK_MAIL_USE_TLS": "yes",
            "HELPDESK_SENTIMENT_NEGATIVE": "-0.25",
            "HELPDESK_SENTIMENT_POSITIVE": "0.3",
        }
    )

    assert values["MAIL_SERVER"] == "smtp.example.com"
    assert values["MAIL_PORT"] == 2525 and values["MAIL_USE_TLS"] is True
    assert values["SENTIMENT_NEGATIVE"] == -0.25 and values["SENTIMENT_POSITIVE"] == 0.3


def test_unset_and_empty_variables_mean_the_default():
    assert from_environment({}) == from_environment({"HELPDESK_MAIL_PORT": ""})
    assert from_environment({})["SQLALCHEMY_DATABASE_URI"] == "sqlite:///helpdesk.db"


@pytest.mark.parametrize("url", ["postgres://u@db/helpdesk", "postgresql://u@db/helpdesk"])
def test_plain_postgres_urls_use_psycopg_3(url):
    values = from_environment({"HELPDESK_DATABASE_URL": url})

    assert values["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/helpdesk"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("HELPDESK_MAIL_PORT", "twenty-five", "HELPDESK_MAIL_PORT must be a whole number"),
        ("HELPDESK_MAIL_USE_TLS", "maybe", "HELPDESK_MAIL_USE_TLS must be true or false"),
        ("HELPDESK_SENTIMENT_NEGATIVE", "low", "HELPDESK_SENTIMENT_NEGATIVE must be a number"),
    ],
)
def test_a_bad_value_names_the_variable(variable, value, message):
    with pytest.raises(ConfigError, match=message):
        from_environment({variable: value})


def test_secret_key_is_generated_once_and_kept_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("HELPDESK_SECRET_KEY", raising=False)
    config = {"INSTANCE_PATH": str(tmp_path / "one"), "SQLALCHEMY_DATABASE_URI": "sqlite://"}

    first = create_app(dict(config)).config["SECRET_KEY"]
    again = create_app(dict(config)).config["SECRET_KEY"]
    other = create_app({**config, "INSTANCE_PATH": str(tmp_path / "two")}).config["SECRET_KEY"]

    key_file = tmp_path / "one" / "secret_key"
    assert first == again == key_file.read_text().strip()
    assert len(first) >= 64 and other != first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPDESK_SECRET_KEY", "from-the-environment")

    app = create_app({"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"})

    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_instance_path_variable_moves_the_default_database(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPDESK_INSTANCE_PATH", str(tmp_path / "site-b"))
    monkeypatch.delenv("HELPDESK_DATABASE_URL", raising=False)

    app = create_app()

    assert app.instance_path == str(tmp_path / "site-b")
    with app.app_context():
        assert db.engine.url.database == str(tmp_path / "site-b" / "helpdesk.db")


def test_every_setting_is_documented_in_the_readme():
    readme = README.read_text()

    missing = [setting.env for setting in SETTINGS if f"`{setting.env}`" not in readme]
    assert not missing, f"document these in README.md: {missing}"

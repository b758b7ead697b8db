"""Settings read from HELPDESK_* environment variables, each with a sane default."""

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """An environment variable holds a value the app cannot use."""


def _text(value: str) -> str:
    return value


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError("must be a whole number") from None


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ValueError("must be a number") from None


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("must be true or false")


def _hours_per_priority(value: str) -> dict[str, float]:
    hours = {}
    for part in value.split(","):
        name, _, number = part.partition("=")
        try:
            hours[name.strip()] = float(number)
        except ValueError:
            raise ValueError("must look like urgent=1,high=4,normal=8,low=24") from None
    missing = {"low", "normal", "high", "urgent"} - set(hours)
    if missing:
        raise ValueError(f"needs hours for {', '.join(sorted(missing))}")
    return hours


def _word_list(value: str) -> tuple[str, ...]:
    return tuple(word.strip().lower().lstrip(".") for word in value.split(",") if word.strip())


def _mail_backend(value: str) -> str:
    lowered = value.strip().lower()
    if lowered not in {"log", "smtp"}:
        raise ValueError("must be log or smtp")
    return lowered


def _base_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value.rstrip("/")


def _database_url(value: str) -> str:
    # A plain postgres:// URL would ask SQLAlchemy for psycopg2; this app ships psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


@dataclass(frozen=True)
class Setting:
    """One environment variable: where it lands in app.config, how it is read, what it does."""

    env: str
    key: str
    default: Any
    parse: Callable[[str], Any]
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "HELPDESK_DATABASE_URL",
        "SQLALCHEMY_DATABASE_URI",
        "sqlite:///helpdesk.db",
        _database_url,
        "Database URL; the default is a SQLite file in the instance folder. "
        "Use postgresql+psycopg://user@host/db for PostgreSQL.",
    ),
    Setting(
        "HELPDESK_SECRET_KEY",
        "SECRET_KEY",
        None,
        _text,
        "Key that signs sessions and CSRF tokens. When unset, a random key is generated "
        "once and kept in the instance folder (secret_key).",
    ),
    Setting(
        "HELPDESK_MAIL_SERVER",
        "MAIL_SERVER",
        "",
        _text,
        "SMTP host for outgoing email (used when HELPDESK_MAIL_BACKEND is smtp).",
    ),
    Setting("HELPDESK_MAIL_PORT", "MAIL_PORT", 25, _whole_number, "SMTP port."),
    Setting("HELPDESK_MAIL_USERNAME", "MAIL_USERNAME", "", _text, "SMTP user name, if any."),
    Setting("HELPDESK_MAIL_PASSWORD", "MAIL_PASSWORD", "", _text, "SMTP password, if any."),
    Setting("HELPDESK_MAIL_USE_TLS", "MAIL_USE_TLS", False, _flag, "Use STARTTLS for SMTP."),
    Setting(
        "HELPDESK_MAIL_SENDER",
        "MAIL_SENDER",
        "Helpdesk <support@localhost>",
        _text,
        "From address of outgoing email.",
    ),
    Setting(
        "HELPDESK_MAIL_BACKEND",
        "MAIL_BACKEND",
        "log",
        _mail_backend,
        "How `flask outbox send` delivers email: log (write it to the app log) or smtp.",
    ),
    Setting(
        "HELPDESK_MAIL_MAX_ATTEMPTS",
        "MAIL_MAX_ATTEMPTS",
        8,
        _whole_number,
        "Delivery attempts before an email is marked failed; retries wait 1, 2, 4... "
        "minutes, at most an hour.",
    ),
    Setting(
        "HELPDESK_BASE_URL",
        "BASE_URL",
        "http://127.0.0.1:5000",
        _base_url,
        "Public address of the site, for links in emails.",
    ),
    Setting(
        "HELPDESK_SENTIMENT_NEGATIVE",
        "SENTIMENT_NEGATIVE",
        -0.1,
        _number,
        "Polarity below which a text is labelled negative "
        "(when the tagger runs on its rules alone).",
    ),
    Setting(
        "HELPDESK_SENTIMENT_POSITIVE",
        "SENTIMENT_POSITIVE",
        0.1,
        _number,
        "Polarity above which a text is labelled positive "
        "(when the tagger runs on its rules alone).",
    ),
    Setting(
        "HELPDESK_SQLITE_BUSY_TIMEOUT_MS",
        "SQLITE_BUSY_TIMEOUT_MS",
        5000,
        _whole_number,
        "How long a SQLite connection waits for a lock before giving up.",
    ),
    Setting(
        "HELPDESK_SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_SECURE",
        False,
        _flag,
        "Send the session cookie over HTTPS only (turn on behind HTTPS).",
    ),
    Setting(
        "HELPDESK_PROXY_COUNT",
        "PROXY_COUNT",
        0,
        _whole_number,
        "How many proxies in front of the app set X-Forwarded-For/-Proto/-Host (trusted for "
        "the client's address and HTTPS). `0` trusts none; set `1` behind one proxy.",
    ),
    Setting(
        "HELPDESK_SIGN_IN_FAILURES_PER_ACCOUNT",
        "SIGN_IN_FAILURES_PER_ACCOUNT",
        5,
        _whole_number,
        "Failed sign-ins an account takes within the lock window before it refuses more.",
    ),
    Setting(
        "HELPDESK_SIGN_IN_FAILURES_PER_ADDRESS",
        "SIGN_IN_FAILURES_PER_ADDRESS",
        20,
        _whole_number,
        "Failed sign-ins one address may make within the lock window, over all accounts.",
    ),
    Setting(
        "HELPDESK_SIGN_IN_LOCK_MINUTES",
        "SIGN_IN_LOCK_MINUTES",
        15,
        _whole_number,
        "The window over which failed sign-ins count; refused sign-ins may retry after it.",
    ),
    Setting(
        "HELPDESK_PASSWORD_RESET_HOURS",
        "PASSWORD_RESET_HOURS",
        2.0,
        _number,
        "How long an emailed link to set a new password works (once).",
    ),
    Setting(
        "HELPDESK_PUBLIC_WRITE_RATE_LIMIT",
        "PUBLIC_WRITE_RATE_LIMIT",
        "20 per minute;200 per hour",
        _text,
        "Posts one address may make to each public form (sign-up, password reset, new ticket, "
        "survey answers, ideas, votes, comments, article feedback), Flask-Limiter syntax.",
    ),
    Setting(
        "HELPDESK_PASSWORD_HASH",
        "PASSWORD_HASH_METHOD",
        "scrypt",
        _text,
        "werkzeug password hashing method (scrypt, or pbkdf2:sha256).",
    ),
    Setting("HELPDESK_PER_PAGE", "PER_PAGE", 25, _whole_number, "Rows per page in lists."),
    Setting(
        "HELPDESK_BENCH_ROUTES",
        "BENCH_ROUTES",
        False,
        _flag,
        "Serve `/bench/ceiling`, the benchmark's minimal page (for `make bench` only).",
    ),
    Setting(
        "HELPDESK_PAGE_CACHE_MB",
        "PAGE_CACHE_MB",
        32,
        _number,
        "Memory each worker may use to keep drawn pages (the queue, tickets, searches) and send "
        "them again until the next write or minute (`0` draws every page).",
    ),
    Setting(
        "HELPDESK_REPORTS_CACHE_SECONDS",
        "REPORTS_CACHE_SECONDS",
        600,
        _whole_number,
        "How long a computed report may be served again while the data is unchanged "
        "(`0` computes every time).",
    ),
    Setting(
        "HELPDESK_REPORTS_WAIT_SECONDS",
        "REPORTS_WAIT_SECONDS",
        1.0,
        _number,
        "How long a page waits for a report being computed; past that it shows the figures "
        "computed last, saying when, while the new ones finish in the background.",
    ),
    Setting(
        "HELPDESK_API_RATE_LIMIT",
        "API_RATE_LIMIT",
        "300 per minute",
        _text,
        "Requests one API token may make (Flask-Limiter syntax: `300 per minute;5000 per hour`).",
    ),
    Setting(
        "HELPDESK_RATELIMIT_STORAGE_URI",
        "RATELIMIT_STORAGE_URI",
        "memory://",
        _text,
        "Where rate-limit counters live: `memory://` for one process, "
        "`redis://127.0.0.1:6379` when several workers or instances share them.",
    ),
    Setting(
        "HELPDESK_WEBHOOKS_ALLOW_PRIVATE",
        "WEBHOOKS_ALLOW_PRIVATE",
        False,
        _flag,
        "Let webhooks post to localhost and private networks (off: a webhook cannot be used "
        "to reach services inside your network).",
    ),
    Setting(
        "HELPDESK_SLA_FIRST_REPLY_HOURS",
        "SLA_FIRST_REPLY_HOURS",
        {"urgent": 1, "high": 4, "normal": 8, "low": 24},
        _hours_per_priority,
        "Hours to the first reply, per priority: `urgent=1,high=4,normal=8,low=24`.",
    ),
    Setting(
        "HELPDESK_SLA_RESOLUTION_HOURS",
        "SLA_RESOLUTION_HOURS",
        {"urgent": 8, "high": 24, "normal": 72, "low": 120},
        _hours_per_priority,
        "Hours to resolution, per priority: `urgent=8,high=24,normal=72,low=120`.",
    ),
    Setting(
        "HELPDESK_AUTO_CLOSE_DAYS",
        "AUTO_CLOSE_DAYS",
        7,
        _whole_number,
        "Resolved tickets close after this many days (`flask tickets close-stale`).",
    ),
    Setting(
        "HELPDESK_SURVEY_DELAY_MINUTES",
        "SURVEY_DELAY_MINUTES",
        60,
        _whole_number,
        "Minutes after a resolution before the survey email goes out (0 sends at once).",
    ),
    Setting(
        "HELPDESK_SURVEY_EXPIRY_DAYS",
        "SURVEY_EXPIRY_DAYS",
        14,
        _whole_number,
        "Days a survey link takes an answer.",
    ),
    Setting(
        "HELPDESK_SURVEY_QUIET_DAYS",
        "SURVEY_QUIET_DAYS",
        7,
        _whole_number,
        "A customer surveyed about one ticket is not surveyed about another for this many days.",
    ),
    Setting(
        "HELPDESK_ATTACHMENT_MAX_MB",
        "ATTACHMENT_MAX_MB",
        10,
        _number,
        "Largest attachment accepted, in megabytes.",
    ),
    Setting(
        "HELPDESK_ATTACHMENT_TYPES",
        "ATTACHMENT_TYPES",
        ("png", "jpg", "jpeg", "gif", "webp", "pdf", "txt", "log", "csv", "zip", "docx", "xlsx"),
        _word_list,
        "File types customers and staff may attach (extensions, comma-separated).",
    ),
)


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Read every HELPDESK_* setting or its default; raise ConfigError on a bad value."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env, "")
        if raw == "":  # unset and set-but-empty both mean "use the default"
            values[setting.key] = setting.default
            continue
        try:
            values[setting.key] = setting.parse(raw)
        except ValueError as error:
            raise ConfigError(f"{setting.env} {error} (got {raw!r})") from None
    return values


def instance_secret_key(instance_path: str) -> str:
    """Return the key kept in the instance folder, creating it once if it is not there yet."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f"secret_key.{os.getpid()}.{secrets.token_hex(4)}")
    draft.write_text(secrets.token_hex(32) + "\n")
    draft.chmod(0o600)
    try:
        # A hard link appears whole or not at all: when several workers start together,
        # exactly one key wins and every worker reads that one.
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()

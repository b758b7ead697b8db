"""Helpdesk: a customer-support helpdesk with a feedback loop."""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, request
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from helpdesk import config as settings
from helpdesk import page_cache
from helpdesk.database import (
    apply_sqlite_pragmas,
    begin_before_savepoint,
    include_in_migrations,
)
from helpdesk.extensions import csrf, db, limiter, login_manager, migrate
from helpdesk.web import IdConverter

PACKAGE_DIR = Path(__file__).resolve().parent


# Top-level folders and their name inside an installed wheel (playbooks/ would clash with
# the helpdesk.playbooks package).
PACKAGED_AS = {"playbooks": "playbook_files"}


def resource_dir(name: str) -> str:
    """Where a top-level folder (templates, static, migrations, playbooks) is: inside the
    installed package when installed from a wheel, beside the package in a checkout."""
    packaged = PACKAGE_DIR / PACKAGED_AS.get(name, name)
    return str(packaged if packaged.is_dir() else PACKAGE_DIR.parent / name)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, error pages, commands."""
    config = dict(config or {})
    instance_path = config.pop("INSTANCE_PATH", None) or os.environ.get("HELPDESK_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=os.path.abspath(instance_path) if instance_path else None,
        template_folder=resource_dir("templates"),
        static_folder=resource_dir("static"),
    )
    app.url_map.converters["int"] = IdConverter
    load_settings(app, config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    app.after_request(add_security_headers)
    if app.config["PROXY_COUNT"]:
        # Behind N proxies, their X-Forwarded-* headers tell the client's address and HTTPS.
        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    if app.debug and not app.testing:
        sync_playbooks_for_development(app)
    return app


def sync_playbooks_for_development(app: Flask) -> None:
    """`flask run --debug` picks up edited playbook files at every start."""
    from sqlalchemy.exc import SQLAlchemyError

    from helpdesk.playbooks import files, service

    with app.app_context():
        try:
            service.sync(resource_dir("playbooks"))
        except (SQLAlchemyError, files.PlaybookFileError) as error:
            db.session.rollback()
            app.logger.warning("playbooks not synced at start-up: %s", error)


SECURITY_HEADERS = {
    # Scripts and styles come only from this site (no inline script anywhere), nothing frames us.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response):
    """Headers every response carries, and HSTS on answers served over HTTPS (directly, or
    through a proxy trusted with HELPDESK_PROXY_COUNT)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def load_settings(app: Flask, overrides: Mapping[str, Any]) -> None:
    """Environment first, then the caller's overrides, then a secret key if none was given."""
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
    )
    app.config.update(settings.from_environment())
    app.config.update(overrides)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    # The largest request: every attachment a message may carry, at full size, and the form.
    from helpdesk.tickets.attachments import MAX_FILES

    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default is None: no limit
        app.config["MAX_CONTENT_LENGTH"] = int(
            (app.config["ATTACHMENT_MAX_MB"] * MAX_FILES + 1) * 1024 * 1024
        )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.instance_secret_key(app.instance_path)


def register_extensions(app: Flask) -> None:
    """Bind the extensions and give every SQLite connection its pragmas."""
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=resource_dir("migrations"),
        render_as_batch=True,
        include_name=include_in_migrations,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            busy_timeout = app.config["SQLITE_BUSY_TIMEOUT_MS"]

            def prepare(connection, _record) -> None:
                apply_sqlite_pragmas(connection, busy_timeout)

            event.listen(engine, "connect", prepare)
            event.listen(engine, "savepoint", begin_before_savepoint)
        page_cache.init_app(app)


def register_blueprints(app: Flask) -> None:
    """One blueprint per area; every view must say who may reach it."""
    from helpdesk.api import views as api_views  # noqa: F401  (the operations on api.bp)
    from helpdesk.api.spec import bp as api_bp
    from helpdesk.auth import (
        account_views,  # noqa: F401  (the account page on auth.bp)
        admin_views,  # noqa: F401  (adds the admin routes to auth.bp)
    )
    from helpdesk.auth.access import check_every_view_declares_access
    from helpdesk.auth.views import bp as auth_bp
    from helpdesk.ideas import staff_views as idea_staff_views  # noqa: F401  (routes on ideas.bp)
    from helpdesk.ideas.views import bp as ideas_bp
    from helpdesk.kb import staff_views  # noqa: F401  (adds the staff routes to kb.bp)
    from helpdesk.kb.views import bp as kb_bp
    from helpdesk.main.views import bp as main_bp
    from helpdesk.outbox import models  # noqa: F401  (no pages; imported so its table is known)
    from helpdesk.playbooks.views import bp as playbooks_bp
    from helpdesk.reports.views import bp as reports_bp
    from helpdesk.surveys.views import bp as surveys_bp
    from helpdesk.tagging.views import bp as tagging_bp
    from helpdesk.tickets import agent_views, settings_views  # noqa: F401  (routes on tickets.bp)
    from helpdesk.tickets.views import bp as tickets_bp
    from helpdesk.webhooks.views import bp as webhooks_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(tickets_bp)
    app.register_blueprint(tagging_bp)
    app.register_blueprint(playbooks_bp)
    app.register_blueprint(kb_bp)
    app.register_blueprint(surveys_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(webhooks_bp)
    app.register_blueprint(api_bp)
    if app.config["BENCH_ROUTES"]:
        from helpdesk.main.ceiling import bp as ceiling_bp

        app.register_blueprint(ceiling_bp)
    # The API takes bearer tokens only, never the session cookie, so there is no CSRF to stop.
    csrf.exempt(api_bp)
    check_every_view_declares_access(app)


def register_errorhandlers(app: Flask) -> None:
    """Error pages that keep the layout, or JSON for clients that ask for it."""
    from helpdesk.error_pages import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    """Navigation and small formatting helpers for every template."""
    from helpdesk.navigation import nav_count, navigation_for
    from helpdesk.templating import register_filters

    app.context_processor(lambda: {"navigation_for": navigation_for, "nav_count": nav_count})
    register_filters(app)


def register_commands(app: Flask) -> None:
    """The flask commands: create-user, seed-demo, and each area's own."""
    from helpdesk.cli import commands

    for command in commands():
        app.cli.add_command(command)

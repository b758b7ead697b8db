"""Error pages in the site's layout, or JSON for API clients and those who ask for it."""

from flask import (
    Flask,
    current_app,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DisconnectionError, OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed
from werkzeug.exceptions import NotFound as NotFoundError

from helpdesk.api.problems import problem
from helpdesk.errors import DomainError, NotFound
from helpdesk.extensions import db, login_manager
from helpdesk.web import referrer_path

PAGES = {400, 403, 404, 405, 500}


def wants_json() -> bool:
    """API paths and clients that prefer JSON get JSON errors."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _respond(status: int, title: str, detail: str):
    if request.path.startswith("/api/"):
        return problem(status, detail or title)
    if wants_json():
        return jsonify(status=status, title=title, detail=detail), status
    template = f"errors/{status}.html" if status in PAGES else "errors/generic.html"
    return render_template(template, status=status, title=title, detail=detail), status


def handle_http_error(error: HTTPException):
    """Any abort() or routing error, in the layout."""
    if isinstance(error, MethodNotAllowed) and _no_such_path(error):
        return _respond(404, "Not Found", "There is nothing at this address.")
    if error.code == 413:
        limit = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return _respond(
            413,
            "Too large to send",
            f"What you sent is too large: a request may carry at most {limit} MB, files "
            "included. Nothing was saved; go back, make the text or the files smaller, and "
            "send it again.",
        )
    if error.code == 429:  # a public form's limit (the API answers its own)
        response = make_response(
            _respond(
                429,
                "Too many requests",
                "You sent this form too many times in a short while, so this one was not saved. "
                "Wait a minute and try again.",
            )
        )
        response.headers["Retry-After"] = str(getattr(error, "retry_after", None) or 60)
        return response
    return _respond(error.code or 500, error.name, error.description or "")


def _no_such_path(error: MethodNotAllowed) -> bool:
    """Werkzeug answers 405 when a path fails a rule's converter (an id out of range) but
    another method shares the rule's shape; with the allowed method it would be a 404 too."""
    methods = [method for method in error.valid_methods or () if method != "OPTIONS"]
    if not methods:
        return False
    try:
        request.url_rule or current_app.url_map.bind_to_environ(request.environ).match(
            method=methods[0]
        )
    except NotFoundError:
        return True
    except HTTPException:
        return False
    return False


def handle_csrf_error(error: CSRFError):
    """A form without a valid token: most often a page left open too long."""
    return _respond(
        400,
        "The form expired",
        "This form was open too long or came from another site. Go back, reload the page and "
        "try again; nothing was saved.",
    )


def handle_domain_error(error: DomainError):
    """A service refused: show why. Views catch the errors they can place beside a field."""
    db.session.rollback()
    if wants_json() or isinstance(error, NotFound) or request.method == "GET":
        return _respond(error.status_code, type(error).__name__, error.message)
    flash(error.message, "error")
    return redirect(referrer_path() or url_for("main.index"))


# SQLite raises OperationalError for a statement it cannot run (a bug: "syntax error", "no
# such column") as well as for an unavailable database; only these mean the latter.
SQLITE_UNAVAILABLE = ("locked", "busy", "disk i/o", "unable to open", "disk is full", "readonly")


def _mistake_in_statement(error: SQLAlchemyError) -> bool:
    original = getattr(error, "orig", None)
    if type(original).__module__ != "sqlite3":
        return False  # PostgreSQL's OperationalError is about the connection or the server
    message = str(original).lower()
    return not any(sign in message for sign in SQLITE_UNAVAILABLE)


def handle_database_down(error: SQLAlchemyError):
    """The database did not answer (restarting, unreachable, or a lock held too long): a clean
    503 the client may retry, never a half-saved change. The pool reconnects by itself when the
    database is back (pool_pre_ping), so the app needs no restart. A statement SQLite could not
    run is a bug, not an outage: a 500, logged with its traceback."""
    if _mistake_in_statement(error):
        current_app.logger.error("database statement failed", exc_info=error)
        return handle_server_error(InternalServerError(original_exception=error))
    current_app.logger.warning("database unavailable: %s", error)
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.remove()
    # The page is drawn for nobody in particular: finding who is signed in needs the database.
    g._login_user = login_manager.anonymous_user()
    response = make_response(
        _respond(
            503,
            "The database is not answering",
            "Nothing was saved. Try again in a moment; if it goes on, tell the administrator.",
        )
    )
    response.headers["Retry-After"] = "5"
    return response


def handle_server_error(error: InternalServerError):
    """Something broke on our side: roll back, apologise, keep the layout."""
    db.session.rollback()
    return _respond(
        500,
        "Something went wrong on our side",
        "The error has been logged. Nothing you sent was half-saved; please try again.",
    )


def register(app: Flask) -> None:
    """Install the handlers on the app."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(OperationalError, handle_database_down)
    app.register_error_handler(DisconnectionError, handle_database_down)
    app.register_error_handler(InternalServerError, handle_server_error)
    app.register_error_handler(HTTPException, handle_http_error)

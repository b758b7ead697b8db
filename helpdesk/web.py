"""Small helpers the views of every area share."""

from urllib.parse import urlsplit

from flask import request
from flask_wtf import FlaskForm

from helpdesk.errors import DomainError


def local_path(target: str | None) -> str | None:
    """Return `target` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(char) < 32 for char in target):
        return None
    return target


def client_ip() -> str | None:
    """The address the request came from, as the WSGI server saw it."""
    return request.remote_addr


def show_on_form(form: FlaskForm, error: DomainError) -> None:
    """Put a service's error next to the field it names, or at the top of the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def referrer_path() -> str | None:
    """The local path of the page that sent this request, if it came from this site."""
    if not request.referrer:
        return None
    parts = urlsplit(request.referrer)
    if parts.netloc and parts.netloc != request.host:
        return None
    return local_path(parts.path + (f"?{parts.query}" if parts.query else ""))

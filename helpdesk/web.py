"""Small helpers the views of every area share."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from flask import current_app, flash, request
from flask_wtf import FlaskForm
from werkzeug.routing import IntegerConverter

from helpdesk.errors import Conflict, DomainError, Invalid
from helpdesk.extensions import limiter


def local_path(target: str | None) -> str | None:
    """Return `target` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(char) < 32 for char in target):
        return None
    return target


def public_write(view: Callable) -> Callable:
    """Limit the posts one address makes to this form (PUBLIC_WRITE_RATE_LIMIT, counted per
    form): a public board must not be flooded by one script. Reading the form is free."""
    return limiter.limit(
        lambda: current_app.config["PUBLIC_WRITE_RATE_LIMIT"],
        key_func=client_ip_or_unknown,
        methods=["POST"],
    )(view)


def client_ip_or_unknown() -> str:
    return client_ip() or "unknown"


MAX_ID = 2**31 - 1
MAX_PAGE = 10_000


class IdConverter(IntegerConverter):
    """`<int:...>` in routes: a positive number that fits the database, else 404 (not a 500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def page_number() -> int:
    """The `page` query argument, as a page that exists or could (1 to MAX_PAGE)."""
    raw = request.args.get("page", "")
    return min(int(raw), MAX_PAGE) if raw.isdecimal() and 0 < len(raw) < 7 and int(raw) else 1


def with_query(path: str, args, keep: tuple[str, ...]) -> str:
    """`path` with the named query arguments of `args` (filters to carry back to a list)."""
    kept = {key: args[key] for key in keep if args.get(key)}
    return f"{path}?{urlencode(kept)}" if kept else path


def first_error(form: FlaskForm, default: str) -> str:
    """The first message a form's validation gave, for a flash after a redirect."""
    for errors in form.errors.values():
        if errors:
            return errors[0]
    return default


def apply_control(form: FlaskForm, change: Callable[[], str], default_error: str) -> None:
    """A small control form (assign, tags, a check-in...): validate it, make the change, and
    flash what came of it; a refused change flashes why."""
    if not form.validate_on_submit():
        flash(first_error(form, default_error), "error")
        return
    try:
        done = change()
    except (Invalid, Conflict) as error:
        flash(error.message, "error")
    else:
        flash(done, "success")


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


@dataclass(frozen=True)
class Page:
    """One page of results counted and fetched by hand (the pagination macro reads it)."""

    items: list
    page: int
    per_page: int
    total: int
    more: bool = False  # more rows than were counted (see helpdesk.paging)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def total_label(self) -> str:
        return f"{self.total:,}+" if self.more else f"{self.total:,}"

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int:
        return self.page + 1

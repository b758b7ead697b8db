"""Who may reach a view: one decorator, declared on every view and checked at start-up."""

from collections.abc import Callable, Iterable
from functools import wraps

from flask import Flask, abort
from flask_login import current_user

from helpdesk.auth.models import STAFF_ROLES, Role
from helpdesk.extensions import login_manager

ANYONE = frozenset({"anyone"})
SIGNED_IN = frozenset(Role)
CUSTOMERS = frozenset({Role.CUSTOMER})
STAFF = STAFF_ROLES
SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})


def allow(roles: Iterable[str]) -> Callable:
    """Let only `roles` reach the view: anonymous visitors go to sign-in, other roles get 403."""
    roles = frozenset(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            if roles != ANYONE:
                if not current_user.is_authenticated:
                    return login_manager.unauthorized()
                if current_user.role not in roles:
                    abort(403)
            return view(*args, **kwargs)

        guarded.allowed_roles = roles
        return guarded

    return decorator


def allowed_roles(view: Callable) -> frozenset[str] | None:
    """The roles a view declared with @allow, or None when it declared nothing."""
    return getattr(view, "allowed_roles", None)


def check_every_view_declares_access(app: Flask) -> None:
    """Refuse to start when a view has no access rule, so no page is open by accident."""
    undeclared = sorted(
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and allowed_roles(view) is None
    )
    if undeclared:
        raise RuntimeError("views without an @allow(...) rule: " + ", ".join(undeclared))

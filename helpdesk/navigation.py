"""The navigation bar: which links each role sees. Each area adds its entries here."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app

from helpdesk.auth.access import ADMINS, ANYONE, CUSTOMERS, SIGNED_IN, STAFF, SUPERVISORS


@dataclass(frozen=True)
class NavItem:
    """One link in the navigation bar, shown to the roles given."""

    label: str
    endpoint: str
    roles: frozenset[str]
    count: str | None = None  # the name of a counter shown beside the link (see COUNTERS)


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Home", "main.index", ANYONE),
    NavItem("Help centre", "kb.index", ANYONE),
    NavItem("Ideas", "ideas.index", ANYONE),
    NavItem("Notices", "ideas.notices", SIGNED_IN, count="unread_notices"),
    NavItem("My tickets", "tickets.mine", CUSTOMERS),
    NavItem("New ticket", "tickets.create", CUSTOMERS),
    NavItem("Queue", "tickets.queue", STAFF),
    NavItem("Check-ins", "playbooks.check_ins", STAFF, count="due_check_ins"),
    NavItem("Playbooks", "playbooks.index", STAFF),
    NavItem("Articles", "kb.manage", STAFF),
    NavItem("Idea triage", "ideas.triage", STAFF),
    NavItem("Recovery", "surveys.recovery_queue", SUPERVISORS, count="open_recoveries"),
    NavItem("Reports", "reports.index", SUPERVISORS),
    NavItem("Canned replies", "tickets.canned_replies", STAFF),
    NavItem("Users", "auth.users", ADMINS),
    NavItem("Audit log", "auth.audit", ADMINS),
    NavItem("Categories", "tickets.categories_admin", ADMINS),
    NavItem("Sentiment", "tagging.index", ADMINS),
    NavItem("Webhooks", "webhooks.index", ADMINS),
)


# Counters other areas register: name -> function(user) -> number (0 hides the badge).
COUNTERS: dict[str, Callable[[Any], int]] = {}


def nav_count(item: NavItem, user) -> int:
    """The number beside a link, such as check-ins due; 0 when there is none."""
    counter = COUNTERS.get(item.count) if item.count else None
    return counter(user) if counter is not None and user.is_authenticated else 0


def navigation_for(user) -> list[NavItem]:
    """The links this user may follow, in order."""
    role = user.role if user.is_authenticated else None
    return [
        item
        for item in NAVIGATION
        if item.endpoint in current_app.view_functions
        and (item.roles == ANYONE or role in item.roles)
    ]

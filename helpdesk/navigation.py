"""The navigation bar: which links each role sees. Each area adds its entries here."""

from dataclasses import dataclass

from flask import current_app

from helpdesk.auth.access import ADMINS, ANYONE, CUSTOMERS, STAFF


@dataclass(frozen=True)
class NavItem:
    """One link in the navigation bar, shown to the roles given."""

    label: str
    endpoint: str
    roles: frozenset[str]


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Home", "main.index", ANYONE),
    NavItem("My tickets", "tickets.mine", CUSTOMERS),
    NavItem("New ticket", "tickets.create", CUSTOMERS),
    NavItem("Queue", "tickets.queue", STAFF),
    NavItem("Canned replies", "tickets.canned_replies", STAFF),
    NavItem("Users", "auth.users", ADMINS),
    NavItem("Categories", "tickets.categories_admin", ADMINS),
    NavItem("Sentiment", "tagging.index", ADMINS),
)


def navigation_for(user) -> list[NavItem]:
    """The links this user may follow, in order."""
    role = user.role if user.is_authenticated else None
    return [
        item
        for item in NAVIGATION
        if item.endpoint in current_app.view_functions
        and (item.roles == ANYONE or role in item.roles)
    ]

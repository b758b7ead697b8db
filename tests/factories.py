"""Factories that make rows for tests with sensible defaults and any field overridden."""

import itertools

from helpdesk.auth.models import User
from helpdesk.auth.service import hash_password
from helpdesk.extensions import db

DEFAULT_PASSWORD = "correct horse battery"
_sequence = itertools.count(1)


def make_user(role: str = "customer", password: str = DEFAULT_PASSWORD, **overrides) -> User:
    """A user who can sign in with `password`."""
    number = next(_sequence)
    values = {
        "email": f"{role}{number}@example.com",
        "name": f"{role.capitalize()} Person {number}",
        "role": role,
        "password_hash": hash_password(password),
        **overrides,
    }
    user = User(**values)
    db.session.add(user)
    db.session.commit()
    return user

"""Demo accounts: staff with known logins and about sixty customers."""

import random
from datetime import timedelta

from sqlalchemy import select

from helpdesk import clock
from helpdesk.auth.models import Role, User
from helpdesk.auth.service import hash_password
from helpdesk.extensions import db

DEMO_PASSWORD = "demo-password"

STAFF = (
    ("admin@example.com", "Grace Okafor", Role.ADMIN),
    ("supervisor@example.com", "Marta Lindqvist", Role.SUPERVISOR),
    ("agent@example.com", "Sam Patel", Role.AGENT),
    ("lena.fischer@example.com", "Lena Fischer", Role.AGENT),
    ("diego.ramos@example.com", "Diego Ramos", Role.AGENT),
)
DEMO_CUSTOMER = ("customer@example.com", "Chris Morgan", Role.CUSTOMER)

FIRST_NAMES = (
    "Amelia Noah Olivia Liam Ava Mateo Sofia Lucas Mia Elijah Chloe Arjun Yuki Fatima Omar "
    "Hannah Jonas Priya Wei Isabella Tomás Zara Felix Nadia Kofi Ingrid Rafael Leila Ethan Aiko"
).split()
LAST_NAMES = (
    "Smith Garcia Müller Rossi Nguyen Kowalski Johnson Tanaka Haddad Silva Brown Novak "
    "O'Brien Jensen Dubois Kim Mensah Cohen Petrov Ali"
).split()
CUSTOMER_COUNT = 60


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, email, password) for the accounts the README and `make run` print."""
    return [(role.value, email, DEMO_PASSWORD) for email, _, role in (*STAFF, DEMO_CUSTOMER)]


def _customers(rng: random.Random) -> list[tuple[str, str, Role]]:
    people: dict[str, tuple[str, str, Role]] = {}
    while len(people) < CUSTOMER_COUNT:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{first}.{last}".lower().replace("'", "").replace("ü", "ue").replace("á", "a")
        people.setdefault(local, (f"{local}@example.net", f"{first} {last}", Role.CUSTOMER))
    return list(people.values())


def seed_users(rng: random.Random) -> int:
    """Add the demo accounts that are missing; return how many were added."""
    wanted = [*STAFF, DEMO_CUSTOMER, *_customers(rng)]
    existing = set(
        db.session.scalars(select(User.email).where(User.email.in_([w[0] for w in wanted])))
    )
    password_hash = hash_password(DEMO_PASSWORD)
    now = clock.now()
    added = 0
    for email, name, role in wanted:
        if email in existing:
            continue
        db.session.add(
            User(
                email=email,
                name=name,
                role=role.value,
                password_hash=password_hash,
                created_at=now - timedelta(days=rng.randint(91, 400), minutes=rng.randint(0, 1440)),
            )
        )
        added += 1
    db.session.commit()
    return added

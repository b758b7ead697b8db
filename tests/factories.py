"""Factories that make rows for tests with sensible defaults and any field overridden."""

import io
import itertools

from werkzeug.datastructures import FileStorage

from helpdesk.auth.models import User
from helpdesk.auth.service import hash_password
from helpdesk.extensions import db
from helpdesk.ideas import service as ideas
from helpdesk.ideas.models import Idea
from helpdesk.kb import service as kb
from helpdesk.kb.models import Article
from helpdesk.tickets import service
from helpdesk.tickets.models import CannedReply, Ticket

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


def upload(
    name: str = "notes.txt", content: bytes = b"some text", content_type: str = "text/plain"
):
    """A file as a browser would send it."""
    return FileStorage(stream=io.BytesIO(content), filename=name, content_type=content_type)


def make_ticket(
    customer: User | None = None,
    subject: str = "The parcel has not arrived",
    body: str = "Could you tell me how to change the delivery address on my order?",
    **options,
) -> Ticket:
    """A ticket opened through the service, as a customer would open it."""
    customer = customer or make_user("customer")
    return service.create_ticket(customer=customer, subject=subject, body=body, **options)


def make_canned_reply(
    title: str = "Refund issued", body: str = "Hi {{customer.first_name}}, done."
) -> CannedReply:
    """A saved reply."""
    reply = CannedReply(title=title, body=body)
    db.session.add(reply)
    db.session.commit()
    return reply


def make_article(
    title: str = "How do I change my delivery address?",
    body: str = "Open **My orders**, choose the order and press *Change address*.",
    status: str = "published",
    author: User | None = None,
    **options,
) -> Article:
    """A knowledge-base article written through the service, published unless asked."""
    return kb.create_article(
        author=author or make_user("agent"), title=title, body=body, status=status, **options
    )


def make_idea(
    title: str = "Dark mode in the app",
    body: str = "The white screen hurts at night.",
    author: User | None = None,
    **options,
) -> Idea:
    """An idea posted through the service (its author votes for it)."""
    return ideas.create_idea(
        author=author or make_user("customer"), title=title, body=body, category_id=None, **options
    )

"""Personal API tokens: made on the account page, shown once, stored as a hash, revoked at once."""

import hashlib
import secrets

from sqlalchemy import select, update

from helpdesk import clock
from helpdesk.auth.models import ApiToken, User
from helpdesk.auth.service import record_event
from helpdesk.errors import Invalid, NotFound
from helpdesk.extensions import db

PREFIX = "hd_"
MAX_TOKENS = 20
# Writing last_used_at on every request would make each read a write; once a minute is plenty.
LAST_USED_EVERY_SECONDS = 60


def digest(token: str) -> str:
    """The stored form of a token. Tokens are 256 random bits, so a fast hash is safe here."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, live ones first, newest first."""
    return db.session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()


def create_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token itself, which is never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise Invalid("Name the token after what will use it.", field="name")
    if len(name) > 60:
        raise Invalid("Keep the name under 60 characters.", field="name")
    live = db.session.scalar(
        select(db.func.count())
        .select_from(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    )
    if live >= MAX_TOKENS:
        raise Invalid(f"You have {MAX_TOKENS} tokens; revoke one you no longer use.", field="name")
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_hash=digest(token), prefix=token[:10])
    db.session.add(row)
    record_event("api_token_created", user=user, actor=user, name=name, prefix=row.prefix)
    db.session.commit()
    return row, token


def revoke_token(*, user: User, token_id: int) -> ApiToken:
    """Stop a token working, from the next request on."""
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        raise NotFound("There is no such token.")
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == row.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    record_event("api_token_revoked", user=user, actor=user, name=row.name, prefix=row.prefix)
    db.session.commit()
    db.session.refresh(row)
    return row


def user_for_token(token: str) -> tuple[User, ApiToken] | None:
    """The active owner of a live token, or None; notes when the token was last used."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(token)))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    now = clock.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > (
        LAST_USED_EVERY_SECONDS
    ):
        db.session.execute(
            update(ApiToken)
            .where(ApiToken.id == row.id)
            .values(last_used_at=now)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    return row.user, row

"""Account operations: registration, sign-in checks, staff creation, role and status changes."""

import hmac
from datetime import UTC, datetime, timedelta
from math import ceil
from typing import Any

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from helpdesk import clock
from helpdesk.auth.models import (
    AccountEvent,
    Role,
    User,
    name_or_email_contains,
    password_stamp,
)
from helpdesk.auth.signals import staff_left
from helpdesk.errors import Forbidden, Invalid, NotFound, TooManyAttempts
from helpdesk.extensions import db
from helpdesk.text import single_line

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
WRONG_CREDENTIALS = "Wrong email or password."

# Checked against when the email is unknown, so both failures take the same time.
_UNKNOWN_USER_HASH = generate_password_hash("not a password", method="pbkdf2:sha256:1000")


def normalise_email(email: str) -> str:
    """Emails compare without surrounding spaces and case."""
    return email.strip().lower()


def hash_password(password: str) -> str:
    """Hash a password with the configured werkzeug method."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def find_by_email(email: str) -> User | None:
    """The user with this email, if any."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(user_id: int) -> User:
    """The user with this id, or NotFound."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def record_event(
    type: str,
    *,
    user: User | None = None,
    actor: User | None = None,
    ip_address: str | None = None,
    **data: Any,
) -> None:
    """Add an account event to the current transaction."""
    db.session.add(
        AccountEvent(
            type=type,
            user_id=user.id if user else None,
            actor_id=actor.id if actor else None,
            ip_address=ip_address,
            data=data,
        )
    )


def _check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(f"Use at least {MIN_PASSWORD_LENGTH} characters.", field="password")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise Invalid(f"Use at most {MAX_PASSWORD_LENGTH} characters.", field="password")


def _add_user(*, email: str, name: str, role: Role, password: str) -> User:
    """Insert a user, turning a taken email (even one taken a moment ago) into Invalid."""
    _check_password_rules(password)
    email = normalise_email(email)
    if find_by_email(email) is not None:
        raise Invalid("An account with this email already exists.", field="email")
    user = User(
        email=email, name=single_line(name), role=role.value, password_hash=hash_password(password)
    )
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Invalid("An account with this email already exists.", field="email") from None
    return user


def register_customer(
    *, email: str, name: str, password: str, ip_address: str | None = None
) -> User:
    """Create a customer account from the public sign-up form."""
    user = _add_user(email=email, name=name, role=Role.CUSTOMER, password=password)
    record_event("registered", user=user, ip_address=ip_address)
    db.session.commit()
    return user


def create_user(
    *, email: str, name: str, role: Role, password: str, actor: User | None = None
) -> User:
    """Create an account of any role (the CLI and the admin page)."""
    user = _add_user(email=email, name=name, role=Role(role), password=password)
    record_event("user_created", user=user, actor=actor, role=user.role)
    db.session.commit()
    return user


def authenticate(*, email: str, password: str, ip_address: str | None = None) -> User:
    """Return the user these credentials belong to, or raise Invalid with one message for both
    an unknown email and a wrong password. Too many failures lately, for the account or from
    the address, refuse the attempt before the password is even checked (TooManyAttempts)."""
    user = find_by_email(email)
    _refuse_while_throttled(user, ip_address)
    if user is None:
        check_password_hash(_UNKNOWN_USER_HASH, password)
        record_event("sign_in_failed", ip_address=ip_address, email=normalise_email(email)[:254])
        db.session.commit()
        raise Invalid(WRONG_CREDENTIALS)
    if not check_password_hash(user.password_hash, password):
        record_event("sign_in_failed", user=user, ip_address=ip_address)
        db.session.commit()
        raise Invalid(WRONG_CREDENTIALS)
    if not user.active:
        record_event("sign_in_refused", user=user, ip_address=ip_address, reason="deactivated")
        db.session.commit()
        raise Forbidden("This account has been deactivated. Please contact support.")
    user.last_login_at = clock.now()
    record_event("signed_in", user=user, ip_address=ip_address)
    db.session.commit()
    return user


def _refuse_while_throttled(user: User | None, ip_address: str | None) -> None:
    """Raise TooManyAttempts while the account, or the address, has failed too often within
    the window. An account's count starts again at its last successful sign-in, or when its
    password was last set (so "reset your password" is a way back in)."""
    config = current_app.config
    window = timedelta(minutes=config["SIGN_IN_LOCK_MINUTES"])
    since = clock.now() - window
    failures = select(AccountEvent.at).where(AccountEvent.type == "sign_in_failed")
    checks = []
    if user is not None:
        # An account's count starts again at its last sign-in or new password.
        password_set = db.session.scalar(
            select(func.max(AccountEvent.at)).where(
                AccountEvent.user_id == user.id,
                AccountEvent.type.in_(("password_reset", "password_changed")),
            )
        )
        start = max(moment for moment in (since, user.last_login_at, password_set) if moment)
        checks.append(
            (
                failures.where(AccountEvent.user_id == user.id, AccountEvent.at > start),
                config["SIGN_IN_FAILURES_PER_ACCOUNT"],
                "for this account",
                "account",
            )
        )
    if ip_address:
        checks.append(
            (
                failures.where(AccountEvent.ip_address == ip_address, AccountEvent.at > since),
                config["SIGN_IN_FAILURES_PER_ADDRESS"],
                "from your network",
                "address",
            )
        )
    for statement, allowed, where, scope in checks:
        # The oldest of the last `allowed` failures: once it leaves the window, one more try.
        oldest = db.session.scalar(
            statement.order_by(AccountEvent.at.desc()).offset(allowed - 1).limit(1)
        )
        if oldest is None:
            continue
        minutes = max(1, ceil((oldest + window - clock.now()).total_seconds() / 60))
        record_event("sign_in_throttled", user=user, ip_address=ip_address, scope=scope)
        db.session.commit()
        hint = " or reset your password" if scope == "account" else ""
        raise TooManyAttempts(
            f"Too many failed sign-ins {where}. Try again in {minutes} "
            f"minute{'s' if minutes != 1 else ''}{hint}."
        )


def change_password(*, user: User, current: str, new: str, ip_address: str | None = None) -> User:
    """Change one's own password, knowing the current one. Every other session of the account
    ends (their stamp of the old password no longer matches)."""
    if not check_password_hash(user.password_hash, current):
        raise Invalid("That is not your current password.", field="current")
    _set_password(user, new, field="new")
    record_event("password_changed", user=user, actor=user, ip_address=ip_address)
    db.session.commit()
    return user


def _set_password(user: User, password: str, *, field: str) -> None:
    try:
        _check_password_rules(password)
    except Invalid as error:
        raise Invalid(error.message, field=field) from None
    user.password_hash = hash_password(password)


RESET_SALT = "password-reset"


def _reset_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def reset_token(user: User) -> str:
    """A link token for setting a new password: signed, naming the user, a stamp of their
    current password and the time (the app's clock), so it works once (the new password
    changes the stamp) and expires after PASSWORD_RESET_HOURS."""
    made = int(clock.now().timestamp())
    return _reset_serializer().dumps({"user": user.id, "stamp": password_stamp(user), "at": made})


def user_for_reset(token: str) -> User:
    """The active user a reset token was made for, or Invalid when the token is forged,
    expired, or used already (the password changed since it was made)."""
    try:
        data = _reset_serializer().loads(token)
    except BadSignature:
        raise Invalid("This link is not valid. Ask for a new one below.") from None
    gone = Invalid("This link has expired or was used already. Ask for a new one below.")
    if not isinstance(data, dict) or not isinstance(data.get("at"), int):
        raise gone
    age = clock.now() - datetime.fromtimestamp(data["at"], UTC)
    if age > timedelta(hours=current_app.config["PASSWORD_RESET_HOURS"]):
        raise gone
    user = db.session.get(User, data["user"]) if isinstance(data.get("user"), int) else None
    if user is None or not user.active:
        raise gone
    if not hmac.compare_digest(str(data.get("stamp")), password_stamp(user)):
        raise gone
    return user


def request_password_reset(*, email: str, ip_address: str | None = None) -> User | None:
    """Email a reset link to the account with this address, if there is an active one. The
    caller says the same thing either way, so the form does not tell who has an account."""
    from helpdesk.outbox.service import absolute_url, queue_email

    user = find_by_email(email)
    if user is None or not user.active:
        record_event(
            "password_reset_unknown", ip_address=ip_address, email=normalise_email(email)[:254]
        )
        db.session.commit()
        return None
    hours = current_app.config["PASSWORD_RESET_HOURS"]
    queue_email(
        to=user.email,
        subject="Set a new Helpdesk password",
        template="password_reset",
        kind="password_reset",
        user=user,
        url=absolute_url(url_for("auth.reset_password", token=reset_token(user))),
        hours=hours,
    )
    record_event("password_reset_requested", user=user, ip_address=ip_address)
    db.session.commit()
    return user


def reset_password(*, token: str, password: str, ip_address: str | None = None) -> User:
    """Set a new password from an emailed link; the link stops working at once."""
    user = user_for_reset(token)
    _set_password(user, password, field="password")
    record_event("password_reset", user=user, ip_address=ip_address)
    db.session.commit()
    return user


def _active_admin_count() -> int:
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active)
    )


def _refuse_losing_last_admin(user: User) -> None:
    if user.role == Role.ADMIN and user.active and _active_admin_count() <= 1:
        raise Invalid("This is the last active admin; make someone else admin first.")


def change_role(*, actor: User, user_id: int, role: str) -> User:
    """Give a user another role."""
    try:
        new_role = Role(role)
    except ValueError:
        raise Invalid("Choose one of the roles in the list.", field="role") from None
    user = get_user(user_id)
    if user.role == new_role:
        return user
    if user.id == actor.id:
        raise Forbidden("You cannot change your own role.")
    _refuse_losing_last_admin(user)
    record_event("role_changed", user=user, actor=actor, old=user.role, new=new_role.value)
    was_staff = user.is_staff
    user.role = new_role.value
    db.session.commit()
    if was_staff and not user.is_staff:
        staff_left.send(user, actor=actor)
    return user


def set_active(*, actor: User, user_id: int, active: bool) -> User:
    """Deactivate an account (its sessions stop working) or activate it again."""
    user = get_user(user_id)
    if user.active == active:
        return user
    if user.id == actor.id:
        raise Forbidden("You cannot deactivate your own account.")
    if not active:
        _refuse_losing_last_admin(user)
    user.active = active
    record_event("activated" if active else "deactivated", user=user, actor=actor)
    db.session.commit()
    if not active and user.is_staff:
        staff_left.send(user, actor=actor)
    return user


def list_users(*, query: str = "", role: str | None = None):
    """A select of users for the admin list, newest first, filtered by role and name/email."""
    statement = select(User).order_by(User.created_at.desc(), User.id.desc())
    if role:
        statement = statement.where(User.role == role)
    if query:
        statement = statement.where(name_or_email_contains(query))
    return statement

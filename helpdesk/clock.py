"""The one source of the current time: timezone-aware UTC, settable in tests."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

_frozen: datetime | None = None


def now() -> datetime:
    """Return the current time in UTC, or the frozen time while a test holds the clock."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def freeze(at: datetime) -> None:
    """Stop the clock at `at` (must be timezone-aware); used by tests and the demo seeder."""
    if at.tzinfo is None:
        raise ValueError("freeze() needs a timezone-aware datetime")
    global _frozen
    _frozen = at.astimezone(UTC)


def advance(by: timedelta) -> datetime:
    """Move a frozen clock forward and return the new time."""
    if _frozen is None:
        raise RuntimeError("advance() needs a frozen clock; call freeze() first")
    freeze(_frozen + by)
    return now()


def unfreeze() -> None:
    """Let the clock run with real time again."""
    global _frozen
    _frozen = None


@contextmanager
def travelling() -> Iterator[None]:
    """Let code inside move the clock with freeze(); afterwards it is as it was before."""
    global _frozen
    before = _frozen
    try:
        yield
    finally:
        _frozen = before

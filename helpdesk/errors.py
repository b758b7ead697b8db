"""Domain errors raised by services; one handler turns them into a page or a problem document."""


class DomainError(Exception):
    """Base class: a rule of the helpdesk refused the operation."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Invalid(DomainError):
    """The input breaks a rule (a duplicate email, a value out of range)."""

    status_code = 422


class NotFound(DomainError):
    """The thing asked for does not exist, or the caller may not know it exists."""

    status_code = 404


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    status_code = 403


class Conflict(DomainError):
    """Someone else changed the thing first (a stale version, a state that moved on)."""

    status_code = 409


class TooManyAttempts(DomainError):
    """The caller tried too often in too short a time; they may try again later."""

    status_code = 429

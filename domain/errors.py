"""Domain errors. Each carries a stable ``code``; ``api/http/errors.py`` maps kinds to HTTP statuses."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a user can cause. ``params`` fill the message template of the code."""

    code: str = "domain_error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(self.code)


class InvalidInput(DomainError):
    """The request is well-formed but its content breaks a rule (422)."""


class NotAuthenticated(DomainError):
    """No valid credentials (401)."""


class Forbidden(DomainError):
    """The caller is known but may not do this (403)."""


class NotFound(DomainError):
    """The thing does not exist or is outside the caller's reach (404)."""


class Conflict(DomainError):
    """The request collides with the current state (409)."""


class TooManyRequests(DomainError):
    """Slow down; ``retry_after`` seconds tell when to try again (429)."""

    def __init__(self, code: str, retry_after: int, **params: Any) -> None:
        super().__init__(code, retry_after=retry_after, **params)
        self.retry_after = retry_after


class Gone(DomainError):
    """The thing existed and was withdrawn for good, e.g. a revoked display token (410)."""


# certificates: an evidence file refused for its size or its type
class TooLarge(DomainError):
    """What was sent is larger than allowed (413)."""


class UnsupportedType(DomainError):
    """What was sent is not of a type accepted here (415)."""

"""One place where every error becomes an RFC 9457 problem response with a stable ``code``."""

from __future__ import annotations

import logging

from litestar import Request, Response
from litestar.exceptions import ClientException, HTTPException, ValidationException

from api.http.field_errors import field_error
from api.http.messages import GENERIC_BY_STATUS, message, preferred_language
from domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Gone,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    TooLarge,
    TooManyRequests,
    UnsupportedType,
)
from gamification.storage.db_errors import is_connection_lost, is_deadlock

log = logging.getLogger("tangkas.api")
DEADLOCK_RETRY_AFTER_SECONDS = 1
DATABASE_RETRY_AFTER_SECONDS = 2  # a dropped connection is replaced at once; a restarting server takes a moment

PROBLEM_JSON = "application/problem+json"
STATUS_OF = {
    InvalidInput: 422,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    Gone: 410,
    TooManyRequests: 429,
    TooLarge: 413,  # certificates
    UnsupportedType: 415,  # certificates
}
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    410: "Gone",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}
TITLES_ID = {
    400: "Permintaan Tidak Sah",
    401: "Perlu Masuk",
    403: "Akses Ditolak",
    404: "Tidak Ditemukan",
    405: "Metode Tidak Diizinkan",
    409: "Bertentangan dengan Keadaan Saat Ini",
    410: "Sudah Tidak Tersedia",
    413: "Permintaan Terlalu Besar",
    415: "Jenis Konten Tidak Didukung",
    422: "Tidak Dapat Diproses",
    429: "Terlalu Banyak Permintaan",
    500: "Kesalahan pada Server",
    503: "Layanan Tidak Tersedia",
}


class ApiError(HTTPException):
    """An HTTP-level problem raised in ``api/`` (a bad cursor, a missing upload) with its own code."""

    def __init__(self, status_code: int, code: str, **params) -> None:
        super().__init__(status_code=status_code, detail=code)
        self.code = code
        self.params = params


def problem(
    request: Request, status: int, code: str, params: dict | None = None, *, headers: dict | None = None, **extra
) -> Response:
    language = preferred_language(request.headers.get("accept-language"))
    body = {
        "type": f"urn:tangkas:problem:{code}",
        "title": title(status, language),
        "status": status,
        "code": code,
        "detail": message(code, language, params),
        "instance": request.url.path,
        **extra,
    }
    headers = {**(headers or {}), "Content-Language": language}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if params and "retry_after" in params:
        headers["Retry-After"] = str(params["retry_after"])
    return Response(content=body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def title(status: int, language: str) -> str:
    if language == "en":
        return TITLES.get(status, "Error")
    return TITLES_ID.get(status, "Kesalahan")


def status_of(error: DomainError) -> int:
    return next((s for kind, s in STATUS_OF.items() if isinstance(error, kind)), 400)


# Parameters a client may act on, given as members of the problem beside the sentence that names them.
MEMBERS_OF = {"balance_insufficient": ("cost", "balance", "held")}


def domain_error_handler(request: Request, error: DomainError) -> Response:
    members = {name: error.params[name] for name in MEMBERS_OF.get(error.code, ()) if name in error.params}
    return problem(request, status_of(error), error.code, error.params, **members)


def http_error_handler(request: Request, error: HTTPException) -> Response:
    if isinstance(error, ApiError):
        return problem(request, error.status_code, error.code, error.params)
    status = error.status_code
    if isinstance(error, ValidationException):
        return _validation_problem(request, error)
    if type(error) is ClientException and status == 400:
        # Litestar raises a bare ClientException when the body cannot be decoded at all.
        is_json = "json" in request.headers.get("content-type", "json")
        return problem(request, 400, "malformed_json" if is_json else "malformed_body")
    if status >= 500:
        log.exception("server error on %s %s", request.method, request.url.path, exc_info=error)
    code = GENERIC_BY_STATUS.get(status, "bad_request" if status < 500 else "internal_error")
    return problem(request, status, code, headers=error.headers)  # e.g. the Allow of a 405


def _validation_problem(request: Request, error: ValidationException) -> Response:
    # Litestar gives a list of {key, message} for values it could not convert, and only a sentence of its own
    # for a missing parameter; either is said again in the caller's language (api.http.field_errors).
    raw = error.extra if isinstance(error.extra, list) else [{"key": "", "message": error.detail}]
    language = preferred_language(request.headers.get("accept-language"))
    errors = [_field_error(e, language) for e in raw]
    return problem(request, 400, "validation_failed", errors=errors)


def _field_error(raw: object, language: str) -> dict:
    if isinstance(raw, dict):
        return field_error(str(raw.get("key", "")), str(raw.get("message", "")), language)
    return field_error("", str(raw), language)


def unexpected_error_handler(request: Request, error: Exception) -> Response:
    if is_connection_lost(error):
        # Nothing half-written stays behind (the transaction rolled back), so the client may send the
        # request again; attempts and redemptions replay by client_id if it committed after all.
        log.warning("database connection lost on %s %s: %r", request.method, request.url.path, error)
        return problem(request, 503, "database_unavailable", {"retry_after": DATABASE_RETRY_AFTER_SECONDS})
    if is_deadlock(error):
        # PostgreSQL chose this request's transaction to break a lock cycle and rolled it back whole: sent
        # again, it meets the other transaction committed (attempts and redemptions replay by client_id).
        log.warning("deadlock broken on %s %s: %r", request.method, request.url.path, error)
        return problem(request, 503, "database_busy", {"retry_after": DEADLOCK_RETRY_AFTER_SECONDS})
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return problem(request, 500, "internal_error")


EXCEPTION_HANDLERS = {
    DomainError: domain_error_handler,
    HTTPException: http_error_handler,
    Exception: unexpected_error_handler,
}

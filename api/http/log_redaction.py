"""Log lines never carry a password, a token or a full NIP, whoever wrote them (our code, the ASGI
server's access log, a library).

Redaction happens where records are made (the log record factory), so it covers every logger
and handler without configuring each. Arguments are redacted one by one rather than merged into
the message, because formatters such as uvicorn's access log read them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

_DIGIT = r"(?:\d|%3\d)"  # a digit, or one percent-encoded
# what people put between a NIP's groups, as typed or percent-encoded: spaces of every width (plain, tab,
# non-breaking, thin and other typographic ones, ideographic), "+" for a space, dashes and dots
_GAP = r"(?:[\s+.\-]|%20|%09|%2D|%2E|%C2%A0|%E2%80%8[0-9AB]|%E2%80%AF|%E3%80%80)"
_UNIT = re.compile(r"%3(\d)|%[0-9A-Fa-f]{2}|(\d)")


def _masked_nip(match: re.Match[str]) -> str:
    digits = "".join(encoded or plain for encoded, plain in _UNIT.findall(match.group()))
    return "*" * 14 + digits[-4:]


_PATTERNS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # JSON web tokens (access tokens)
    (re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), "[token]"),
    (re.compile(r"(?i)\b(bearer)\s+[^\s,;\"']+"), r"\1 [token]"),
    # display tokens travel in the path of the TV page and its API
    (re.compile(r"(/displays?/)[A-Za-z0-9_-]{8,}"), r"\1[token]"),
    # credentials: a shared credential's link token, on its page and in the API
    (re.compile(r"(/kredensial/|/public/credentials/)[A-Za-z0-9_-]{8,}"), r"\1[token]"),
    # named secrets in JSON, forms and query strings
    (
        re.compile(
            r"(?i)([\"']?\b(?:password|refresh_token|access_token|token|secret)[\"']?\s*[:=]\s*[\"']?)[^\"'&\s,}]+"
        ),
        r"\1[redacted]",
    ),
    # an 18-digit NIP keeps its last four digits, enough to tell people apart in a log
    (re.compile(r"(?<!\d)\d{14}(\d{4})(?!\d)"), r"**************\1"),
    # ... also typed in groups, or percent-encoded in a query string (?q=19850412%20201003%201%20001,
    # %31%39..., + for a space), as the access log writes it
    (re.compile(rf"(?<!\d){_DIGIT}(?:{_GAP}{{0,4}}{_DIGIT}){{17}}(?!\d|%3\d)", re.IGNORECASE), _masked_nip),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _redacted(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    text = str(value)
    cleaned = redact(text)
    return value if cleaned == text else cleaned


def install() -> None:
    """Idempotent: wraps the current record factory once."""
    current = logging.getLogRecordFactory()
    if getattr(current, "tangkas_redacting", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = current(*args, **kwargs)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        return record

    factory.tangkas_redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)

"""xAPI 1.0.3 (IEEE 9274.1.1) statements as Tangkas takes them in: enough of the statement checked to be
safe, its digest to tell a resend from a different statement, and what a statement did to credit.

Only what crediting reads is modelled; the statement itself is kept as the partner sent it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import DomainError

VERSION = "1.0.3"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
CREDITING_VERBS = frozenset({COMPLETED, PASSED})
MAX_STATEMENTS = 50  # per request
MAX_IRI = 512
MAX_ACTOR_KEY = 300
FUTURE_SLACK = dt.timedelta(minutes=5)  # a partner's clock running a little ahead
CREDIT_WINDOW = dt.timedelta(days=366)  # older completions are stored, not credited

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_SHA1 = re.compile(r"^[0-9a-f]{40}$")
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
# What the LRS adds or may rewrite: left out when two statements of one id are compared.
_NOT_CONTENT = ("stored", "authority", "version")


class StatementRejected(DomainError):
    """A statement the LRS refuses as malformed (400, as xAPI asks)."""


class Credit(StrEnum):
    """What a stored statement did to credit, as the partner's report shows it."""

    CREDITED = "credited"
    DUPLICATE = "duplicate"  # the person already earned this activity
    UNKNOWN_ACTOR = "unknown_actor"  # no active person in an admitting region: kept, reported, never credited
    OWN_PEOPLE = "own_people"  # one of the sender's own people or any partner: kept, reported, never credited
    NOT_REGISTERED = "not_registered"  # not an active activity of the sending organisation
    NOT_CREDITED_VERB = "not_credited_verb"  # neither completed nor passed (voiding statements too)
    TOO_OLD = "too_old"  # completed longer ago than the credit window
    VOIDED = "voided"  # voided by a later statement


@dataclass(frozen=True)
class Statement:
    id: str
    actor_kind: str  # one of IFIS
    actor_key: str  # the identifier as one string: "mbox:mailto:…", "account:<homePage>|<name>", …
    account_home_page: str | None
    account_name: str | None
    mbox: str | None
    verb: str
    object_type: str
    object_id: str
    timestamp: dt.datetime | None
    score_scaled: float | None
    raw: dict

    @property
    def voids(self) -> str | None:
        """The id of the statement this one voids, if it is a voiding statement."""
        return self.object_id if self.verb == VOIDED else None


def parse_statements(payload: object) -> list[dict]:
    """The statements of a POST body: one statement or an array of them."""
    statements = payload if isinstance(payload, list) else [payload]
    if not statements:
        raise StatementRejected("xapi_no_statements")
    if len(statements) > MAX_STATEMENTS:
        raise StatementRejected("xapi_too_many_statements", limit=MAX_STATEMENTS)
    return statements


def parse_statement(raw: object, statement_id: str | None = None) -> Statement:
    """Check one statement; ``statement_id`` is the one the caller assigned (a PUT's, or a new UUID)."""
    if not isinstance(raw, dict):
        raise StatementRejected("xapi_statement_not_object")
    raw = dict(raw)
    if "id" in raw:
        sent = check_uuid(raw["id"])
        if statement_id is not None and sent != statement_id:
            raise StatementRejected("xapi_statement_id_mismatch")
        statement_id = sent
    statement_id = statement_id or str(uuid.uuid4())
    raw["id"] = statement_id
    version = raw.get("version")
    if version is not None and (not isinstance(version, str) or not version.startswith("1.0")):
        raise StatementRejected("xapi_version_unsupported")
    actor = _actor(raw.get("actor"))
    verb = raw.get("verb")
    if not isinstance(verb, dict) or not _is_iri(verb.get("id")):
        raise StatementRejected("xapi_verb_invalid")
    object_type, object_id = _object(raw.get("object"))
    if verb["id"] == VOIDED and object_type != "StatementRef":
        raise StatementRejected("xapi_void_needs_statement_ref")
    return Statement(
        id=statement_id,
        verb=verb["id"],
        object_type=object_type,
        object_id=object_id,
        timestamp=_timestamp(raw.get("timestamp")),
        score_scaled=_score(raw.get("result")),
        raw=raw,
        **actor,
    )


def check_uuid(value: object) -> str:
    """A statement id: a UUID in its usual 36-character form, answered in lower case."""
    if not isinstance(value, str) or len(value) != 36:
        raise StatementRejected("xapi_id_not_uuid")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise StatementRejected("xapi_id_not_uuid") from None


def digest(raw: dict) -> str:
    """The statement's content, for "the same statement again": key order and what the LRS adds ignored."""
    content = {key: value for key, value in raw.items() if key not in _NOT_CONTENT}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def credit_time(timestamp: dt.datetime | None, stored: dt.datetime) -> dt.datetime:
    """When a completion happened for crediting: its timestamp, never after it was stored."""
    if timestamp is None:
        return stored
    if timestamp > stored + FUTURE_SLACK:
        raise StatementRejected("xapi_timestamp_future")
    return min(timestamp, stored)


def too_old(occurred_at: dt.datetime, stored: dt.datetime) -> bool:
    return stored - occurred_at > CREDIT_WINDOW


def score_percent(scaled: float | None) -> int | None:
    return None if scaled is None else max(0, round(scaled * 100))


def _actor(actor: object) -> dict:
    if not isinstance(actor, dict):
        raise StatementRejected("xapi_actor_invalid")
    if actor.get("objectType", "Agent") not in ("Agent", "Group"):
        raise StatementRejected("xapi_actor_invalid")
    present = [ifi for ifi in IFIS if ifi in actor]
    if len(present) != 1:
        raise StatementRejected("xapi_actor_ifi")  # exactly one inverse functional identifier
    kind = present[0]
    value = actor[kind]
    found = {"actor_kind": kind, "account_home_page": None, "account_name": None, "mbox": None}
    if kind == "mbox":
        if not isinstance(value, str) or not value.startswith("mailto:") or "@" not in value:
            raise StatementRejected("xapi_actor_mbox")
        found |= {"mbox": value.removeprefix("mailto:"), "actor_key": f"mbox:{value}"}
    elif kind == "mbox_sha1sum":
        if not isinstance(value, str) or not _SHA1.match(value.lower()):
            raise StatementRejected("xapi_actor_mbox_sha1sum")
        found["actor_key"] = f"mbox_sha1sum:{value.lower()}"
    elif kind == "openid":
        if not _is_iri(value):
            raise StatementRejected("xapi_actor_openid")
        found["actor_key"] = f"openid:{value}"
    else:
        if not isinstance(value, dict) or not _is_iri(value.get("homePage")):
            raise StatementRejected("xapi_actor_account")
        name = value.get("name")
        if not isinstance(name, str) or not name.strip():
            raise StatementRejected("xapi_actor_account")
        found |= {
            "account_home_page": value["homePage"],
            "account_name": name,
            "actor_key": f"account:{value['homePage']}|{name}",
        }
    if len(found["actor_key"]) > MAX_ACTOR_KEY:
        raise StatementRejected("xapi_actor_too_long")
    return found


def _object(target: object) -> tuple[str, str]:
    if not isinstance(target, dict):
        raise StatementRejected("xapi_object_invalid")
    object_type = target.get("objectType", "Activity")
    if object_type == "Activity":
        if not _is_iri(target.get("id")):
            raise StatementRejected("xapi_object_invalid")
        return object_type, target["id"]
    if object_type == "StatementRef":
        return object_type, check_uuid(target.get("id"))
    if object_type in ("Agent", "Group", "SubStatement"):
        return object_type, ""
    raise StatementRejected("xapi_object_invalid")


def _timestamp(value: object) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise StatementRejected("xapi_timestamp_invalid")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise StatementRejected("xapi_timestamp_invalid") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)  # no offset: UTC


def _score(result: object) -> float | None:
    if result is None:
        return None
    if not isinstance(result, dict):
        raise StatementRejected("xapi_result_invalid")
    score = result.get("score")
    if score is None:
        return None
    scaled = score.get("scaled") if isinstance(score, dict) else "invalid"
    if scaled is None:
        return None
    if isinstance(scaled, bool) or not isinstance(scaled, int | float) or not -1 <= scaled <= 1:
        raise StatementRejected("xapi_result_invalid")
    return float(scaled)


def _is_iri(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_IRI and bool(_IRI.match(value))

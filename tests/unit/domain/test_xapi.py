"""xAPI statements as the intake checks them, with no I/O: identifiers, verbs, ids, times, digests."""

import datetime as dt

import pytest

from domain.xapi import (
    COMPLETED,
    StatementRejected,
    credit_time,
    digest,
    parse_statement,
    parse_statements,
    score_percent,
    too_old,
)

ACTIVITY = {"objectType": "Activity", "id": "https://lms.test/course/1"}
NOW = dt.datetime(2027, 1, 1, 0, 30, tzinfo=dt.timezone.utc)


def raw(**changes) -> dict:
    return {
        "actor": {"account": {"homePage": "https://tangkas.go.id", "name": "x"}},
        "verb": {"id": COMPLETED},
        "object": ACTIVITY,
    } | changes


def rejected(body, code: str, statement_id: str | None = None) -> None:
    with pytest.raises(StatementRejected) as caught:
        parse_statement(body, statement_id)
    assert caught.value.code == code


def test_a_statement_gets_an_id_and_its_actor_key():
    parsed = parse_statement(raw())
    assert len(parsed.id) == 36 and parsed.raw["id"] == parsed.id
    assert parsed.actor_key == "account:https://tangkas.go.id|x" and parsed.object_id == ACTIVITY["id"]
    upper = parse_statement(raw(id="0B3A3A3E-7B0C-4B5E-9D0E-2F1E6C1A0A01"))
    assert upper.id == "0b3a3a3e-7b0c-4b5e-9d0e-2f1e6c1a0a01"
    assert parse_statement(raw(actor={"mbox": "mailto:A@b.test"})).mbox == "A@b.test"


def test_malformed_statements_are_refused_with_their_code():
    rejected(raw(actor={}), "xapi_actor_ifi")
    rejected(raw(actor={"mbox": "mailto:a@b.test", "openid": "https://id.test/a"}), "xapi_actor_ifi")
    rejected(raw(actor={"mbox_sha1sum": "xyz"}), "xapi_actor_mbox_sha1sum")
    rejected(raw(actor={"objectType": "Activity", "mbox": "mailto:a@b.test"}), "xapi_actor_invalid")
    rejected(raw(verb={"id": "not an iri"}), "xapi_verb_invalid")
    rejected(raw(object={"objectType": "StatementRef", "id": "nope"}), "xapi_id_not_uuid")
    rejected(raw(object={"objectType": "Nothing"}), "xapi_object_invalid")
    rejected(raw(version="2.0.0"), "xapi_version_unsupported")
    rejected(raw(result={"score": {"scaled": True}}), "xapi_result_invalid")
    rejected(
        raw(id="0b3a3a3e-7b0c-4b5e-9d0e-2f1e6c1a0a01"),
        "xapi_statement_id_mismatch",
        "1b3a3a3e-7b0c-4b5e-9d0e-2f1e6c1a0a01",
    )
    with pytest.raises(StatementRejected):
        parse_statements([raw()] * 51)


def test_times_and_digests():
    assert credit_time(None, NOW) == NOW
    assert credit_time(NOW + dt.timedelta(minutes=2), NOW) == NOW  # a clock a little ahead
    with pytest.raises(StatementRejected):
        credit_time(NOW + dt.timedelta(hours=1), NOW)
    naive = parse_statement(raw(timestamp="2026-12-31T23:00:00"))
    assert naive.timestamp == dt.datetime(2026, 12, 31, 23, tzinfo=dt.timezone.utc)
    assert too_old(NOW - dt.timedelta(days=400), NOW) and not too_old(NOW - dt.timedelta(days=300), NOW)
    a = raw(id="0b3a3a3e-7b0c-4b5e-9d0e-2f1e6c1a0a01")
    assert digest(a) == digest(dict(reversed(a.items())) | {"stored": "later", "authority": {}})
    assert digest(a) != digest(a | {"verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}})
    assert (score_percent(0.856), score_percent(None), score_percent(-0.5)) == (86, None, 0)

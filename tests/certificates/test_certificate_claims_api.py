"""Attacks on certificate records: a number made "new" by invisible characters, a claim on another
person's number to block it, two identical uploads racing away the stored file, and a verify of a record
whose file is gone."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest

from gamification.storage.tables import Certificate, JpCredit
from tests.certificates.helpers import CERTIFICATES, PDF, create, record, upload


@pytest.fixture
def settings(settings, tmp_path):
    return dataclasses.replace(settings, evidence_dir=str(tmp_path / "bukti"), evidence_max_bytes=50_000)


def problem(answer) -> tuple[int, str]:
    return answer.status_code, answer.json().get("code")


async def test_a_claim_blocks_nobody_and_invisible_characters_make_no_new_number(client, world, as_):
    p = world.pontianak
    owner, other, manager = as_(p.asn), as_(p.asn_child), as_(p.manager)
    # someone claims the owner's number first; the owner can still record it
    squat = await create(client, other, number="SK-001/2026")
    real = await create(client, owner, number="SK-001/2026")
    for invisible in ["SK-001/2026\u200b", "SK\u00ad-001/2026", "\ufeffSK-001/2026", "SK-001\u200d/2026"]:
        answer = await client.post(CERTIFICATES, json=record(number=invisible), headers=owner)
        assert problem(answer) == (422, "certificate_number_format"), invisible
    hidden_issuer = record(issuer="BPSDM Provinsi\u00ad Kalimantan Barat", number="SK-009/2026")
    assert problem(await client.post(CERTIFICATES, json=hidden_issuer, headers=owner)) == (
        422,
        "certificate_issuer_format",
    )
    again = await client.post(CERTIFICATES, json=record(number="sk 001 2026"), headers=owner)
    assert problem(again) == (409, "certificate_duplicate")  # the same person's open claim, spelt otherwise

    for mine, who in [(squat, other), (real, owner)]:
        assert (await upload(client, who, mine["id"])).status_code == 200
    queue = (await client.get("/api/v1/manager/certificates", headers=manager)).json()["items"]
    assert {item["id"]: item["duplicate_claims"] for item in queue} == {squat["id"]: 1, real["id"]: 1}

    verified = await client.post(f"{CERTIFICATES}/{real['id']}/verify", json={"jp_granted": 24}, headers=manager)
    assert verified.status_code == 200, verified.text
    clash = await client.post(f"{CERTIFICATES}/{squat['id']}/verify", json={"jp_granted": 24}, headers=manager)
    assert problem(clash) == (409, "certificate_duplicate")
    assert (await Certificate.select(Certificate.status).where(Certificate.id == squat["id"]).first())[
        "status"
    ] == "submitted"
    assert await JpCredit.count().where(JpCredit.person == p.asn_child) == 0
    assert await JpCredit.count().where(JpCredit.person == p.asn) == 1
    late = await client.post(CERTIFICATES, json=record(number="SK 001 2026"), headers=other)
    assert problem(late) == (409, "certificate_duplicate")  # verified now: nobody records it again
    queue = (await client.get("/api/v1/manager/certificates", headers=manager)).json()["items"]
    assert [item["duplicate_claims"] for item in queue] == [0]


async def test_identical_uploads_racing_keep_the_file_and_a_gone_file_is_not_verified(client, world, as_, settings):
    p = world.pontianak
    asn, manager = as_(p.asn), as_(p.manager)
    for attempt in range(5):
        made = await create(client, asn, number=f"BALAPAN-{attempt}")
        content = PDF + bytes([attempt])
        answers = await asyncio.gather(*[upload(client, asn, made["id"], content) for _ in range(2)])
        assert all(a.status_code in (200, 409) for a in answers), [a.text for a in answers]
        stored = await client.get(f"{CERTIFICATES}/{made['id']}/evidence", headers=asn)
        assert stored.status_code == 200 and stored.content == content, (attempt, stored.text)

    gone = await create(client, asn, number="HILANG-1")
    assert (await upload(client, asn, gone["id"], PDF + b"hilang")).status_code == 200
    for path in Path(settings.evidence_dir).rglob("*"):
        if path.is_file() and path.read_bytes() == PDF + b"hilang":
            path.unlink()
    verify = await client.post(f"{CERTIFICATES}/{gone['id']}/verify", json={"jp_granted": 24}, headers=manager)
    assert problem(verify) == (409, "certificate_evidence_missing")
    assert await JpCredit.count() == 0

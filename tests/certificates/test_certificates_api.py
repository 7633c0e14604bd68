"""Certificates recorded by an ASN with evidence, decided by a manager or admin: JP and XP credited once,
seen on /me, the boards and the unit's compliance; every bad file or field a clear 4xx."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

import pytest

from gamification.storage.tables import Certificate, Fact, JpCredit, XpEntry
from tests.certificates.helpers import CERTIFICATES, JPEG, PDF, PNG, create, record, submitted, today, upload
from tests.factories import add_person


@pytest.fixture
def settings(settings, tmp_path):
    return dataclasses.replace(settings, evidence_dir=str(tmp_path / "bukti"), evidence_max_bytes=50_000)


def problem(answer) -> tuple[int, str]:
    return answer.status_code, answer.json().get("code")


async def test_a_certificate_verified_by_the_manager_credits_jp_and_xp_once_and_shows_everywhere(
    client, world, as_, settings
):
    p = world.pontianak
    asn, manager = as_(p.asn), as_(p.manager)
    body = record(client_id="hp-sertifikat-0001")
    first = await client.post(CERTIFICATES, json=body, headers=asn)
    again = await client.post(CERTIFICATES, json=body, headers=asn)
    assert (first.status_code, again.status_code, again.json()["id"]) == (201, 200, first.json()["id"])
    certificate = first.json()
    assert (certificate["status"], certificate["jp_claimed"], certificate["evidence"]) == ("submitted", 24.0, None)

    attached = await upload(client, asn, certificate["id"])
    assert attached.json()["evidence"] == {"content_type": "application/pdf", "size": len(PDF)}
    stored = list((settings.evidence_path / "certificates" / str(certificate["id"])).iterdir())
    assert [path.suffix for path in stored] == [".pdf"] and "sertifikat" not in stored[0].name  # never the client's

    queue = (await client.get("/api/v1/manager/certificates", headers=manager)).json()
    assert [item["id"] for item in queue["items"]] == [certificate["id"]]
    assert (await client.get("/api/v1/manager/certificates", headers=as_(world.palu.admin))).json()["items"] == []

    grant = {"jp_granted": 20, "reason": "Empat JP di luar jam pelatihan"}
    verified = await client.post(f"{CERTIFICATES}/{certificate['id']}/verify", json=grant, headers=manager)
    assert verified.status_code == 200, verified.text
    assert (verified.json()["status"], verified.json()["jp_granted"], verified.json()["decided_by"]) == (
        "verified",
        20.0,
        p.manager,
    )
    resent = await client.post(f"{CERTIFICATES}/{certificate['id']}/verify", json=grant, headers=manager)
    assert resent.status_code == 200 and resent.json() == verified.json()  # a resend replays
    other = await client.post(f"{CERTIFICATES}/{certificate['id']}/verify", json={"jp_granted": 24}, headers=manager)
    assert problem(other) == (409, "already_decided")
    back = await client.post(f"{CERTIFICATES}/{certificate['id']}/return", json={"reason": "Ulangi"}, headers=manager)
    assert problem(back) == (409, "already_decided")

    me = (await client.get("/api/v1/me", headers=asn)).json()
    learning = (await client.get("/api/v1/me/learning", headers=asn)).json()
    assert (me["xp"], me["jp"]["earned"], learning["jp"]["by_competency"]["teknis"]) == (100, 20.0, 20.0)
    board = (
        await client.get(
            "/api/v1/leaderboards", params={"scope": "unit", "scope_id": p.head_unit, "period": "week"}, headers=asn
        )
    ).json()
    assert [(e["user_id"], e["xp"]) for e in board["entries"]] == [(p.asn, 100)]
    units = (await client.get("/api/v1/manager/units", params={"sort": "name"}, headers=manager)).json()
    head = next(unit for unit in units["items"] if unit["id"] == p.head_unit)
    assert (head["met"], head["staff"]) == (1, 2)  # the asn and the manager: the admin is not staff
    assert await JpCredit.count().where(JpCredit.source_kind == "certificate") == 1
    assert await Fact.count().where(Fact.source_key == f"certificate:{certificate['id']}") == 1
    assert (await client.get("/api/v1/manager/certificates", headers=manager)).json()["items"] == []

    for reader in (asn, manager, as_(p.admin)):
        file = await client.get(f"{CERTIFICATES}/{certificate['id']}/evidence", headers=reader)
        assert (file.status_code, file.headers["content-type"], file.content) == (200, "application/pdf", PDF)
    late = await upload(client, asn, certificate["id"], PNG, "image/png")
    assert problem(late) == (409, "already_decided")  # the evidence of a decided record stays as decided
    notices = (await client.get("/api/v1/me/notifications", headers=asn)).json()["items"]
    assert notices[0]["kind"] == "certificate_verified"


async def test_bad_files_and_fields_get_clear_codes(client, world, as_):
    p = world.pontianak
    asn = as_(p.asn)
    mine = await create(client, asn)
    cases = [
        (b"%PDF-" + b"0" * 60_000, "application/pdf", (413, "evidence_too_large")),
        (b"<html><script>alert(1)</script></html>", "text/html", (415, "evidence_type_not_allowed")),
        (b"MZ\x90\x00 an executable", "application/pdf", (415, "evidence_type_not_allowed")),
        (JPEG, "application/pdf", (415, "evidence_type_mismatch")),
        (b"", "application/pdf", (422, "evidence_empty")),
    ]
    for content, content_type, expected in cases:
        assert problem(await upload(client, asn, mine["id"], content, content_type)) == expected, expected
    assert problem(await upload(client, asn, mine["id"], PDF, field="berkas")) == (400, "evidence_file_required")
    photo = await upload(client, asn, mine["id"], JPEG, "application/octet-stream")  # the bytes decide
    assert photo.json()["evidence"]["content_type"] == "image/jpeg"

    future = today().toordinal() + 1
    for changes, expected in [
        ({"completed_on": dt.date.fromordinal(future).isoformat()}, "certificate_in_future"),
        ({"completed_on": f"{today().year - 2}-06-01"}, "certificate_too_old"),
        ({"jp_claimed": 0}, "certificate_jp_range"),
        ({"jp_claimed": 2.505}, "certificate_jp_range"),
        ({"jp_claimed": 101}, "certificate_jp_range"),
        ({"competency_type": "rohani"}, "certificate_competency_type_unknown"),
        ({"title": "\u200b\u200b\u200b"}, "text_invisible"),
        ({"title": "AB"}, "certificate_title_length"),
        ({"title": "\u202eatad sisilanA"}, "text_bidi_control"),
    ]:
        answer = await client.post(CERTIFICATES, json=record(number=None, **changes), headers=asn)
        assert problem(answer) == (422, expected), (changes, answer.text)
    loose = await client.post(CERTIFICATES, json=record(jp_claimed="24"), headers=asn)
    assert problem(loose) == (400, "validation_failed")

    # the same issuer and number, however spelt, twice by the same person while open: refused
    spelt = record(issuer="  bpsdm provinsi  KALIMANTAN barat", number="ＢＰＳＤＭ ＫＢ 2026 0012")
    assert problem(await client.post(CERTIFICATES, json=spelt, headers=asn)) == (409, "certificate_duplicate")
    reused = await client.post(CERTIFICATES, json=record(client_id="hp-ulang-0001", number="A-1"), headers=asn)
    assert reused.status_code == 201
    other = record(client_id="hp-ulang-0001", number="A-2", title="Pelatihan Lain Sama Sekali")
    assert problem(await client.post(CERTIFICATES, json=other, headers=asn)) == (409, "client_id_reused")

    manager = as_(p.manager)
    bare = await create(client, asn, number="TANPA-BUKTI-1")
    verify = f"{CERTIFICATES}/{bare['id']}/verify"
    assert problem(await client.post(verify, json={"jp_granted": 24}, headers=manager)) == (
        409,
        "certificate_evidence_missing",
    )
    assert problem(await client.post(verify, json={"jp_granted": 10}, headers=manager)) == (
        422,
        "certificate_grant_reason_required",
    )
    assert problem(await client.post(verify, json={"jp_granted": 100.5, "reason": "x"}, headers=manager)) == (
        422,
        "certificate_grant_range",
    )
    empty_reason = await client.post(f"{CERTIFICATES}/{bare['id']}/return", json={"reason": " "}, headers=manager)
    assert problem(empty_reason) == (422, "certificate_return_reason_required")
    assert await Certificate.count().where(Certificate.status != "submitted") == 0


async def test_only_the_owner_their_managers_and_their_regions_admin_reach_a_certificate(client, world, as_):
    p = world.pontianak
    certificate = await submitted(client, as_(p.asn))
    path = f"{CERTIFICATES}/{certificate['id']}"
    out_of_scope = await add_person("Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn")
    for stranger in (p.asn_child, out_of_scope, world.palu.admin, world.palu.manager):
        headers = as_(stranger)
        assert problem(await client.get(path, headers=headers)) == (404, "certificate_not_found")
        assert problem(await client.get(f"{path}/evidence", headers=headers)) == (404, "certificate_not_found")
        assert problem(await upload(client, headers, certificate["id"], PNG, "image/png")) == (
            404,
            "certificate_not_found",
        )
        grant = await client.post(f"{path}/verify", json={"jp_granted": 24}, headers=headers)
        assert problem(grant) == (404, "certificate_not_found")
    assert problem(await upload(client, as_(p.manager), certificate["id"], PNG, "image/png")) == (
        403,
        "certificate_owner_only",
    )
    assert problem(await client.post(f"{path}/verify", json={"jp_granted": 24}, headers=as_(p.asn))) == (
        403,
        "self_decision",
    )
    mine = (await client.get(CERTIFICATES, headers=as_(p.asn_child))).json()
    assert mine["items"] == []

    # a second role does not make one's own record decidable: the manager's own, the admin's own
    for decider in (p.manager, p.admin):
        own = await submitted(client, as_(decider), number=f"SENDIRI-{decider}")
        answer = await client.post(f"{CERTIFICATES}/{own['id']}/verify", json={"jp_granted": 24}, headers=as_(decider))
        assert problem(answer) == (403, "self_decision")
        queue = (await client.get("/api/v1/manager/certificates", headers=as_(decider))).json()
        assert own["id"] not in [item["id"] for item in queue["items"]]
    admins_queue = (await client.get("/api/v1/manager/certificates", headers=as_(p.admin))).json()
    assert len(admins_queue["items"]) == 2  # the ASN's and the manager's, oldest first
    assert admins_queue["items"][0]["id"] == certificate["id"]
    assert problem(await client.get("/api/v1/manager/certificates", headers=as_(p.asn))) == (403, "manager_required")
    assert await JpCredit.count() == 0


async def test_racing_verifies_credit_once(client, world, as_):
    p = world.pontianak
    certificate = await submitted(client, as_(p.asn))
    verify = f"{CERTIFICATES}/{certificate['id']}/verify"
    same = await asyncio.gather(
        *[client.post(verify, json={"jp_granted": 24}, headers=as_(p.manager)) for _ in range(2)]
    )
    assert [a.status_code for a in same] == [200, 200]
    rival = await submitted(client, as_(p.asn_child), number="BALAPAN-2")
    verify = f"{CERTIFICATES}/{rival['id']}/verify"
    answers = await asyncio.gather(
        client.post(verify, json={"jp_granted": 24}, headers=as_(p.manager)),
        client.post(verify, json={"jp_granted": 12, "reason": "Separuh"}, headers=as_(p.admin)),
    )
    assert sorted(a.status_code for a in answers) == [200, 409]
    assert await JpCredit.count().where(JpCredit.source_kind == "certificate") == 2
    assert await XpEntry.count() == 2
    assert await Fact.count() == 2


async def test_a_returned_record_is_corrected_and_resubmitted(client, world, as_):
    p = world.pontianak
    asn, manager = as_(p.asn), as_(p.manager)
    certificate = await submitted(client, asn, jp_claimed=40)
    path = f"{CERTIFICATES}/{certificate['id']}"
    returned = await client.post(f"{path}/return", json={"reason": "Lampirkan halaman kedua"}, headers=manager)
    assert (returned.json()["status"], returned.json()["decision_reason"]) == ("returned", "Lampirkan halaman kedua")
    assert (await client.post(f"{path}/return", json={"reason": "x"}, headers=manager)).status_code == 200  # replay
    assert problem(await client.post(f"{path}/verify", json={"jp_granted": 40}, headers=manager)) == (
        409,
        "already_decided",
    )
    replaced = await upload(client, asn, certificate["id"], PNG, "image/png")
    assert replaced.json()["evidence"]["content_type"] == "image/png"
    assert problem(await client.post(f"{path}/resubmit", json=record(), headers=manager)) == (
        403,
        "certificate_owner_only",
    )
    again = await client.post(f"{path}/resubmit", json=record(jp_claimed=32), headers=asn)
    assert (again.status_code, again.json()["status"], again.json()["jp_claimed"]) == (200, "submitted", 32.0)
    verified = await client.post(f"{path}/verify", json={"jp_granted": 32}, headers=manager)
    assert verified.json()["status"] == "verified"
    assert (await client.get("/api/v1/me", headers=asn)).json()["jp"]["earned"] == 32.0
    files = await client.get(f"{path}/evidence", headers=manager)
    assert (files.headers["content-type"], files.content) == ("image/png", PNG)

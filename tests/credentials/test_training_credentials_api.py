"""A verified certificate and a completed event issued as Open Badges 3.0 credentials: checked by joserfc with
the published keys and against 1EdTech's schema, only the holder's own and only once verified or completed,
issued once per key however often asked, and revoked when the certificate's verification is withdrawn."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

import jsonschema
import pytest
from piccolo.query.functions.aggregate import Sum

from gamification.storage.tables import Certificate, IssuedCredential, JpCredit, Person
from tests.certificates.helpers import CERTIFICATES, submitted
from tests.credentials.test_open_badges_api import SCHEMA, VERIFY, earned_badges, independently_verified, revoked_bit

ADMIN_EVENTS, EVENTS = "/api/v1/admin/events", "/api/v1/events"


@pytest.fixture
def settings(settings, tmp_path):
    return dataclasses.replace(settings, evidence_dir=str(tmp_path / "bukti"))


def problem(answer) -> tuple[int, str]:
    return answer.status_code, answer.json().get("code")


def certificate_credential(certificate_id: int) -> str:
    return f"/api/v1/me/certificates/{certificate_id}/credential"


def event_credential(event_id: int) -> str:
    return f"/api/v1/me/events/{event_id}/credential"


def valid_ob3(credential: dict) -> None:
    jsonschema.validate(credential, SCHEMA, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)


async def verified_certificate(client, world, as_, jp_granted: float = 20) -> dict:
    """The Pontianak ASN's certificate (24 JP claimed), verified by their manager with ``jp_granted``."""
    made = await submitted(client, as_(world.pontianak.asn))
    grant = {"jp_granted": jp_granted, "reason": "Empat JP di luar jam pelatihan"}
    answer = await client.post(f"{CERTIFICATES}/{made['id']}/verify", json=grant, headers=as_(world.pontianak.manager))
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_a_verified_certificate_is_issued_and_revoked_when_its_verification_is_withdrawn(client, world, as_):
    p = world.pontianak
    asn, manager = as_(p.asn), as_(p.manager)
    waiting = await submitted(client, asn, number="BPSDM-KB/2026/0099")
    assert problem(await client.post(certificate_credential(waiting["id"]), headers=asn)) == (
        409,
        "certificate_not_verified",
    )
    certificate = await verified_certificate(client, world, as_)

    answer = await client.post(certificate_credential(certificate["id"]), headers=asn)
    assert answer.status_code == 201, answer.text
    issued = answer.json()
    payload = await independently_verified(client, issued["jwt"])
    credential = payload["vc"]
    assert credential == issued["credential"]
    valid_ob3(credential)
    assert payload["iss"] == credential["issuer"]["id"] and payload["jti"] == credential["id"]
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    assert (achievement["achievementType"], achievement["name"]) == ("CertificateOfCompletion", certificate["title"])
    assert achievement["creator"]["name"] == "BPSDM Provinsi Kalimantan Barat"
    assert (achievement["creditsAvailable"], subject["creditsEarned"]) == (20.0, 20.0)  # granted, not claimed
    assert [a["targetName"] for a in achievement["alignment"]] == ["Kompetensi Teknis"]
    assert "BPSDM Provinsi Kalimantan Barat" in achievement["criteria"]["narrative"]
    assert "20 JP" in achievement["criteria"]["narrative"]
    assert subject["activityEndDate"].startswith(certificate["completed_on"][:4])
    assert subject["identifier"][0]["identityHash"] == "ASN Kota Pontianak"

    verdict = (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()
    assert (verdict["status"], verdict["achievement_name"]) == ("valid", certificate["title"])
    assert verdict["message"].startswith(f"Kredensial sah: pelatihan «{certificate['title']}»")

    # asked again: the same credential, not a second status list entry
    again = await client.post(certificate_credential(certificate["id"]), headers=asn)
    assert again.status_code == 200 and again.json() == issued
    assert await IssuedCredential.count().where(IssuedCredential.certificate == certificate["id"]) == 1

    # the verification withdrawn: never by the owner, not from another region, never without a reason
    withdraw = f"{CERTIFICATES}/{certificate['id']}/withdraw"
    reason = {"reason": "Nomor sertifikat tidak terdaftar di BPSDM"}
    assert problem(await client.post(withdraw, json=reason, headers=asn)) == (403, "self_decision")
    assert problem(await client.post(withdraw, json=reason, headers=as_(p.asn_child))) == (404, "certificate_not_found")
    assert problem(await client.post(withdraw, json=reason, headers=as_(world.palu.admin))) == (
        404,
        "certificate_not_found",
    )
    assert problem(await client.post(withdraw, json={"reason": " "}, headers=manager)) == (
        422,
        "certificate_withdraw_reason_required",
    )
    assert problem(await client.post(f"{CERTIFICATES}/{waiting['id']}/withdraw", json=reason, headers=manager)) == (
        409,
        "certificate_not_verified",
    )
    me = (await client.get("/api/v1/me", headers=asn)).json()
    assert (me["xp"], me["jp"]["earned"]) == (100, 20.0)
    status = issued["credential"]["credentialStatus"]
    list_path = "/" + status["statusListCredential"].split("/", 3)[3]
    key_set = (await client.get("/.well-known/jwks.json")).json()
    assert revoked_bit((await client.get(list_path)).text, int(status["statusListIndex"]), key_set) is False

    withdrawn = await client.post(withdraw, json=reason, headers=as_(p.admin))
    assert withdrawn.status_code == 200, withdrawn.text
    assert (withdrawn.json()["status"], withdrawn.json()["decision_reason"]) == ("withdrawn", reason["reason"])
    assert (await client.post(withdraw, json=reason, headers=manager)).json() == withdrawn.json()  # as it stands

    # its credit taken back through the ledgers, its credential revoked where any verifier looks
    me = (await client.get("/api/v1/me", headers=asn)).json()
    assert (me["xp"], me["jp"]["earned"]) == (0, 0.0)
    total = await JpCredit.select(Sum(JpCredit.jp_centi, alias="centi")).where(JpCredit.person == p.asn).first()
    assert total["centi"] == 0 and await JpCredit.count().where(JpCredit.reversal == True) == 1  # noqa: E712
    assert revoked_bit((await client.get(list_path)).text, int(status["statusListIndex"]), key_set) is True
    verdict = (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()
    assert (verdict["valid"], verdict["status"]) == (False, "revoked")
    await independently_verified(client, issued["jwt"])  # the signature still holds: the list says revoked
    assert problem(await client.post(certificate_credential(certificate["id"]), headers=asn)) == (
        409,
        "certificate_not_verified",
    )
    notices = (await client.get("/api/v1/me/notifications", headers=asn)).json()["items"]
    assert notices[0]["kind"] == "certificate_withdrawn" and notices[0]["body"] == reason["reason"]
    assert (await client.get(f"{CERTIFICATES}/{certificate['id']}", headers=asn)).json()["status"] == "withdrawn"
    held = await Certificate.select(Certificate.duplicate_key).where(Certificate.id == certificate["id"]).first()
    assert held["duplicate_key"] is None  # its number is free again for whoever really holds it


async def test_only_the_holders_own_certificate_is_issued(client, world, as_):
    certificate = await verified_certificate(client, world, as_)
    path = certificate_credential(certificate["id"])
    # the manager who verified it and the region's admin see it, but it is not theirs; Palu does not see it
    for someone_else in (world.pontianak.manager, world.pontianak.admin, world.pontianak.asn_child, world.palu.asn):
        assert problem(await client.post(path, headers=as_(someone_else))) == (404, "certificate_not_found")
    assert problem(await client.post(certificate_credential(10**9), headers=as_(world.pontianak.asn))) == (
        404,
        "certificate_not_found",
    )
    assert await IssuedCredential.count() == 0


async def test_requests_racing_for_one_certificate_issue_one_credential(client, world, as_):
    certificate = await verified_certificate(client, world, as_)
    path, asn = certificate_credential(certificate["id"]), as_(world.pontianak.asn)
    answers = await asyncio.gather(*[client.post(path, headers=asn) for _ in range(3)])
    assert sorted(answer.status_code for answer in answers) == [200, 200, 201], [a.text for a in answers]
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert await IssuedCredential.count() == 1


async def test_a_badge_asked_for_again_is_the_same_credential(client, world, as_):
    learner = as_(world.pontianak.asn)
    award = (await earned_badges(client, world, as_))[0]
    path = f"/api/v1/me/badges/{award['id']}/credential"
    first, again = (await client.post(path, headers=learner)), (await client.post(path, headers=learner))
    assert (first.status_code, again.status_code) == (201, 200) and again.json() == first.json()
    assert await IssuedCredential.count() == 1


async def test_a_completed_event_is_issued_to_who_completed_it(client, world, as_, time_machine):
    p = world.pontianak
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(hours=2)
    session = {"starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=3)).isoformat()}
    body = {"title": "Diklat Manajemen Risiko", "kind": "diklat", "competency_type": "manajerial", "jp": 6.5}
    made = await client.post(ADMIN_EVENTS, json=body | {"xp": 30, "sessions": [session]}, headers=as_(p.admin))
    assert made.status_code == 201, made.text
    event = (await client.post(f"{ADMIN_EVENTS}/{made.json()['id']}/publish", headers=as_(p.admin))).json()
    for person in (p.asn, p.asn_child):
        assert (await client.post(f"{EVENTS}/{event['id']}/registration", headers=as_(person))).status_code == 200
    assert problem(await client.post(event_credential(event["id"]), headers=as_(p.asn))) == (
        409,
        "event_not_completed",
    )

    time_machine.move_to(start + dt.timedelta(minutes=20), tick=True)
    nip = (await Person.select(Person.nip).where(Person.id == p.asn).first())["nip"]
    attendance = f"{ADMIN_EVENTS}/{event['id']}/sessions/{event['sessions'][0]['id']}/attendance"
    listed = await client.post(attendance, json={"nips": [nip]}, headers=as_(p.admin))
    assert listed.status_code == 200 and listed.json()["results"][0]["status"] == "recorded", listed.text

    answer = await client.post(event_credential(event["id"]), headers=as_(p.asn))
    assert answer.status_code == 201, answer.text
    issued = answer.json()
    credential = (await independently_verified(client, issued["jwt"]))["vc"]
    assert credential == issued["credential"]
    valid_ob3(credential)
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    assert (achievement["name"], achievement["creator"]["name"]) == ("Diklat Manajemen Risiko", "BKPSDM Kota Pontianak")
    assert (achievement["creditsAvailable"], subject["creditsEarned"]) == (6.5, 6.5)
    assert [a["targetName"] for a in achievement["alignment"]] == ["Kompetensi Manajerial"]
    assert (
        "hadir di 1 dari 1 sesi" in achievement["criteria"]["narrative"]
        and "6,5 JP" in achievement["criteria"]["narrative"]
    )
    assert subject["activityStartDate"] == start.isoformat().replace("+00:00", "Z")
    assert (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()["status"] == "valid"
    again = await client.post(event_credential(event["id"]), headers=as_(p.asn))
    assert again.status_code == 200 and again.json()["id"] == issued["id"]

    # registered but absent; another region; no such event
    assert problem(await client.post(event_credential(event["id"]), headers=as_(p.asn_child))) == (
        409,
        "event_not_completed",
    )
    for someone_else in (world.palu.asn, p.manager, p.admin):
        assert problem(await client.post(event_credential(event["id"]), headers=as_(someone_else))) == (
            404,
            "event_not_found",
        )
    assert problem(await client.post(event_credential(10**9), headers=as_(p.asn))) == (404, "event_not_found")
    assert await IssuedCredential.count() == 1

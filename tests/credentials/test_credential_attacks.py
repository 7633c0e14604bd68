"""An attacker's look at the credentials (issue 21): something else Tangkas signs passed off as a credential, a
hostile key id or address, a copy of a revoked credential kept under a rotated key, a transcript still vouching
for a certificate found false, and a weak secret for the signing keys in production."""

from __future__ import annotations

import asyncio
import dataclasses

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gamification.storage.settings import InsecureSettings, Settings
from gamification.storage.tables import IssuedCredential, IssuerKey, JpCredit, Notification
from tests.certificates.helpers import CERTIFICATES
from tests.credentials.test_credential_management_api import REASON, revoke_path
from tests.credentials.test_open_badges_api import VERIFY, earned_badges, issue
from tests.credentials.test_training_credentials_api import verified_certificate
from tests.credentials.test_verification_page import pasted, status_of
from tests.xapi.helpers import by_nip, nip_of, partner_org, statement, voiding


@pytest.fixture
def settings(settings, tmp_path):
    return dataclasses.replace(settings, evidence_dir=str(tmp_path / "bukti"))


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


async def test_a_regions_signed_status_list_is_not_a_valid_credential(client, world, as_):
    award = (await earned_badges(client, world, as_))[0]
    issued = (await issue(client, as_(world.pontianak.asn), award["id"])).json()
    # anyone fetches it, signed by the region's own key, its claims mirroring its content like a credential's
    status_list = (await client.get(path_of(issued["credential"]["credentialStatus"]["statusListCredential"]))).text
    verdict = (await client.post(VERIFY, json={"credential": status_list})).json()
    assert (verdict["valid"], verdict["status"]) == (False, "tampered"), verdict
    assert status_of(await pasted(client, status_list)) == "tampered"
    assert (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()["status"] == "valid"


async def test_a_hostile_key_id_is_an_unknown_key_not_a_crash(client):
    claims = {"iss": "x", "sub": "y", "jti": "z", "nbf": 0, "vc": {"credentialSubject": {}}}
    for kid in ["a\x00b", "k" * 5000, ""]:  # PostgreSQL refuses a NUL in text
        token = jwt.encode(claims, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": kid})
        answer = await client.post(VERIFY, json={"credential": token})
        assert (answer.status_code, answer.json().get("status")) == (200, "unknown_key"), (kid[:5], answer.text)
        assert status_of(await pasted(client, token)) == "unknown_key"


async def test_a_nul_in_an_issuers_address_is_refused_not_a_crash(client):
    for path in ("/issuers/a%00b", "/issuers/a%00b/did.json", "/issuers/a%00b/status/revocation"):
        answer = await client.get(path)
        assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text)


async def test_an_admins_revocation_also_ends_the_copy_signed_under_a_rotated_key(client, world, as_):
    p = world.pontianak
    learner, admin = as_(p.asn), as_(p.admin)
    award = (await earned_badges(client, world, as_))[0]
    old = (await issue(client, learner, award["id"])).json()
    rotated = await client.post(f"/api/v1/admin/regions/{p.region_id}/issuer-key/rotate", headers=admin)
    assert rotated.status_code == 200, rotated.text
    new = (await issue(client, learner, award["id"])).json()  # the holder keeps a copy under the new key
    assert new["id"] != old["id"] and new["kid"] != old["kid"]

    answer = await client.post(revoke_path(old["id"]), json={"reason": REASON}, headers=admin)
    assert answer.status_code == 200 and answer.json()["revoked"] is True, answer.text
    for copy in (old, new):
        assert (await client.post(VERIFY, json={"credential": copy["jwt"]})).json()["status"] == "revoked"
    told = await Notification.count().where(Notification.person == p.asn, Notification.kind == "credential_revoked")
    assert told == 1  # once, for what the admin revoked
    other_award = (await earned_badges_of(client, learner))[1]
    kept = (await issue(client, learner, other_award["id"])).json()
    assert (await client.post(VERIFY, json={"credential": kept["jwt"]})).json()["status"] == "valid"


async def earned_badges_of(client, headers) -> list[dict]:
    return (await client.get("/api/v1/me/badges", headers=headers)).json()


async def test_a_transcript_listing_a_certificate_found_false_is_revoked_with_it(client, world, as_):
    p = world.pontianak
    asn = as_(p.asn)
    certificate = await verified_certificate(client, world, as_)
    credit = await JpCredit.select(JpCredit.year).where(JpCredit.source_id == certificate["id"]).first()
    transcript = await client.post(f"/api/v1/me/jp-transcript/credential?year={credit['year']}", headers=asn)
    assert transcript.status_code == 201, transcript.text
    items = transcript.json()["credential"]["credentialSubject"]["verifiableCredential"]
    assert certificate["title"] in [item["name"] for item in items]  # it vouches for the certificate's JP
    printed = await client.get(f"/api/v1/me/jp-transcript/pdf?year={credit['year']}", headers=asn)
    assert printed.status_code == 200

    reason = {"reason": "Sertifikat ternyata palsu"}
    withdrawn = await client.post(f"{CERTIFICATES}/{certificate['id']}/withdraw", json=reason, headers=as_(p.admin))
    assert withdrawn.status_code == 200, withdrawn.text

    verdict = (await client.post(VERIFY, json={"credential": transcript.json()["jwt"]})).json()
    assert (verdict["valid"], verdict["status"]) == (False, "revoked"), verdict
    mine = (await client.get("/api/v1/me/credentials", headers=asn)).json()["items"]
    listed = next(item for item in mine if item["id"] == transcript.json()["id"])
    assert listed["revoked_reason"] == "JP salah satu kegiatan dalam transkrip ini ditarik kembali."
    again = await client.post(f"/api/v1/me/jp-transcript/credential?year={credit['year']}", headers=asn)
    assert again.status_code == 201 and again.json()["id"] != transcript.json()["id"]  # the truth, without it
    items = again.json()["credential"]["credentialSubject"]["verifiableCredential"]
    assert certificate["title"] not in [item["name"] for item in items]
    assert (await client.post(VERIFY, json={"credential": again.json()["jwt"]})).json()["status"] == "valid"


def test_production_refuses_a_short_issuer_key_secret():
    strong = {"TANGKAS_ENV": "production", "TANGKAS_JWT_SECRET": "k" * 48, "TANGKAS_PUBLIC_URL": "https://tangkas.test"}
    with pytest.raises(InsecureSettings, match="TANGKAS_ISSUER_KEY_SECRET"):
        Settings.from_env(strong | {"TANGKAS_ISSUER_KEY_SECRET": "pendek"})
    assert Settings.from_env(strong | {"TANGKAS_ISSUER_KEY_SECRET": "i" * 48}).issuer_key_secret == "i" * 48
    assert Settings.from_env(strong).issuer_key_secret is None  # derived from the JWT secret, itself checked


async def test_a_transcript_listing_a_partners_voided_completion_is_revoked(client, world, as_):
    p = await partner_org(client, world, as_, "Universitas Tanjungpura", [world.pontianak.region_id])
    asn = as_(world.pontianak.asn)
    completion = statement(by_nip(await nip_of(world.pontianak.asn)), p.iri)
    assert (await client.post("/xapi/statements", json=completion, headers=p.basic())).status_code == 200
    transcript = await client.post("/api/v1/me/jp-transcript/credential", headers=asn)
    assert transcript.status_code == 201, transcript.text
    assert len(transcript.json()["credential"]["credentialSubject"]["verifiableCredential"]) == 2  # year, item

    assert (await client.post("/xapi/statements", json=voiding(completion["id"]), headers=p.basic())).status_code == 200
    verdict = (await client.post(VERIFY, json={"credential": transcript.json()["jwt"]})).json()
    assert (verdict["valid"], verdict["status"]) == (False, "revoked"), verdict


async def test_a_transcript_asked_through_other_hosts_is_the_one_already_issued(client, world, as_):
    learner = as_(world.pontianak.asn)
    ids = set()
    for host in ("tangkas.test", "a.example", "b.example"):  # no public URL: the issuer's address follows the Host
        answer = await client.post("/api/v1/me/jp-transcript/credential", headers=learner | {"host": host})
        assert answer.status_code == 201, answer.text
        ids.add(answer.json()["id"])
    assert len(ids) == 1 and await IssuedCredential.count() == 1  # not a status list bit per host


async def test_rotations_racing_each_rotate_and_leave_one_current_key(client, world, as_):
    admin = as_(world.pontianak.admin)
    path = f"/api/v1/admin/regions/{world.pontianak.region_id}/issuer-key/rotate"
    assert (await client.post(path, headers=admin)).status_code == 200
    answers = await asyncio.gather(*[client.post(path, headers=admin) for _ in range(4)])
    assert [answer.status_code for answer in answers] == [200] * 4, [answer.text[:80] for answer in answers]
    assert await IssuerKey.count().where(IssuerKey.retired_at.is_null()) == 1
    assert await IssuerKey.count() == 5

"""A badge earned in the app issued as an Open Badges 3.0 VC-JWT, checked by an independent verifier
(joserfc, with the key published at /.well-known/jwks.json) and against 1EdTech's JSON schema (a copy beside
this file), tampered with, signed by a rotated key, and asked for by someone else."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import warnings
from pathlib import Path

import jsonschema
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jws
from joserfc.errors import BadSignatureError, SecurityWarning
from joserfc.jwk import KeySet

from domain.credentials import jwt_claims
from gamification.credentials.revocation import revoke_award_credentials
from gamification.demo.content_files import DEMO_BADGES
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Badge, IssuedCredential, IssuerKey
from tests.module_payloads import attempt_body, published_module

SCHEMA = json.loads((Path(__file__).parent / "ob_v3p0_achievementcredential_schema.json").read_text())
VERIFY = "/api/v1/credentials/verify"


async def earned_badges(client, world, as_) -> list[dict]:
    """The Pontianak ASN finishes a cyber-security module perfectly: two badges of the demo catalogue."""
    await Badge.insert(*[Badge(**fields) for fields in DEMO_BADGES])
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    module = await published_module(client, admin, title="Siber 1", topics=["keamanan-siber"], jp=2.0)
    answer = await client.post(f"/api/v1/modules/{module['id']}/attempts", json=attempt_body(module), headers=learner)
    assert answer.status_code in (200, 201), answer.text
    return (await client.get("/api/v1/me/badges", headers=learner)).json()


async def issue(client, headers, award_id: int):
    return await client.post(f"/api/v1/me/badges/{award_id}/credential", headers=headers)


async def independently_verified(client, token: str) -> dict:
    """joserfc, not Tangkas's code, with the key set anyone can fetch."""
    key_set = KeySet.import_key_set((await client.get("/.well-known/jwks.json")).json())
    with warnings.catch_warnings():
        # RFC 9864 names the algorithm "Ed25519" and deprecates "EdDSA", which VC-JWT verifiers still expect
        warnings.simplefilter("ignore", SecurityWarning)
        return json.loads(jws.deserialize_compact(token, key_set, algorithms=["EdDSA"]).payload)


def tampered(token: str, segment: int) -> str:
    """One character of a segment changed, in its middle (an end character may only carry padding bits)."""
    parts = token.split(".")
    middle = len(parts[segment]) // 2
    old = parts[segment][middle]
    parts[segment] = parts[segment][:middle] + ("A" if old != "A" else "B") + parts[segment][middle + 1 :]
    return ".".join(parts)


async def test_a_badge_earned_in_the_app_is_issued_and_verified_by_an_independent_verifier(client, world, as_):
    learner = as_(world.pontianak.asn)
    badges = await earned_badges(client, world, as_)
    siber = next(b for b in badges if b["code"] == "langkah-pertama")
    answer = await issue(client, learner, siber["id"])
    assert answer.status_code == 201, answer.text
    issued = answer.json()
    header = jwt.get_unverified_header(issued["jwt"])
    assert header["alg"] == "EdDSA" and header["kid"] == issued["kid"]

    payload = await independently_verified(client, issued["jwt"])
    credential = payload["vc"]
    assert credential == issued["credential"]
    jsonschema.validate(credential, SCHEMA, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
    with pytest.raises(jsonschema.ValidationError):  # the schema is strict enough to refuse a broken one
        jsonschema.validate({k: v for k, v in credential.items() if k != "validFrom"}, SCHEMA)
    assert payload["iss"] == credential["issuer"]["id"] and payload["jti"] == credential["id"]
    assert payload["sub"] == credential["credentialSubject"]["id"] and isinstance(payload["nbf"], int)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == siber["name"] and achievement["achievementType"] == "Badge"
    assert achievement["criteria"]["narrative"]
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == "ASN Kota Pontianak"

    # the issuer's profile is where the credential says
    profile_path = "/" + credential["issuer"]["id"].split("/", 3)[3]
    profile = (await client.get(profile_path)).json()
    assert profile["id"] == credential["issuer"]["id"] and "Profile" in profile["type"]

    verdict = (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()
    assert verdict["valid"] is True and verdict["status"] == "valid"
    assert verdict["subject_name"] == "ASN Kota Pontianak" and verdict["achievement_name"] == siber["name"]
    assert verdict["message"].startswith("Kredensial sah: lencana") and "Tangkas" in verdict["issuer_name"]


async def test_one_tampered_character_fails_both_verifiers(client, world, as_):
    learner = as_(world.pontianak.asn)
    award = (await earned_badges(client, world, as_))[0]
    token = (await issue(client, learner, award["id"])).json()["jwt"]
    for segment in (1, 2):
        changed = tampered(token, segment)
        verdict = (await client.post(VERIFY, json={"credential": changed})).json()
        assert (verdict["valid"], verdict["status"]) == (False, "tampered"), segment
        assert "subject_name" not in verdict or verdict["subject_name"] is None
        with pytest.raises((BadSignatureError, ValueError)):
            await independently_verified(client, changed)


async def test_a_rotated_key_signs_new_credentials_and_the_old_ones_still_verify(client, world, as_):
    learner, admin = as_(world.pontianak.asn), as_(world.pontianak.admin)
    award = (await earned_badges(client, world, as_))[0]
    old = (await issue(client, learner, award["id"])).json()
    rotated = await client.post(f"/api/v1/admin/regions/{world.pontianak.region_id}/issuer-key/rotate", headers=admin)
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["retired_kid"] == old["kid"]
    new = (await issue(client, learner, award["id"])).json()
    assert new["kid"] == rotated.json()["kid"] != old["kid"]
    published = {key["kid"] for key in (await client.get("/.well-known/jwks.json")).json()["keys"]}
    assert {old["kid"], new["kid"]} <= published
    for credential in (old, new):
        assert (await client.post(VERIFY, json={"credential": credential["jwt"]})).json()["status"] == "valid"
        await independently_verified(client, credential["jwt"])
    assert await IssuerKey.count().where(IssuerKey.retired_at.is_null()) == 1
    stored = await IssuerKey.select(IssuerKey.private_pem).first()
    assert "ENCRYPTED PRIVATE KEY" in stored["private_pem"]  # never the bare key at rest

    other_region = await client.post(
        f"/api/v1/admin/regions/{world.pontianak.region_id}/issuer-key/rotate", headers=as_(world.palu.admin)
    )
    assert (other_region.status_code, other_region.json()["code"]) == (403, "outside_region")


async def test_another_persons_award_is_not_found(client, world, as_):
    award = (await earned_badges(client, world, as_))[0]
    for someone_else in (world.pontianak.asn_child, world.pontianak.manager, world.palu.asn):
        answer = await issue(client, as_(someone_else), award["id"])
        assert (answer.status_code, answer.json()["code"]) == (404, "badge_award_not_found")
    assert (await issue(client, as_(world.pontianak.asn), 10**9)).status_code == 404


async def test_unknown_keys_expired_credentials_and_malformed_input(client, world, as_, app):
    learner = as_(world.pontianak.asn)
    award = (await earned_badges(client, world, as_))[0]
    issued = (await issue(client, learner, award["id"])).json()
    now = dt.datetime.now(dt.UTC)

    stranger = jwt.encode(
        jwt_claims(issued["credential"], now), Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": "x"}
    )
    assert (await client.post(VERIFY, json={"credential": stranger})).json()["status"] == "unknown_key"
    same_kid = jwt.encode(
        jwt_claims(issued["credential"], now),
        Ed25519PrivateKey.generate(),
        algorithm="EdDSA",
        headers={"kid": issued["kid"]},
    )
    assert (await client.post(VERIFY, json={"credential": same_kid})).json()["status"] == "tampered"

    key = await app.state.tangkas.services["issuer_keys"].signing_key(world.pontianak.region_id)
    ended = issued["credential"] | {"validUntil": "2020-01-01T00:00:00Z"}
    expired = jwt.encode(jwt_claims(ended, now), key.private_key, algorithm="EdDSA", headers={"kid": key.kid})
    verdict = (await client.post(VERIFY, json={"credential": expired})).json()
    assert (verdict["valid"], verdict["status"], verdict["message"]) == (
        False,
        "expired",
        "Kredensial ini sudah kedaluwarsa.",
    )

    unsigned = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode() + ".e30.x"
    assert (await client.post(VERIFY, json={"credential": unsigned})).json()["status"] == "tampered"
    for bad in ["", "bukan kredensial", "a.b", "a.b.c.d", "é.é.é", "x" * 40_000]:
        answer = await client.post(VERIFY, json={"credential": bad})
        assert 400 <= answer.status_code < 500, (bad[:20], answer.text)
        assert answer.json()["code"] in ("credential_malformed", "validation_failed"), bad[:20]
    for body in [{}, {"credential": 5}, {"credential": "a.b.c", "extra": 1}, []]:
        answer = await client.post(VERIFY, json=body)
        assert 400 <= answer.status_code < 500, (body, answer.text)

    assert (await client.get("/issuers/tidak-ada")).json()["code"] == "issuer_not_found"


def revoked_bit(status_list_jwt: str, index: int, key_set: dict) -> bool:
    """Read a Bitstring Status List as any verifier would: its JWS checked by joserfc, its list decoded here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecurityWarning)
        verified = jws.deserialize_compact(status_list_jwt, KeySet.import_key_set(key_set), algorithms=["EdDSA"])
        payload = json.loads(verified.payload)
    subject = payload["vc"]["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded[0] == "u"  # multibase base64url
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131_072
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


async def test_an_anonymised_persons_credential_is_revoked_in_the_published_status_list(client, world, as_):
    learner, admin = as_(world.pontianak.asn), as_(world.pontianak.admin)
    award = (await earned_badges(client, world, as_))[0]
    issued = (await issue(client, learner, award["id"])).json()
    status = issued["credential"]["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    jsonschema.validate(issued["credential"], SCHEMA)
    index = int(status["statusListIndex"])
    list_path = "/" + status["statusListCredential"].split("/", 3)[3]
    key_set = (await client.get("/.well-known/jwks.json")).json()

    listed = await client.get(list_path)
    assert listed.status_code == 200 and listed.headers["content-type"].startswith("application/vc+jwt")
    assert revoked_bit(listed.text, index, key_set) is False
    assert (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()["status"] == "valid"

    link = (await client.post(f"/api/v1/me/credentials/{issued['id']}/share", headers=learner)).json()["url"]
    users = "/api/v1/admin/users"
    assert (await client.post(f"{users}/{world.pontianak.asn}/deactivate", headers=admin)).status_code == 200
    assert (await client.post(f"{users}/{world.pontianak.asn}/anonymise", headers=admin)).status_code == 200
    assert (await client.get("/" + link.split("/", 3)[3])).status_code == 404  # unshared with the name erased
    assert await IssuedCredential.count().where(IssuedCredential.jwt != "") == 0

    assert revoked_bit((await client.get(list_path)).text, index, key_set) is True
    verdict = (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()
    assert (verdict["valid"], verdict["status"]) == (False, "revoked")
    assert verdict["message"] == "Kredensial ini sudah dicabut oleh penerbitnya dan tidak berlaku lagi."
    # the signature itself still holds: revocation is what the status list says, not a broken credential
    await independently_verified(client, issued["jwt"])
    assert (await client.get("/issuers/tidak-ada/status/revocation")).status_code == 404


async def test_a_reversed_award_revokes_its_credentials_only(client, world, as_):
    learner = as_(world.pontianak.asn)
    first, second = (await earned_badges(client, world, as_))[:2]
    reversed_one = (await issue(client, learner, first["id"])).json()["jwt"]
    kept = (await issue(client, learner, second["id"])).json()["jwt"]
    async with unit_of_work():
        assert await revoke_award_credentials(first["id"]) == 1
    assert (await client.post(VERIFY, json={"credential": reversed_one})).json()["status"] == "revoked"
    assert (await client.post(VERIFY, json={"credential": kept})).json()["status"] == "valid"


async def test_a_credential_is_private_until_its_holder_shares_a_link(client, world, as_):
    learner = as_(world.pontianak.asn)
    award = (await earned_badges(client, world, as_))[0]
    issued = (await issue(client, learner, award["id"])).json()
    mine = f"/api/v1/me/credentials/{issued['id']}/share"
    for someone_else in (world.pontianak.asn_child, world.pontianak.admin, world.superadmin):
        answer = await client.post(mine, headers=as_(someone_else))
        assert (answer.status_code, answer.json()["code"]) == (404, "credential_not_found")
    guessed = await client.get("/api/v1/public/credentials/" + "A" * 32)
    assert (guessed.status_code, guessed.json()["code"]) == (404, "credential_not_found")

    first = (await client.post(mine, headers=learner)).json()["url"]
    second = (await client.post(mine, headers=learner)).json()["url"]
    path = lambda url: "/" + url.split("/", 3)[3]  # noqa: E731
    assert (await client.get(path(first))).status_code == 404  # a new link replaces the old one
    shared = (await client.get(path(second))).json()
    assert shared["jwt"] == issued["jwt"] and shared["verification"]["status"] == "valid"
    assert shared["verification"]["subject_name"] == "ASN Kota Pontianak"

    assert (await client.delete(mine, headers=learner)).status_code == 204
    assert (await client.get(path(second))).status_code == 404

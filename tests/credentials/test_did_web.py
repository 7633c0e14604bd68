"""Each issuing region's did:web DID document: the DID a credential's issuer profile names resolves by the
did:web rule to /issuers/<slug>/did.json on the running app, and that document alone (no JWKS, no Tangkas
code) is enough for joserfc to verify the region's credentials, before and after a key rotation."""

from __future__ import annotations

import json
import warnings
from urllib.parse import urlsplit

import pytest
from joserfc import jws
from joserfc.errors import BadSignatureError, SecurityWarning
from joserfc.jwk import OKPKey

from tests.credentials.test_open_badges_api import earned_badges, issue, tampered


def did_of(credential: dict) -> str:
    (entry,) = [e for e in credential["issuer"]["otherIdentifier"] if e["identifierType"] == "ext:did"]
    return entry["identifier"]


async def resolved(client, did: str) -> dict:
    """The did:web rule, written out here rather than taken from Tangkas: the method-specific id's parts,
    percent-decoded, are the host and the path on https, then ``/did.json``."""
    assert did.startswith("did:web:")
    host, *path = did.removeprefix("did:web:").split(":")
    url = f"https://{host.replace('%3A', ':')}/{'/'.join(path)}/did.json"
    assert urlsplit(url).netloc == urlsplit(str(client.base_url)).netloc  # the app is that host
    answer = await client.get(urlsplit(url).path)
    assert answer.status_code == 200, answer.text
    return answer.json()


def verified_with(document: dict, token: str) -> dict:
    """joserfc with the one key the document lists under the JWT header's ``kid``, as an assertion method."""
    kid = jws.extract_compact(token.encode()).protected["kid"]
    method_id = f"{document['id']}#{kid}"
    assert method_id in document["assertionMethod"]
    (method,) = [m for m in document["verificationMethod"] if m["id"] == method_id]
    assert method["type"] == "JsonWebKey2020" and method["controller"] == document["id"]
    key = OKPKey.import_key(method["publicKeyJwk"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecurityWarning)  # "EdDSA", deprecated by RFC 9864, is what VC-JWT uses
        return json.loads(jws.deserialize_compact(token, key, algorithms=["EdDSA"]).payload)


async def test_a_credential_verifies_with_the_did_document_alone_before_and_after_a_rotation(client, world, as_):
    learner, admin = as_(world.pontianak.asn), as_(world.pontianak.admin)
    award = (await earned_badges(client, world, as_))[0]
    old = (await issue(client, learner, award["id"])).json()
    rotated = await client.post(f"/api/v1/admin/regions/{world.pontianak.region_id}/issuer-key/rotate", headers=admin)
    assert rotated.status_code == 200, rotated.text
    new = (await issue(client, learner, award["id"])).json()

    did = did_of(new["credential"])
    assert did == "did:web:tangkas.test:issuers:pontianak" == did_of(old["credential"])
    profile = (await client.get("/issuers/pontianak")).json()
    assert did_of({"issuer": profile}) == did  # the published profile names it too
    document = await resolved(client, did)
    assert document["id"] == did and document["alsoKnownAs"] == [new["credential"]["issuer"]["id"]]
    assert "https://www.w3.org/ns/did/v1" in document["@context"]
    assert {m["id"] for m in document["verificationMethod"]} == {f"{did}#{old['kid']}", f"{did}#{new['kid']}"}
    for method in document["verificationMethod"]:
        assert set(method["publicKeyJwk"]) == {"kty", "crv", "x"}  # public parts only
    for credential in (old, new):
        payload = verified_with(document, credential["jwt"])
        assert payload["vc"] == credential["credential"]
        with pytest.raises((BadSignatureError, ValueError)):
            verified_with(document, tampered(credential["jwt"], 1))

    palu = await resolved(client, "did:web:tangkas.test:issuers:palu")  # no credential yet: no key
    assert palu["verificationMethod"] == [] and palu["assertionMethod"] == []
    missing = await client.get("/issuers/tidak-ada/did.json")
    assert (missing.status_code, missing.json()["code"]) == (404, "issuer_not_found")

"""did:web (W3C CCG, "did:web Method Specification"): an issuer's DID from the address of its profile, and the
DID document that lists its keys, so a verifier can resolve a signing key the did:web way (no I/O)."""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

DID_CONTEXT = "https://www.w3.org/ns/did/v1"
JWS_2020_CONTEXT = "https://w3id.org/security/suites/jws-2020/v1"


def did_web(url: str) -> str:
    """``https://example.com:8443/issuers/x`` → ``did:web:example.com%3A8443:issuers:x`` (the port's colon
    percent-encoded, each path segment a further ``:``-separated part)."""
    parts = urlsplit(url)
    segments = [quote(unquote(segment), safe="") for segment in parts.path.split("/") if segment]
    return ":".join(["did", "web", quote(parts.netloc.lower(), safe=""), *segments])


def did_web_document_url(did: str) -> str:
    """Where a did:web DID's document is: its parts as a path on https, ending ``/did.json`` (with no path,
    ``/.well-known/did.json``)."""
    if not did.startswith("did:web:"):
        raise ValueError("not a did:web DID")
    host, *path = did.removeprefix("did:web:").split("#")[0].split(":")
    return f"https://{unquote(host)}/{'/'.join(unquote(p) for p in path) or '.well-known'}/did.json"


def did_document(did: str, profile_url: str, keys: list[tuple[str, dict]]) -> dict:
    """The issuer's DID document: every key it ever signed with (``kid``, public JWK), current and retired, as
    a ``JsonWebKey2020`` verification method ``<did>#<kid>`` that may assert credentials."""
    methods = [
        {"id": f"{did}#{kid}", "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": jwk} for kid, jwk in keys
    ]
    return {
        "@context": [DID_CONTEXT, JWS_2020_CONTEXT],
        "id": did,
        "alsoKnownAs": [profile_url],
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }

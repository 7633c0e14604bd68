"""did:web identifiers and where their documents are (the method specification's examples)."""

import pytest

from domain.did_web import did_document, did_web, did_web_document_url


@pytest.mark.parametrize(
    ("url", "did", "document"),
    [
        ("https://example.com/issuers/kota-x", "did:web:example.com:issuers:kota-x", "https://example.com/issuers/kota-x/did.json"),
        ("https://Example.com:3000/issuers/x", "did:web:example.com%3A3000:issuers:x", "https://example.com:3000/issuers/x/did.json"),
        ("https://w3c-ccg.github.io/user/alice", "did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"),
        ("https://example.com/", "did:web:example.com", "https://example.com/.well-known/did.json"),
    ],
)  # fmt: skip
def test_a_did_and_its_document_address_follow_the_path_rule(url, did, document):
    assert did_web(url) == did
    assert did_web_document_url(did) == document
    assert did_web_document_url(did + "#key-1") == document


def test_only_a_did_web_has_a_document_address():
    with pytest.raises(ValueError):
        did_web_document_url("did:key:z6Mk")


def test_every_key_is_a_verification_method_that_may_assert():
    document = did_document("did:web:a.b:issuers:x", "https://a.b/issuers/x", [("k1", {"kty": "OKP"}), ("k2", {})])
    assert [m["id"] for m in document["verificationMethod"]] == ["did:web:a.b:issuers:x#k1", "did:web:a.b:issuers:x#k2"]
    assert document["assertionMethod"] == ["did:web:a.b:issuers:x#k1", "did:web:a.b:issuers:x#k2"]
    assert document["alsoKnownAs"] == ["https://a.b/issuers/x"]

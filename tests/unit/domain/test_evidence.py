import pytest

from domain.errors import InvalidInput, TooLarge, UnsupportedType
from domain.evidence import EvidenceType, check_evidence, sniff

PDF = b"%PDF-1.7\n..."
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 "


def test_the_bytes_decide_what_a_file_is():
    assert sniff(PDF) is EvidenceType.PDF
    assert sniff(b"\xff\xd8\xff\xdb") is EvidenceType.JPEG
    assert sniff(b"\x89PNG\r\n\x1a\n....") is EvidenceType.PNG
    assert sniff(WEBP) is EvidenceType.WEBP
    for other in (b"RIFF\x10\x00\x00\x00WAVEfmt ", b"GIF89a", b"PK\x03\x04", b"<svg/>", b"%PDF"):
        assert sniff(other) is None


def test_a_file_is_checked_for_size_type_and_honesty():
    evidence = check_evidence(WEBP, "image/webp; charset=binary", max_bytes=100)
    assert (evidence.content_type, evidence.size) == (EvidenceType.WEBP, len(WEBP))
    assert evidence.key(12) == f"certificates/12/{evidence.sha256}.webp"
    assert check_evidence(PDF, None).content_type is EvidenceType.PDF
    assert check_evidence(PDF, "application/octet-stream").key(1) == check_evidence(PDF, "APPLICATION/PDF").key(1)
    for content, declared, kind, code in [
        (b"", "application/pdf", InvalidInput, "evidence_empty"),
        (PDF + b"x" * 100, "application/pdf", TooLarge, "evidence_too_large"),
        (b"<html></html>", "text/html", UnsupportedType, "evidence_type_not_allowed"),
        (PDF, "image/png", UnsupportedType, "evidence_type_mismatch"),
        (PDF, "text/html", UnsupportedType, "evidence_type_mismatch"),
    ]:
        with pytest.raises(kind) as refused:
            check_evidence(content, declared, max_bytes=100)
        assert refused.value.code == code

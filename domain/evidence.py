"""An evidence file (a certificate's scan or PDF): what it is decided by its first bytes, not by what the
client says it is; a size limit; and a stored name derived from its content, never the client's."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import InvalidInput, TooLarge, UnsupportedType

DEFAULT_MAX_BYTES = 5_000_000
CEILING_BYTES = 10_000_000  # the most a setting may allow: the whole file is held in memory while checked
# What a phone's upload library sends when it does not know the type: the magic bytes decide alone.
UNDECLARED = frozenset({"", "application/octet-stream", "binary/octet-stream"})


class EvidenceType(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"
    WEBP = "image/webp"


EXTENSIONS = {EvidenceType.PDF: "pdf", EvidenceType.JPEG: "jpg", EvidenceType.PNG: "png", EvidenceType.WEBP: "webp"}


@dataclass(frozen=True, slots=True)
class Evidence:
    content_type: EvidenceType
    size: int
    sha256: str

    def key(self, certificate_id: int) -> str:
        """Where the store keeps it: per certificate and by content, so resending the same file is idempotent."""
        return f"certificates/{certificate_id}/{self.sha256}.{EXTENSIONS[self.content_type]}"

    def initiative_key(self, initiative_id: int) -> str:
        """An initiative's file: per initiative and by content, so the same file twice is one file."""
        return f"initiatives/{initiative_id}/{self.sha256}.{EXTENSIONS[self.content_type]}"


def sniff(content: bytes) -> EvidenceType | None:
    """The type the file's first bytes show, or None for anything else (HTML, an executable, a ZIP...)."""
    if content.startswith(b"%PDF-"):
        return EvidenceType.PDF
    if content.startswith(b"\xff\xd8\xff"):
        return EvidenceType.JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return EvidenceType.PNG
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return EvidenceType.WEBP
    return None


def check_evidence(content: bytes, declared: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> Evidence:
    """The file, or why not: empty (422), too large (413), not a PDF/JPEG/PNG/WebP or not what its
    declared Content-Type says (415)."""
    if not content:
        raise InvalidInput("evidence_empty")
    if len(content) > max_bytes:
        raise TooLarge("evidence_too_large", max_mb=round(max_bytes / 1_000_000, 1))
    found = sniff(content)
    allowed = ", ".join(EvidenceType)
    if found is None:
        raise UnsupportedType("evidence_type_not_allowed", allowed=allowed)
    said = (declared or "").split(";")[0].strip().lower()
    if said not in UNDECLARED and said != found.value:
        # a JPEG labelled application/pdf, or a PDF labelled text/html: one of the two lies
        raise UnsupportedType("evidence_type_mismatch", declared=said[:60], found=found.value)
    return Evidence(found, len(content), hashlib.sha256(content).hexdigest())

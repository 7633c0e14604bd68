"""The deciders' daily digest in words: what waits for them, counted per kind. Pure."""

from __future__ import annotations

# the kinds in the order the digest names them, each with its Indonesian words
WAITING_KINDS = {
    "initiative_review": "inovasi menunggu tinjauan",
    "initiative_verify": "inovasi menunggu verifikasi",
    "redemption": "penukaran hadiah menunggu keputusan",
    "certificate": "sertifikat menunggu verifikasi",
    "comment": "komentar warga menunggu moderasi",
}
DIGEST_HOUR = 7  # local time in the decider's region: before the working day starts


def digest_text(counts: dict[str, int]) -> tuple[str, str] | None:
    """The title and body of one decider's digest, or None when nothing waits."""
    total = sum(counts.get(kind, 0) for kind in WAITING_KINDS)
    if total == 0:
        return None
    lines = [f"{counts[kind]} {words}" for kind, words in WAITING_KINDS.items() if counts.get(kind, 0)]
    return f"Ringkasan harian: {total} menunggu keputusan Anda", "\n".join(lines)

"""Why a credential was revoked, as its holder reads it, and what an admin must say to revoke one."""

from __future__ import annotations

from domain.errors import InvalidInput

ADMIN_REVOKED = "admin_revoked"  # by the issuing region's admin, with a reason in their own words
REASON_MAX = 1000

# the codes other revocations record (gamification/credentials/revocation.py), in the holder's words
REASONS_IN_INDONESIAN = {
    "person_anonymised": "Data pemegang kredensial telah dianonimkan.",
    "award_reversed": "Pemberian lencana ini dibatalkan.",
    "certificate_withdrawn": "Verifikasi sertifikat ini dicabut.",
    "transcript_item_withdrawn": "JP salah satu kegiatan dalam transkrip ini ditarik kembali.",
}
ADMIN_REVOKED_TEXT = "Dicabut oleh admin wilayah penerbit."
UNKNOWN_REASON_TEXT = "Dicabut oleh penerbit."


def check_revocation_reason(reason: str) -> str:
    """An admin revoking a credential says why: the holder is told, so it is never empty."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("credential_revoke_reason_required")
    return reason[:REASON_MAX]


def reason_text(code: str | None, note: str | None) -> str | None:
    """The reason of a revocation in Indonesian: an admin's own words, else the text of the recorded code."""
    if code is None:
        return None
    if code == ADMIN_REVOKED:
        return note or ADMIN_REVOKED_TEXT
    return REASONS_IN_INDONESIAN.get(code, UNKNOWN_REASON_TEXT)

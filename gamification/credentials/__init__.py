"""Credentials people carry outside Tangkas: Open Badges 3.0 credentials signed as VC-JWTs with a key per
issuing region, the keys and issuer profiles published, and verification anyone can ask for."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "BadgeCredentials": "badge_credentials",
        "CredentialPublication": "publication",
        "CredentialRevocations": "admin_revocation",  # credentials: an admin revokes, a holder lists
        "MyCredentials": "holdings",
        "CredentialSharing": "sharing",
        "CredentialVerification": "verification",
        "IssuerKeys": "issuer_keys",
        "JpTranscripts": "transcripts",
        "StatusLists": "revocation",
        "TrainingCredentials": "training_credentials",
    },
)

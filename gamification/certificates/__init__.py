"""Certificates and training records from outside Tangkas: recorded with evidence by an ASN, decided by
a manager or admin, or imported from a training body's list; verified, they credit JP and XP once."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "CertificateDecisions": "decisions",
        "CertificateImport": "certificate_import",
        "Certificates": "certificates",
    },
)

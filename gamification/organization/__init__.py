"""Regions, agencies and units; people, their CSV import and personal data; partners admitted to a region; holidays; the audit log."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "AuditLog": "audit",
        "Holidays": "holidays",
        "OrganizationService": "structure",
        "PartnerAdmissions": "partners",
        "PeopleService": "people",
        "PersonMoves": "people",
        "PersonalData": "personal_data",
        "UserImport": "user_import",
        "MySettings": "my_settings",  # PATCH /me
    },
)

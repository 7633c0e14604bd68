"""Regions, agencies and units; people, their CSV import and personal data; partners admitted to a region; holidays; the audit log.

The feature's services, in one import (``from gamification.organization import ...``); each is loaded when
first asked for, so that features which use one another's modules never meet half-imported.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "AuditLog": "gamification.organization.audit",
    "Holidays": "gamification.organization.holidays",
    "OrganizationService": "gamification.organization.structure",
    "PartnerAdmissions": "gamification.organization.partners",
    "PeopleService": "gamification.organization.people",
    "PersonMoves": "gamification.organization.people",
    "PersonalData": "gamification.organization.personal_data",
    "UserImport": "gamification.organization.user_import",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)

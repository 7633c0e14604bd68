"""Digital innovations: initiatives through review and verification, and their replications."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "Initiatives": "initiatives",
        "InitiativeEvidenceFiles": "evidence",
    },
)

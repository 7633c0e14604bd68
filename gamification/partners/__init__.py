"""Partner organisations: their records, the regions that admitted them, their people and machine keys."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "PartnerCredentials": "credentials",
        "PartnerOrganisations": "organisations",
    },
)

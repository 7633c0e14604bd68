"""Citizens' complaints (pengaduan masyarakat): filed on a service point without signing in, followed by a
tracking code, answered by the unit within working days, flagged when overdue, linked to the innovation
initiative that solves them."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "ComplaintDesk": "desk",
        "ComplaintFiling": "filing",
    },
)

"""Rewards: the catalogue, redemptions with their holds, and the manager's desk."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "ManagerDesk": "manager_desk",
        "Redemptions": "redemptions",
        "Rewards": "redemptions",
        "RewardCatalogue": "catalogue",
        "HandOuts": "hand_out",
    },
)

"""Microlearning: module authoring, the catalogue, graded attempts and offline sync, the JP ledger, a learner's record, JP per unit."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "AttemptService": "attempts",
        "Catalogue": "catalogue",
        "MyRecord": "my_record",
        "ModuleAuthoring": "authoring",
        "UnitJpBreakdown": "unit_jp",
    },
)

from __future__ import annotations

from typing import Annotated

import msgspec

Id = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
Text = Annotated[str, msgspec.Meta(max_length=4000)]
Comment = Annotated[str, msgspec.Meta(max_length=1000)]
Short = Annotated[str, msgspec.Meta(max_length=40)]


class InitiativeIn(msgspec.Struct, forbid_unknown_fields=True):
    title: Annotated[str, msgspec.Meta(max_length=400)]
    problem: Text
    solution: Text
    category: Short
    unit_id: Id
    team: Annotated[list[Id], msgspec.Meta(max_length=50)] = []
    # Resending the same create (a lost answer on a weak connection) answers the first draft.
    client_id: str | None = None


class InitiativeEditIn(msgspec.Struct, forbid_unknown_fields=True):
    """Only the fields that change; a field left out stays as it is (null is refused: 422)."""

    title: Annotated[str, msgspec.Meta(max_length=400)] | None | msgspec.UnsetType = msgspec.UNSET
    problem: Text | None | msgspec.UnsetType = msgspec.UNSET
    solution: Text | None | msgspec.UnsetType = msgspec.UNSET
    category: Short | None | msgspec.UnsetType = msgspec.UNSET
    team: Annotated[list[Id], msgspec.Meta(max_length=50)] | None | msgspec.UnsetType = msgspec.UNSET

    def changes(self) -> dict:
        return {name: value for name, value in msgspec.structs.asdict(self).items() if value is not msgspec.UNSET}


class CommentIn(msgspec.Struct, forbid_unknown_fields=True):
    comment: Comment = ""


class ReviewIn(msgspec.Struct, forbid_unknown_fields=True):
    decision: Short
    comment: Comment = ""


class ImplementationIn(msgspec.Struct, forbid_unknown_fields=True):
    summary: Text
    metrics: Annotated[
        dict[Annotated[str, msgspec.Meta(max_length=80)], str | int | float], msgspec.Meta(max_length=20)
    ] = {}
    links: Annotated[list[Annotated[str, msgspec.Meta(max_length=500)]], msgspec.Meta(max_length=20)] = []


class VerifyIn(msgspec.Struct, forbid_unknown_fields=True):
    decision: Short
    impact: Short | None = None
    comment: Comment = ""


class ReplicationIn(msgspec.Struct, forbid_unknown_fields=True):
    unit_id: Id
    note: Comment = ""

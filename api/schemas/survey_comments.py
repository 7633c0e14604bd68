"""Moderation of citizens' comments: the decision a manager or admin sends."""

from __future__ import annotations

from typing import Annotated

import msgspec


class CommentDecisionIn(msgspec.Struct, forbid_unknown_fields=True):
    decision: Annotated[str, msgspec.Meta(max_length=16)]
    reason: Annotated[str, msgspec.Meta(max_length=1000)] = ""
    # releasing a comment the word filter caught needs this: the decider says they read it
    confirm_flagged: bool = False

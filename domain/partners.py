"""Partner organisations: who they are, as Tangkas tells them apart."""

from __future__ import annotations

from enum import StrEnum


class PartnerKind(StrEnum):
    UNIVERSITY = "university"
    GOVERNMENT_TRAINING = "government_training"  # LAN, BPSDM, a ministry's training centre
    TRAINING_BODY = "training_body"
    VENDOR = "vendor"
    OTHER = "other"

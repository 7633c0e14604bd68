"""Levels: cumulative XP thresholds with Indonesian names."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidInput
from domain.text import check_shown_text


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    min_xp: int


DEFAULT_LEVELS = [
    (0, "Pemula"),
    (100, "Pembelajar"),
    (300, "Penggerak"),
    (700, "Inovator"),
    (1500, "Teladan"),
    (3000, "Maestro Digital"),
]


def check_levels(levels: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Thresholds start at 0 and rise strictly; names are present and short."""
    if not 2 <= len(levels) <= 30:
        raise InvalidInput("levels_count")
    thresholds = [min_xp for min_xp, _ in levels]
    if thresholds[0] != 0 or any(b <= a for a, b in zip(thresholds, thresholds[1:], strict=False)):
        raise InvalidInput("levels_thresholds")
    cleaned = [(min_xp, " ".join(name.split())) for min_xp, name in levels]
    if any(not name or len(name) > 40 for _, name in cleaned):
        raise InvalidInput("levels_name")
    for _, name in cleaned:
        check_shown_text(name)
    return cleaned


def level_for(xp: int, levels: list[tuple[int, str]]) -> Level:
    number, name, threshold = 1, levels[0][1], 0
    for index, (min_xp, level_name) in enumerate(levels, start=1):
        if xp >= min_xp:
            number, name, threshold = index, level_name, min_xp
    return Level(number, name, threshold)

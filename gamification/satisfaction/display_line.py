"""The IKM line of an office display: this quarter's index and grade of the board's scope.

A TV re-reads its screen every 15 seconds and on every board event; the line changes with citizens' answers,
which are far fewer, so each scope's line is kept for a minute in the process.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

from domain.ikm_access import IkmPlace, IkmScope
from domain.skm import PERIOD_WORDS, IkmLine, SurveyPeriod, shown_number, survey_window
from gamification.satisfaction.ikm import scope_score

SCOPES = {"unit": IkmScope.UNIT, "agency": IkmScope.AGENCY, "region": IkmScope.REGION}
KEEP_SECONDS = 60.0


class DisplayIkm:
    def __init__(self, keep_seconds: float = KEEP_SECONDS) -> None:
        self.keep_seconds = keep_seconds
        self._kept: dict[tuple, tuple[float, IkmLine]] = {}

    async def line(
        self, scope: str, scope_id: int | None, region_id: int | None, unit_path: str | None, timezone: str
    ) -> IkmLine | None:
        """This quarter's IKM of a unit (with the units below), agency or region board; None for the national one."""
        if scope not in SCOPES or scope_id is None or region_id is None:
            return None
        today = dt.datetime.now(dt.timezone.utc).astimezone(ZoneInfo(timezone)).date()
        window = survey_window(SurveyPeriod.QUARTER, today)
        key = (scope, scope_id, window.key)
        kept = self._kept.get(key)
        if kept is not None and time.monotonic() - kept[0] < self.keep_seconds:
            return kept[1]
        place = IkmPlace(SCOPES[scope], scope_id, "", region_id, timezone, unit_path=unit_path)
        line = line_of(await scope_score(place, window), window.key)
        self._kept[key] = (time.monotonic(), line)
        return line


def line_of(score, period_key: str) -> IkmLine:
    words = f"IKM {PERIOD_WORDS[SurveyPeriod.QUARTER]}"
    if score.ikm is None:
        return IkmLine(f"{words}: belum ada penilaian", period_key, 0, None, None)
    text = f"{words}: {shown_number(score.ikm)} ({score.grade.letter})"
    return IkmLine(text, period_key, score.answers, float(score.ikm), score.grade.letter)

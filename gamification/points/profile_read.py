"""``GET /me`` read in one statement: the caller (refused as on any route), the person with unit, agency and region, their totals and
streak, and, gathered as JSON, their freezes, the holidays since their last learning day, the
levels that apply and this year's JP per competency type."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from gamification.identity.sign_in import TokenCaller, refuse_unless_current
from gamification.storage.sql_dialect import Dialect, dialect
from gamification.storage.tables import Person

YEAR_EDGE = dt.timedelta(hours=14)  # the widest offset from UTC: the local year is one of the years this far around now


@dataclass(frozen=True)
class ProfileRow:
    id: int
    name: str
    nip: str | None
    email: str | None
    staff_type: str | None
    roles: str
    hide_name: bool
    unit_id: int | None
    unit_name: str | None
    agency_id: int | None
    agency_name: str | None
    region_id: int | None
    region_name: str | None
    region_slug: str | None
    region_timezone: str | None
    xp: int
    spent: int
    held: int
    streak_current: int
    streak_longest: int
    streak_last_day: dt.date | None
    freezes: int  # given, spent or not
    holidays_since: frozenset[dt.date]  # the region's holidays after the streak's last day
    levels: list[tuple[int, str]]  # the region's own if it keeps any, else the national ones
    jp_by_year: dict[int, dict[str, int]]  # hundredths per competency type, for the years around now


def _statement(d: Dialect) -> str:
    return f"""
SELECT p.id, p.active, p.token_epoch, p.name, p.nip, p.email, p.staff_type, p.roles, p.hide_name,
       u.id AS unit_id, u.name AS unit_name, a.id AS agency_id, a.name AS agency_name,
       r.id AS region_id, r.name AS region_name, r.slug AS region_slug, r.timezone AS region_timezone,
       t.xp, t.spent, t.held, s.current AS streak_current, s.longest AS streak_longest, s.last_day AS streak_last_day,
       (SELECT COUNT(*) FROM streak_freeze f WHERE f.person = p.id) AS freezes,
       (SELECT {d.json_rows("h.day")} FROM holiday h WHERE h.region = p.region AND h.day > s.last_day) AS holidays,
       (SELECT {d.json_rows("l.region", "l.min_xp", "l.name")} FROM level_step l
         WHERE l.region = p.region OR l.region IS NULL) AS levels,
       (SELECT {d.json_rows("j.year", "j.competency_type", "j.centi")} FROM (
          SELECT c.year, c.competency_type, SUM(c.jp_centi) AS centi FROM jp_credit c
           WHERE c.person = p.id AND c.year IN ({{}}, {{}}) GROUP BY c.year, c.competency_type) j) AS jp
  FROM person p
  LEFT JOIN unit u ON u.id = p.unit
  LEFT JOIN agency a ON a.id = u.agency
  LEFT JOIN region r ON r.id = p.region
  LEFT JOIN points_total t ON t.person = p.id
  LEFT JOIN streak s ON s.person = p.id
 WHERE p.id = {{}}"""


_STATEMENTS: dict[bool, str] = {}


async def read_profile(caller: TokenCaller, now: dt.datetime) -> ProfileRow:
    """The caller's profile; the caller is refused here as on any route (deactivated, token revoked)."""
    d = dialect()
    statement = _STATEMENTS.get(d.postgres) or _STATEMENTS.setdefault(d.postgres, _statement(d))
    rows = await Person.raw(statement, (now - YEAR_EDGE).year, (now + YEAR_EDGE).year, caller.person_id)
    refuse_unless_current(rows[0] if rows else None, caller)
    row = rows[0]
    levels = sorted(_json(row["levels"]), key=lambda level: level[1])
    regional = [(min_xp, name) for region, min_xp, name in levels if region is not None]
    jp: dict[int, dict[str, int]] = {}
    for year, kind, centi in _json(row["jp"]):
        jp.setdefault(int(year), {})[kind] = int(centi)
    return ProfileRow(
        id=row["id"],
        name=row["name"],
        nip=row["nip"],
        email=row["email"],
        staff_type=row["staff_type"],
        roles=row["roles"],
        hide_name=bool(row["hide_name"]),
        unit_id=row["unit_id"],
        unit_name=row["unit_name"],
        agency_id=row["agency_id"],
        agency_name=row["agency_name"],
        region_id=row["region_id"],
        region_name=row["region_name"],
        region_slug=row["region_slug"],
        region_timezone=row["region_timezone"],
        xp=row["xp"] or 0,
        spent=row["spent"] or 0,
        held=row["held"] or 0,
        streak_current=row["streak_current"] or 0,
        streak_longest=row["streak_longest"] or 0,
        streak_last_day=_date(row["streak_last_day"]),
        freezes=row["freezes"],
        holidays_since=frozenset(_date(day) for (day,) in _json(row["holidays"])),
        levels=regional or [(min_xp, name) for _, min_xp, name in levels],
        jp_by_year=jp,
    )


def _json(value: str | None) -> list:
    return json.loads(value) if value else []


def _date(value: dt.date | str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value

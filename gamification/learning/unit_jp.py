"""JP per unit for a BKPSDM: how many of each unit's staff met the year's 20 JP, are on track or behind.

Counted in SQL over the JP ledger (people summed, then units grouped), once per time zone in reach: a
city's 10,000 staff become a few hundred unit rows, which are then ordered and paged here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass

from domain.access import Actor, check_oversees_staff
from domain.errors import Forbidden, InvalidInput
from domain.jp import jp_value
from domain.jp_pace import TARGET_CENTI, JpPace, UnitSort, jp_pace
from domain.roles import OPERATOR_ROLES
from domain.spreadsheet import spreadsheet_cell
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Region, Unit

CSV_HEADER = [
    "unit",
    "instansi",
    "tahun",
    "jumlah_pegawai",
    "tercapai",
    "sesuai_jalur",
    "tertinggal",
    "tingkat_kepatuhan",
    "rata_rata_jp",
    "jp_seharusnya",
]


@dataclass(frozen=True)
class UnitJp:
    id: int
    name: str
    agency: str
    parent_id: int | None
    region_id: int
    year: int  # the region's calendar year counted
    jp_due: float  # JP on track today on the region's calendar
    staff: int  # active people placed in this unit itself (not the units below)
    met: int
    on_track: int
    behind: int
    compliance_rate: float | None  # met / staff; None for a unit without staff
    average_jp: float | None


class UnitJpBreakdown:
    async def units(self, actor: Actor, *, region_id: int | None, sort: UnitSort, page: PageRequest) -> Page[UnitJp]:
        """Each unit in reach (a manager: their unit and below; an admin: their region; a superadmin: all or one
        region) with its staff's JP this year; least compliant first unless sorted by name."""
        rows = await self._ordered(actor, region_id, sort)
        start = 0
        if page.after_id is not None:
            ids = [row.id for row in rows]
            if page.after_id not in ids:
                raise InvalidInput("units_cursor_unknown")
            start = ids.index(page.after_id) + 1
        return page_of(rows[start : start + page.limit + 1], page, lambda row: row.id)

    async def units_csv(self, actor: Actor, *, region_id: int | None, sort: UnitSort) -> str:
        """Every unit of ``units`` in one CSV (UTF-8), with Indonesian headers."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        for row in await self._ordered(actor, region_id, sort):
            writer.writerow(
                [
                    spreadsheet_cell(row.name),
                    spreadsheet_cell(row.agency),
                    row.year,
                    row.staff,
                    row.met,
                    row.on_track,
                    row.behind,
                    "" if row.compliance_rate is None else row.compliance_rate,
                    "" if row.average_jp is None else row.average_jp,
                    row.jp_due,
                ]
            )
        return out.getvalue()

    async def _ordered(self, actor: Actor, region_id: int | None, sort: UnitSort) -> list[UnitJp]:
        check_oversees_staff(actor)
        regions, paths = _reach(actor, region_id)
        now = dt.datetime.now(dt.timezone.utc)
        rows: list[UnitJp] = []
        for timezone, ids in (await _regions_by_timezone(regions)).items():
            rows += await _count(ids, paths, jp_pace(now, timezone))
        if sort is UnitSort.NAME:
            return sorted(rows, key=lambda row: (row.name.casefold(), row.id))
        # Units without staff have nothing to chase: they go last rather than first.
        return sorted(rows, key=lambda row: (row.staff == 0, row.compliance_rate or 0, row.name.casefold(), row.id))


def _reach(actor: Actor, region_id: int | None) -> tuple[list[int] | None, tuple[str, ...]]:
    """The regions (None: all) and the unit path prefixes (none: every unit) the caller's view covers."""
    if actor.is_admin:
        region = actor.listable_region(region_id)
        return (None if region is None else [region]), ()
    if region_id is not None and region_id != actor.region_id:
        raise Forbidden("outside_region")
    return [actor.region_id], actor.managed_paths


async def _regions_by_timezone(regions: list[int] | None) -> dict[str, list[int]]:
    query = Region.select(Region.id, Region.timezone)
    if regions is not None:
        query = query.where(Region.id.is_in(regions or [0]))
    grouped: dict[str, list[int]] = defaultdict(list)
    for row in await query.order_by(Region.id):
        grouped[row["timezone"]].append(row["id"])
    return grouped


async def _count(regions: list[int], paths: tuple[str, ...], pace: JpPace) -> list[UnitJp]:
    """One statement: each active staff member's JP in the year, then per unit how many met, are on track or
    behind. Operator accounts (``domain.roles.OPERATOR_ROLES``) are not staff, as on the team view."""
    in_regions = ", ".join("{}" for _ in regions)
    under = (" AND (" + " OR ".join("u.path LIKE {}" for _ in paths) + ")") if paths else ""
    scope = [*regions, *(f"{path}%" for path in paths)]
    operators = "".join(" AND ';' || p.roles || ';' NOT LIKE {}" for _ in OPERATOR_ROLES)
    sql = f"""
        WITH earned AS (
            SELECT p.id AS person, p.unit AS unit, COALESCE(SUM(c.jp_centi), 0) AS centi
            FROM person p
            JOIN unit u ON u.id = p.unit
            LEFT JOIN jp_credit c ON c.person = p.id AND c.year = {{}}
            WHERE p.active = {{}} AND u.region IN ({in_regions}){under}{operators}
            GROUP BY p.id, p.unit
        )
        SELECT u.id, u.name, u.parent, u.region, a.name AS agency, COUNT(e.person) AS staff,
            SUM(CASE WHEN e.centi >= {{}} THEN 1 ELSE 0 END) AS met,
            SUM(CASE WHEN e.centi >= {{}} AND e.centi < {{}} THEN 1 ELSE 0 END) AS on_track,
            SUM(e.centi) AS centi
        FROM unit u
        JOIN agency a ON a.id = u.agency
        LEFT JOIN earned e ON e.unit = u.id
        WHERE u.region IN ({in_regions}){under}
        GROUP BY u.id, u.name, u.parent, u.region, a.name
    """
    not_operator = [f"%;{role.value};%" for role in sorted(OPERATOR_ROLES)]
    args = [pace.year, True, *scope, *not_operator, TARGET_CENTI, pace.due_centi, TARGET_CENTI, *scope]
    return [_unit_jp(row, pace) for row in await Unit.raw(sql, *args)]


def _unit_jp(row: dict, pace: JpPace) -> UnitJp:
    staff, met, on_track = int(row["staff"]), int(row["met"] or 0), int(row["on_track"] or 0)
    return UnitJp(
        id=row["id"],
        name=row["name"],
        agency=row["agency"],
        parent_id=row["parent"],
        region_id=row["region"],
        year=pace.year,
        jp_due=jp_value(pace.due_centi),
        staff=staff,
        met=met,
        on_track=on_track,
        behind=staff - met - on_track,
        compliance_rate=round(met / staff, 4) if staff else None,
        average_jp=round(int(row["centi"] or 0) / staff / 100, 2) if staff else None,
    )

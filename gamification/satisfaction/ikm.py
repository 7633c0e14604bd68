"""The IKM of a service point, unit, agency or region for a month, quarter or year, with its element breakdown,
sample size and the sample the regulation asks for; also one CSV row per service point of the scope.

Answers are summed by the database (one ``COUNT`` and nine ``SUM`` per scope, or per service point with
``GROUP BY``); only the nine totals come back, and ``domain.skm`` does the exact arithmetic. Periods are the
region's calendar: an answer's ``local_date`` is already its local day. Only scores count, never comments.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from piccolo.query.functions.aggregate import Count, Sum

from domain.access import Actor
from domain.errors import NotFound
from domain.ikm_access import IkmPlace, IkmScope, check_sees_ikm
from domain.skm import (
    ELEMENTS,
    IkmScore,
    SurveyPeriod,
    SurveyWindow,
    ikm_of,
    minimum_sample,
    parse_at,
    period_population,
    survey_window,
)
from domain.spreadsheet import spreadsheet_cell
from gamification.storage.tables import Agency, Region, ServicePoint, SurveyAnswer, Unit

SUMS = [Sum(getattr(SurveyAnswer, e.column), alias=e.column) for e in ELEMENTS]
CSV_HEADER = [
    "layanan",
    "unit",
    "instansi",
    "periode",
    "jumlah_responden",
    *[f"nrr_{e.code.lower()}" for e in ELEMENTS],
    "ikm",
    "mutu",
    "kinerja",
    "populasi",
    "sampel_minimum",
    "sampel_tercapai",
]


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    nrr: float | None  # mean score 1–4, four decimals
    converted: float | None  # nrr × 25, two decimals
    grade: str | None


@dataclass(frozen=True)
class IkmReport:
    scope: str
    scope_id: int
    scope_name: str
    region_id: int
    period: str
    period_key: str
    period_start: dt.date
    period_end: dt.date  # the last day
    timezone: str
    answers: int
    ikm: float | None  # two decimals, half up; None without answers
    grade: str | None  # A, B, C, D (mutu pelayanan)
    grade_label: str | None  # Sangat Baik, Baik, Kurang Baik, Tidak Baik (kinerja unit pelayanan)
    elements: list[ElementResult]
    population: int | None  # the service users of the period, from the units' yearly estimates; None: unknown
    minimum_sample: int | None  # Krejcie & Morgan for that population
    sample_reached: bool | None  # None while the population is unknown


class SatisfactionIndex:
    async def report(
        self, actor: Actor, scope: IkmScope, scope_id: int, period: SurveyPeriod, at: str | None
    ) -> IkmReport:
        """The IKM of a scope the caller may see, for the period holding ``at`` (default: today, locally)."""
        place = await find_place(scope, scope_id)
        check_sees_ikm(actor, place)
        return await scope_report(place, window_of(place, period, at))

    async def report_csv(
        self, actor: Actor, scope: IkmScope, scope_id: int, period: SurveyPeriod, at: str | None
    ) -> str:
        """One row per service point of the scope (those with answers in the period or still active), then the
        whole scope's row; Indonesian headers, cells safe to open in a spreadsheet."""
        place = await find_place(scope, scope_id)
        check_sees_ikm(actor, place)
        window = window_of(place, period, at)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        for point, score in await service_scores(place, window):
            population = period_population(point["yearly_users"], window.period)
            names = (point["name"], point["unit.name"], point["unit.agency.name"])
            writer.writerow(_csv_row(names, report_of(place, window, score, population)))
        writer.writerow(_csv_row((f"(seluruh {place.name})", "", ""), await scope_report(place, window)))
        return out.getvalue()


def window_of(place: IkmPlace, period: SurveyPeriod, at: str | None) -> SurveyWindow:
    day = parse_at(at, period) if at else dt.datetime.now(dt.timezone.utc).astimezone(ZoneInfo(place.timezone)).date()
    return survey_window(period, day)


async def find_place(scope: IkmScope, scope_id: int) -> IkmPlace:
    """The scope in the organization; 404 ``ikm_scope_not_found`` when it does not exist."""
    if scope is IkmScope.SERVICE:
        row = (
            await ServicePoint.select(
                ServicePoint.name,
                ServicePoint.region,
                ServicePoint.region.timezone,
                ServicePoint.unit,
                ServicePoint.unit.agency,
                ServicePoint.unit.path,
            )
            .where(ServicePoint.id == scope_id)
            .first()
        )
        found = row and IkmPlace(
            scope,
            scope_id,
            row["name"],
            row["region"],
            row["region.timezone"],
            row["unit.agency"],
            row["unit"],
            row["unit.path"],
        )
    elif scope is IkmScope.UNIT:
        row = (
            await Unit.select(Unit.name, Unit.region, Unit.region.timezone, Unit.agency, Unit.path)
            .where(Unit.id == scope_id)
            .first()
        )
        found = row and IkmPlace(
            scope, scope_id, row["name"], row["region"], row["region.timezone"], row["agency"], scope_id, row["path"]
        )
    elif scope is IkmScope.AGENCY:
        row = (
            await Agency.select(Agency.name, Agency.region, Agency.region.timezone).where(Agency.id == scope_id).first()
        )
        found = row and IkmPlace(scope, scope_id, row["name"], row["region"], row["region.timezone"], scope_id)
    else:
        row = await Region.select(Region.name, Region.timezone).where(Region.id == scope_id).first()
        found = row and IkmPlace(scope, scope_id, row["name"], scope_id, row["timezone"])
    if not found:
        raise NotFound("ikm_scope_not_found")
    return found


def answers_in(place: IkmPlace):
    """The answers of a scope (a unit: with the units below it)."""
    if place.scope is IkmScope.SERVICE:
        return SurveyAnswer.service_point == place.id
    if place.scope is IkmScope.UNIT:
        return (SurveyAnswer.region == place.region_id) & SurveyAnswer.unit.path.like(f"{place.unit_path}%")
    if place.scope is IkmScope.AGENCY:
        return (SurveyAnswer.region == place.region_id) & (SurveyAnswer.unit.agency == place.id)
    return SurveyAnswer.region == place.region_id


def points_in(place: IkmPlace):
    if place.scope is IkmScope.SERVICE:
        return ServicePoint.id == place.id
    if place.scope is IkmScope.UNIT:
        return (ServicePoint.region == place.region_id) & ServicePoint.unit.path.like(f"{place.unit_path}%")
    if place.scope is IkmScope.AGENCY:
        return (ServicePoint.region == place.region_id) & (ServicePoint.unit.agency == place.id)
    return ServicePoint.region == place.region_id


def in_window(window: SurveyWindow):
    return (SurveyAnswer.local_date >= window.start) & (SurveyAnswer.local_date < window.end)


def score_of(row: dict | None) -> IkmScore:
    answers = int((row or {}).get("n") or 0)
    return ikm_of(answers, {e.code: int(row[e.column] or 0) for e in ELEMENTS} if answers else {})


async def scope_score(place: IkmPlace, window: SurveyWindow) -> IkmScore:
    """One aggregate over the scope's answers in the window."""
    rows = await SurveyAnswer.select(Count(SurveyAnswer.id, alias="n"), *SUMS).where(
        answers_in(place), in_window(window)
    )
    return score_of(rows[0] if rows else None)


async def scope_report(place: IkmPlace, window: SurveyWindow) -> IkmReport:
    score = await scope_score(place, window)
    population = await scope_population(place, window)
    return report_of(place, window, score, population)


async def scope_population(place: IkmPlace, window: SurveyWindow) -> int | None:
    """The period's users over the scope's service points (active, or answered in the period); unknown as soon
    as one of them has no estimate."""
    answered = SurveyAnswer.select(SurveyAnswer.service_point).where(answers_in(place), in_window(window))
    rows = await ServicePoint.select(ServicePoint.yearly_users).where(
        points_in(place),
        (ServicePoint.active == True) | ServicePoint.id.is_in(answered),  # noqa: E712
    )
    estimates = [row["yearly_users"] for row in rows]
    if not estimates or None in estimates:
        return None
    return period_population(sum(estimates), window.period)


async def service_scores(place: IkmPlace, window: SurveyWindow) -> list[tuple[dict, IkmScore]]:
    """Each service point of the scope with its score: one grouped aggregate, then the points' names."""
    by_point = {
        row["service_point"]: row
        for row in await SurveyAnswer.select(SurveyAnswer.service_point, Count(SurveyAnswer.id, alias="n"), *SUMS)
        .where(answers_in(place), in_window(window))
        .group_by(SurveyAnswer.service_point)
    }
    points = await ServicePoint.select(
        ServicePoint.id,
        ServicePoint.name,
        ServicePoint.yearly_users,
        ServicePoint.active,
        ServicePoint.unit.name,
        ServicePoint.unit.agency.name,
    ).where(points_in(place))
    kept = [p for p in points if p["active"] or p["id"] in by_point]
    kept.sort(
        key=lambda p: (p["unit.agency.name"].casefold(), p["unit.name"].casefold(), p["name"].casefold(), p["id"])
    )
    return [(p, score_of(by_point.get(p["id"]))) for p in kept]


def report_of(place: IkmPlace, window: SurveyWindow, score: IkmScore, population: int | None) -> IkmReport:
    needed = minimum_sample(population)
    return IkmReport(
        scope=place.scope.value,
        scope_id=place.id,
        scope_name=place.name,
        region_id=place.region_id,
        period=window.period.value,
        period_key=window.key,
        period_start=window.start,
        period_end=window.last_day,
        timezone=place.timezone,
        answers=score.answers,
        ikm=None if score.ikm is None else float(score.ikm),
        grade=score.grade.letter if score.grade else None,
        grade_label=score.grade.label if score.grade else None,
        elements=[
            ElementResult(
                e.code,
                e.name,
                None if e.nrr is None else float(e.nrr),
                None if e.converted is None else float(e.converted),
                e.grade,
            )
            for e in score.elements
        ],
        population=population,
        minimum_sample=needed,
        sample_reached=None if needed is None else score.answers >= needed,
    )


def _csv_row(names: tuple[str, str, str], report: IkmReport) -> list:
    reached = {None: "", True: "ya", False: "tidak"}[report.sample_reached]
    return [
        *(spreadsheet_cell(name or "") for name in names),
        report.period_key,
        report.answers,
        *("" if e.nrr is None else f"{e.nrr:.4f}" for e in report.elements),
        "" if report.ikm is None else f"{report.ikm:.2f}",
        report.grade or "",
        report.grade_label or "",
        "" if report.population is None else report.population,
        "" if report.minimum_sample is None else report.minimum_sample,
        reached,
    ]

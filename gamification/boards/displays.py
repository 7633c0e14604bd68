"""Office displays: a revocable, unguessable token per TV, and what the screen shows.

The token is shown once, when the display is made, and only its SHA-256 is stored. A screen
shows names and units only (a person who hid their name is "ASN"), never a NIP or an id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from domain.access import Actor
from domain.displays import (
    LAST_PERIOD_NAMES,
    PERIOD_NAMES,
    check_display_name,
    check_may_create_display,
    shown_name,
    ticker_text,
)
from domain.errors import Gone, InvalidInput, NotFound
from domain.leaderboards import Period, PeriodWindow, Scope, previous_window
from domain.levels import level_for
from domain.skm import IkmLine
from gamification.boards.display_feeds import DisplayFeeds, Frame
from gamification.boards.events import BoardEvents
from gamification.boards.leaderboards import Leaderboards
from gamification.boards.scopes import ScopeRef, scope_ref
from gamification.points.levels import levels_of
from gamification.storage.database import unit_of_work
from gamification.storage.sql_dialect import as_datetime
from gamification.storage.tables import Display, Fact, Person, PersonBadge, PointsTotal, Region

TOP = 10
TICKER = 8
TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100


@dataclass(frozen=True)
class DisplayView:
    id: int
    name: str
    scope: str
    scope_id: int | None
    period: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    show_ikm: bool = False  # a line with this quarter's IKM of the board's scope


@dataclass(frozen=True)
class DisplayCreated:
    id: int
    token: str  # shown once; only its hash is kept
    path: str  # the page to open on the TV
    name: str
    scope: str
    scope_id: int | None
    period: str
    show_ikm: bool = False


@dataclass(frozen=True)
class ScreenEntry:
    rank: int
    name: str
    unit: str | None
    xp: int
    level: str
    badges: int


@dataclass(frozen=True)
class TickerItem:
    text: str
    at: dt.datetime


@dataclass(frozen=True)
class PastTop:
    """The last closed period's top, shown while the current period has nobody yet."""

    label: str
    period_key: str
    period_start: dt.datetime
    period_end: dt.datetime
    entries: list[ScreenEntry]


@dataclass(frozen=True)
class Screen:
    title: str
    region: str | None
    scope_name: str
    period: str
    period_label: str
    period_key: str
    period_start: dt.datetime | None
    period_end: dt.datetime | None
    timezone: str
    entries: list[ScreenEntry]
    ticker: list[TickerItem]
    previous: PastTop | None = None  # only while ``entries`` is empty
    ikm: IkmLine | None = None  # only on a display that shows it (``show_ikm``)


@dataclass(frozen=True)
class ShownDisplay:
    id: int
    ref: ScopeRef
    period: Period
    name: str
    show_ikm: bool = False


# satisfaction: the IKM line of a board's scope (scope, scope_id, region, unit path, time zone), handed in by the root
IkmLineSource = Callable[[str, int | None, int | None, str | None, str], Awaitable[IkmLine | None]]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Displays:
    def __init__(self, leaderboards: Leaderboards, events: BoardEvents, ikm_line: IkmLineSource | None = None) -> None:
        self.leaderboards = leaderboards
        self.events = events
        self.ikm_line = ikm_line
        self.feeds = DisplayFeeds(self)

    async def create(
        self, actor: Actor, scope: Scope, scope_id: int | None, name: str, period: Period, show_ikm: bool = False
    ) -> DisplayCreated:
        """A display for one board; the caller must administer its region, manage its unit or head its agency."""
        name = check_display_name(name)
        if scope is not Scope.NATIONAL and scope_id is None:
            raise InvalidInput("board_scope_id_required")
        ref = await scope_ref(scope, scope_id if scope is not Scope.NATIONAL else None)
        check_may_create_display(actor, scope, ref.region_id, ref.unit_path, ref.agency_id)
        token = secrets.token_urlsafe(TOKEN_BYTES)
        async with unit_of_work():
            row = await Display.insert(
                Display(
                    region=ref.region_id,
                    scope=scope.value,
                    scope_id=ref.scope_id,
                    period=period.value,
                    name=name,
                    token_hash=token_hash(token),
                    created_by=actor.person_id,
                    show_ikm=show_ikm,
                )
            ).returning(Display.id)
        return DisplayCreated(
            row[0]["id"], token, f"/display/{token}", name, scope.value, ref.scope_id, period.value, show_ikm
        )

    async def list(self, actor: Actor) -> list[DisplayView]:
        """Displays of the admin's region, or those the manager made."""
        query = Display.select().order_by(Display.id, ascending=False)
        if not actor.is_superadmin:
            query = query.where(_own_displays(actor))
        return [_view(row) for row in await query]

    async def revoke(self, actor: Actor, display_id: int) -> DisplayView:
        """Stops the page and its stream at once; revoking twice changes nothing."""
        where = Display.id == display_id
        if not actor.is_superadmin:
            where = where & _own_displays(actor)
        async with unit_of_work():
            row = await Display.select().where(where).first()
            if row is None:
                raise NotFound("display_not_found")
            if row["revoked_at"] is None:
                row["revoked_at"] = dt.datetime.now(dt.timezone.utc)
                await Display.update({Display.revoked_at: row["revoked_at"]}).where(Display.id == display_id)
        await self.events.publish({"kind": "display_revoked", "display": display_id})
        return _view(row)

    async def set_show_ikm(self, actor: Actor, display_id: int, show_ikm: bool) -> DisplayView:
        """Turns the IKM line on or off, for whoever may revoke the display; a revoked one stays as it is."""
        where = Display.id == display_id
        if not actor.is_superadmin:
            where = where & _own_displays(actor)
        async with unit_of_work():
            row = await Display.select().where(where).first()
            if row is None:
                raise NotFound("display_not_found")
            if row["revoked_at"] is None and row["show_ikm"] != show_ikm:
                row["show_ikm"] = show_ikm
                await Display.update({Display.show_ikm: show_ikm}).where(Display.id == display_id)
        return _view(row)

    async def shown(self, token: str) -> ShownDisplay:
        """The display behind a token: 404 when unknown, 410 when revoked."""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise NotFound("display_not_found")
        row = await Display.select().where(Display.token_hash == token_hash(token)).first()
        if row is None:
            raise NotFound("display_not_found")
        if row["revoked_at"] is not None:
            raise Gone("display_revoked")
        ref = await scope_ref(Scope(row["scope"]), row["scope_id"])
        return ShownDisplay(row["id"], ref, Period(row["period"]), row["name"], bool(row["show_ikm"]))

    async def screen(self, display: ShownDisplay) -> Screen:
        """The top 10 with level and badge count, and the latest achievements in the scope; while the
        period is still empty (just after it turned), the last period's top too."""
        ref = display.ref
        window = self.leaderboards.window(ref, display.period)
        entries = await self._top(ref, window)
        region = await Region.select(Region.name).where(Region.id == ref.region_id).first() if ref.region_id else None
        return Screen(
            title=display.name,
            region=region["name"] if region else None,
            scope_name=ref.name,
            period=display.period.value,
            period_label=PERIOD_NAMES[display.period],
            period_key=window.key,
            period_start=window.starts_at,
            period_end=window.ends_at,
            timezone=window.timezone,
            entries=entries,
            ticker=await _ticker(ref),
            previous=None if entries else await self._past_top(ref, window),
            ikm=await self._ikm(display),
        )

    async def _ikm(self, display: ShownDisplay) -> IkmLine | None:
        if not display.show_ikm or self.ikm_line is None:
            return None
        ref = display.ref
        return await self.ikm_line(ref.scope.value, ref.scope_id, ref.region_id, ref.unit_path, ref.timezone)

    async def _top(self, ref: ScopeRef, window: PeriodWindow) -> list[ScreenEntry]:
        ranked = await self.leaderboards.standings(ref, window, TOP)
        people = await _people([standing.person_id for _, standing in ranked])
        return [
            ScreenEntry(
                rank=rank,
                name=shown_name(people[s.person_id]["name"], people[s.person_id]["hide_name"], None),
                unit=people[s.person_id]["unit.name"],
                xp=s.xp,
                level=people[s.person_id]["level"],
                badges=people[s.person_id]["badges"],
            )
            for rank, s in ranked
            if s.person_id in people
        ]

    async def _past_top(self, ref: ScopeRef, window: PeriodWindow) -> PastTop | None:
        past = previous_window(window)
        if past is None:
            return None
        entries = await self._top(ref, past)
        if not entries:
            return None
        return PastTop(LAST_PERIOD_NAMES[window.period], past.key, past.starts_at, past.ends_at, entries)

    def concerns(self, display: ShownDisplay, event: dict) -> bool:
        """Whether a board event may change what this display shows."""
        if event.get("kind") == "display_revoked":
            return event.get("display") == display.id
        ref = display.ref
        if ref.unit_path is not None:
            return (event.get("unit_path") or "").startswith(ref.unit_path)
        if ref.agency_id is not None:
            return event.get("agency") == ref.agency_id
        return ref.region_id is None or event.get("region") == ref.region_id


def _own_displays(actor: Actor):
    """A region admin's reach is their region's displays; everyone's, the displays they made (a national one too)."""
    made = Display.created_by == actor.person_id
    if actor.is_admin and actor.region_id is not None:
        return (Display.region == actor.region_id) | made
    return made


def _view(row: dict) -> DisplayView:
    return DisplayView(
        row["id"],
        row["name"],
        row["scope"],
        row["scope_id"],
        row["period"],
        row["created_at"],
        row["revoked_at"],
        bool(row["show_ikm"]),
    )


async def _people(ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    rows = await Person.select(Person.id, Person.name, Person.hide_name, Person.region, Person.unit.name).where(
        Person.id.is_in(ids)
    )
    xp = dict(
        (r["person"], r["xp"])
        for r in await PointsTotal.select(PointsTotal.person, PointsTotal.xp).where(PointsTotal.person.is_in(ids))
    )
    badges: dict[int, int] = {}
    for person_id in (
        await PersonBadge.select(PersonBadge.person).where(PersonBadge.person.is_in(ids)).output(as_list=True)
    ):
        badges[person_id] = badges.get(person_id, 0) + 1
    levels: dict[int | None, list] = {}
    people = {}
    for row in rows:
        region = row["region"]
        if region not in levels:
            levels[region] = await levels_of(region)
        row["level"] = level_for(xp.get(row["id"], 0), levels[region]).name
        row["badges"] = badges.get(row["id"], 0)
        people[row["id"]] = row
    return people


async def _ticker(ref: ScopeRef) -> list[TickerItem]:
    facts = Fact.select(
        Fact.kind,
        Fact.label,
        Fact.level,
        Fact.recorded_at.as_alias("at"),
        Fact.person.name,
        Fact.person.hide_name,
        Fact.person.unit.name,
    )
    badges = PersonBadge.select(
        PersonBadge.badge.name.as_alias("label"),
        PersonBadge.awarded_at.as_alias("at"),
        PersonBadge.person.name,
        PersonBadge.person.hide_name,
        PersonBadge.person.unit.name,
    )
    if ref.unit_path is not None:
        facts = facts.where(Fact.unit.path.like(f"{ref.unit_path}%"))
        badges = badges.where(PersonBadge.person.unit.path.like(f"{ref.unit_path}%"))
    elif ref.agency_id is not None:
        facts = facts.where(Fact.unit.agency == ref.agency_id)
        badges = badges.where(PersonBadge.person.unit.agency == ref.agency_id)
    elif ref.region_id is not None:
        facts = facts.where(Fact.region == ref.region_id)
        badges = badges.where(PersonBadge.person.region == ref.region_id)
    items = [_ticker_item(row, row["kind"]) for row in await facts.order_by(Fact.id, ascending=False).limit(TICKER)]
    items += [
        _ticker_item(row, "badge") for row in await badges.order_by(PersonBadge.id, ascending=False).limit(TICKER)
    ]
    return sorted(items, key=lambda item: item.at, reverse=True)[:TICKER]


def _ticker_item(row: dict, kind: str) -> TickerItem:
    who = shown_name(row["person.name"], row["person.hide_name"], row["person.unit.name"])
    return TickerItem(ticker_text(kind, who, row["label"], row.get("level")), as_datetime(row["at"]))


def stream(displays: Displays, display: ShownDisplay) -> AsyncIterator[Frame]:
    """("screen", screen) whenever what the display shows changes, ("ping", None) between, and
    ("revoked", None) last when the display is revoked: the process's feed of its board
    (``display_feeds.py``), read once per change for every stream that shows it."""
    return displays.feeds.follow(display)

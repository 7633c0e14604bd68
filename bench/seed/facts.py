"""The facts of a benchmark seed: a year of learning, skewed across people, written in time order.

Mostly module completions (each person completes a module at most once, as the unique
completion does in the app), with some streak milestones and verified initiatives. How much
each person learns is skewed (a tenth learn nothing, a few learn a lot), weekdays and office
hours are busier, and facts come out in the order they happened, so that a batch of pending
facts touches many people, as in production. ``local_date`` is the day on the person's
region calendar; every fact is pending (in the queue ``pending_fact``) for the points engine.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from zoneinfo import ZoneInfo

from bench.seed.modules import BenchModule
from domain.rules import FactKind

FACT_COLUMNS = (
    "id",
    "kind",
    "person",
    "region",
    "unit",
    "source_key",
    "label",
    "occurred_at",
    "local_date",
    "xp",
    "score",
    "first_attempt",
    "level",
    "recorded_at",
)
DAYS = 365
INACTIVE_SHARE = 0.1
ACTIVITY_SIGMA = 1.0  # of the log-normal spread of how much each person learns
INITIATIVE_SHARE = 0.01
STREAK_SHARE = 0.025
FIRST_ATTEMPT_SHARE = 0.7
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 0.9, 0.25, 0.2)  # Monday first
# Local hour of the day: office hours, a lunch dip, some evening learning on the phone.
HOUR_WEIGHTS = (0, 0, 0, 0, 0.1, 0.2, 0.4, 1, 2, 3, 3, 2.5, 1.5, 2.5, 3, 2.5, 1.5, 0.8, 0.5, 0.8, 1, 0.8, 0.4, 0.1)
HOURS = range(24)
IMPACTS = (("unit", 0.6), ("agency", 0.85), ("region", 0.97), ("national", 1.0))  # cumulative
STREAK_LEVELS = (("7", 0.85), ("30", 0.98), ("100", 1.0))
UTC = dt.timezone.utc
HOUR_CUMULATIVE = list(accumulate(HOUR_WEIGHTS))
COMPLETION, STREAK, INITIATIVE = (
    FactKind.MODULE_COMPLETION.value,
    FactKind.STREAK_MILESTONE.value,
    FactKind.INITIATIVE_VERIFIED.value,
)


@dataclass(frozen=True)
class Learner:
    id: int
    region: int
    unit: int
    timezone: str


class FactMaker:
    """Builds fact rows; the source key of a completion names its person and module."""

    def __init__(self, rng: random.Random, now: dt.datetime) -> None:
        self.rng = rng
        self.now = now.timestamp()

    def completion(self, fact_id: int, learner: Learner, module: BenchModule, at: float, day: dt.date) -> tuple:
        rng = self.rng
        chance = rng.random()
        score = 100 if chance < 0.4 else 80 if chance < 0.85 else 60
        key = f"bench-completion:{learner.id}:{module.id}"
        first = rng.random() < FIRST_ATTEMPT_SHARE
        return self._row(fact_id, COMPLETION, learner, key, module.title, at, day, module.xp, score, first)

    def other(self, fact_id: int, learner: Learner, at: float, day: dt.date) -> tuple:
        """A verified initiative or a streak milestone (keys carry the fact id, so they stay unique)."""
        rng = self.rng
        if rng.random() < INITIATIVE_SHARE / (INITIATIVE_SHARE + STREAK_SHARE):
            level = _pick(rng, IMPACTS)
            key, label = f"bench-initiative:{fact_id}:{learner.id}", "Inovasi terverifikasi"
            return self._row(fact_id, INITIATIVE, learner, key, label, at, day, level=level)
        level = _pick(rng, STREAK_LEVELS)
        key, label = f"bench-streak:{fact_id}:{learner.id}:{level}", f"Runtunan {level} hari belajar"
        return self._row(fact_id, STREAK, learner, key, label, at, day, level=level)

    def _row(self, fact_id, kind, learner, key, label, at, day, xp=0, score=None, first=False, level=None) -> tuple:
        # Most phones sync within two minutes; one in ten was offline for up to three days.
        chance = self.rng.random()
        delay = chance * 120 if chance < 0.9 else (chance - 0.9) * 10 * 3 * 86_400
        occurred = dt.datetime.fromtimestamp(at, UTC)
        recorded = dt.datetime.fromtimestamp(min(at + delay, self.now), UTC)
        return (
            fact_id,
            kind,
            learner.id,
            learner.region,
            learner.unit,
            key,
            label,
            occurred,
            day,
            xp,
            score,
            first,
            level,
            recorded,
        )


class YearOfFacts:
    """``total`` facts over the ``DAYS`` local days before ``now``'s day, numbered from ``first_id``."""

    def __init__(
        self,
        rng: random.Random,
        learners: list[Learner],
        modules: list[BenchModule],
        total: int,
        first_id: int,
        now: dt.datetime,
    ) -> None:
        self.rng, self.learners, self.next_id = rng, learners, first_id
        self.maker = FactMaker(rng, now)
        by_region = _offered(learners, modules)
        self.offered = [by_region[learner.region] for learner in learners]  # per learner
        last_day = now.astimezone(UTC).date() - dt.timedelta(days=1)  # over in every Indonesian zone before now
        self.days = [last_day - dt.timedelta(days=DAYS - 1 - index) for index in range(DAYS)]
        self.counts = allocate(rng, [len(offered) for offered in self.offered], total)
        self.order = _module_orders(rng, [len(offered) for offered in self.offered])
        self.done = [0] * len(learners)  # completions so far, per learner
        zones = {learner.timezone for learner in learners}
        self.midnights = {zone: [_midnight(day, zone) for day in self.days] for zone in zones}

    def chunks(self, size: int) -> Iterator[list[tuple]]:
        """The facts in time order, in lists of about ``size`` rows."""
        by_day, rows = self._days_of_learning(), []
        for index in range(DAYS):
            rows += self._facts_of_day(index, by_day[index])
            by_day[index] = []
            if len(rows) >= size:
                yield rows
                rows = []
        if rows:
            yield rows

    def _facts_of_day(self, index: int, people: list[int]) -> list[tuple]:
        rng, learners, day = self.rng, self.learners, self.days[index]
        starts = rng.choices(HOURS, cum_weights=HOUR_CUMULATIVE, k=len(people))
        timed = sorted(
            (self.midnights[learners[who].timezone][index] + hour * 3600 + rng.random() * 3600, who)
            for who, hour in zip(people, starts, strict=True)
        )
        rows = []
        for fact_id, (at, who) in enumerate(timed, start=self.next_id):
            offered, done = self.offered[who], self.done[who]
            if rng.random() < INITIATIVE_SHARE + STREAK_SHARE or done == len(offered):
                rows.append(self.maker.other(fact_id, learners[who], at, day))
                continue
            offset, step = self.order[who]
            self.done[who] = done + 1
            module = offered[(offset + done * step) % len(offered)]
            rows.append(self.maker.completion(fact_id, learners[who], module, at, day))
        self.next_id += len(rows)
        return rows

    def _days_of_learning(self) -> list[list[int]]:
        """For each day, the learner (by index) behind each of its facts."""
        rng = self.rng
        # Weekdays busier, and more learning as the year goes on, as adoption grows.
        day_weights = list(
            accumulate(
                WEEKDAY_WEIGHTS[day.weekday()] * (0.6 + 0.8 * index / DAYS) for index, day in enumerate(self.days)
            )
        )
        indexes = list(range(DAYS))
        by_day: list[list[int]] = [[] for _ in self.days]
        for who, count in enumerate(self.counts):
            if count:
                for index in rng.choices(indexes, cum_weights=day_weights, k=count):
                    by_day[index].append(who)
        return by_day


def recent_learners(rng: random.Random, learners: list[Learner], total: int) -> list[Learner]:
    """Who learned in the last day: ``total`` picks (some people twice), skewed like the year."""
    weights = [rng.lognormvariate(0, ACTIVITY_SIGMA) for _ in learners]
    return rng.choices(learners, weights=weights, k=total)


def recent_facts(
    rng: random.Random,
    picked: list[Learner],
    modules: list[BenchModule],
    completed: dict[int, set[int]],
    first_id: int,
    now: dt.datetime,
) -> list[tuple]:
    """A fact for each pick within the day before ``now``, in time order; a completion is of a
    module the person has not completed yet (``completed``: person → module ids, updated here)."""
    maker, offered = FactMaker(rng, now), _offered(picked, modules)
    moments = sorted((now.timestamp() - rng.random() * 86_400, index) for index in range(len(picked)))
    zones = {learner.timezone: ZoneInfo(learner.timezone) for learner in picked}
    rows = []
    for fact_id, (at, index) in enumerate(moments, start=first_id):
        learner = picked[index]
        day = dt.datetime.fromtimestamp(at, zones[learner.timezone]).date()
        done = completed.setdefault(learner.id, set())
        left = [module for module in offered[learner.region] if module.id not in done]
        if rng.random() < INITIATIVE_SHARE + STREAK_SHARE or not left:
            rows.append(maker.other(fact_id, learner, at, day))
            continue
        module = rng.choice(left)
        done.add(module.id)
        rows.append(maker.completion(fact_id, learner, module, at, day))
    return rows


def allocate(rng: random.Random, caps: list[int], total: int) -> list[int]:
    """How many facts each person gets: proportional to a skewed activity, at most their cap
    (the modules they can take), adding up to ``total`` exactly."""
    weights = [0.0 if rng.random() < INACTIVE_SHARE else rng.lognormvariate(0, ACTIVITY_SIGMA) for _ in caps]
    if total > sum(cap for cap, weight in zip(caps, weights, strict=True) if weight):
        raise ValueError("too_many_facts")
    low, high = 0.0, 1.0
    while sum(min(cap, high * weight) for cap, weight in zip(caps, weights, strict=True)) < total:
        high *= 2
    for _ in range(50):
        middle = (low + high) / 2
        if sum(min(cap, middle * weight) for cap, weight in zip(caps, weights, strict=True)) < total:
            low = middle
        else:
            high = middle
    exact = [min(cap, low * weight) for cap, weight in zip(caps, weights, strict=True)]
    counts = [int(value) for value in exact]
    short = total - sum(counts)
    for index in sorted(range(len(caps)), key=lambda i: counts[i] - exact[i]):
        if short == 0:
            break
        if weights[index] and counts[index] < caps[index]:
            counts[index] += 1
            short -= 1
    return counts


def _offered(learners: list[Learner], modules: list[BenchModule]) -> dict[int, list[BenchModule]]:
    """The modules each region's people can take: national ones and the region's own."""
    national = [module for module in modules if module.region is None]
    return {
        region: national + [module for module in modules if module.region == region]
        for region in {learner.region for learner in learners}
    }


def _module_orders(rng: random.Random, sizes: list[int]) -> list[tuple[int, int]]:
    """Per person, the order of their completions: module (offset + k × step) mod n for the k-th,
    with step coprime to n, so that no module comes twice (O(1) memory per person)."""
    steps: dict[int, list[int]] = {}
    orders = []
    for size in sizes:
        if size not in steps:
            steps[size] = [step for step in range(1, max(size, 2)) if math.gcd(step, size) == 1] or [1]
        orders.append((rng.randrange(max(size, 1)), rng.choice(steps[size])))
    return orders


def _midnight(day: dt.date, timezone: str) -> float:
    return dt.datetime.combine(day, dt.time(0), tzinfo=ZoneInfo(timezone)).timestamp()


def _pick(rng: random.Random, cumulative: tuple[tuple[str, float], ...]) -> str:
    chance = rng.random()
    return next(value for value, bound in cumulative if chance < bound)

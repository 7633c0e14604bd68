"""An attempt in a handful of statements (issue 20), its promises kept: the XP in the transaction (shown
at once), the answer telling what was earned, rules changed by an admin seen by the next attempt in
any process, and the streak stepped in one statement equal to the streak computed from all the days."""

import datetime as dt
import random

import pytest

from domain.streaks import StreakState, streak_state
from gamification.storage.tables import Holiday, Region, Streak, StreakFreeze
from tests.invariants import totals_agree_with_ledger
from tests.module_payloads import ADMIN_MODULES, MODULES, attempt, attempt_body, module_payload, published_module
from tests.statements import counted

# Counted from the caller's read to the board write after the commit, the rules, levels and the version's
# answer key cached: the caller with the module, its version, time zone, rules version, replay and
# completion; the attempt (a failure stops here); the completion, JP, fact, ledger entries, all-time and
# period totals (returning what the boards need); the streak; the badges within reach with their numbers.
FAILED_ATTEMPT_STATEMENTS = 2
PASSING_FIRST_ATTEMPT_STATEMENTS = 10


async def test_a_failed_and_a_passing_first_attempt_send_a_handful_of_statements(client, world, as_, monkeypatch):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    module = await published_module(client, admin, title="Modul 1", xp=40)
    await attempt(client, as_(world.pontianak.asn_child), module)  # rules, levels and answer key cached
    path = f"{MODULES}/{module['id']}/attempts"

    with counted(monkeypatch) as failed_statements:
        failed = await client.post(path, json=attempt_body(module, right=1), headers=learner)
    assert failed.status_code == 201 and not failed.json()["passed"]
    assert failed_statements.count <= FAILED_ATTEMPT_STATEMENTS, str(failed_statements)

    with counted(monkeypatch) as passed_statements:
        passed = await client.post(path, json=attempt_body(module), headers=learner)
    assert passed.status_code == 201
    result = passed.json()
    assert (result["completed"], result["xp_awarded"], result["jp_credited"]) == (True, 40, 0.25)  # not first: no bonus
    assert passed_statements.count <= PASSING_FIRST_ATTEMPT_STATEMENTS, str(passed_statements)

    profile = (await client.get("/api/v1/me", headers=learner)).json()
    assert (profile["xp"], profile["streak"]["current"]) == (40, 1)  # in the transaction: shown at once
    await totals_agree_with_ledger()


async def test_a_passing_attempts_inserts_read_the_same_whatever_it_earns(client, world, as_, monkeypatch):
    """The rows of a passing attempt are written by statements of constant text, prepared once per connection:
    a pass at the first try earns under two rules, a pass after a failure under one, in the same words."""
    module = await published_module(client, as_(world.pontianak.admin), xp=30)
    path = f"{MODULES}/{module['id']}/attempts"
    await client.post(path, json=attempt_body(module, right=1), headers=as_(world.pontianak.asn))
    inserts = []
    for learner in (world.pontianak.asn_child, world.pontianak.asn):
        with counted(monkeypatch, prepared=True) as statements:
            passed = (await client.post(path, json=attempt_body(module), headers=as_(learner))).json()
        inserts.append([sql for sql in statements.sent if sql.startswith(ROWS_OF_AN_ATTEMPT)])
    assert passed["xp_awarded"] == 30 and len(inserts[1]) == len(ROWS_OF_AN_ATTEMPT), inserts[1]
    assert inserts[0] == inserts[1]


ROWS_OF_AN_ATTEMPT = tuple(
    f"INSERT INTO {table} (" for table in ("attempt", "completion", "jp_credit", "fact", "xp_entry")
)


async def test_a_replay_answers_what_the_first_answer_said_and_awards_nothing_more(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    module = await published_module(client, admin, xp=25)
    body = attempt_body(module)
    first = await client.post(f"{MODULES}/{module['id']}/attempts", json=body, headers=learner)
    again = await client.post(f"{MODULES}/{module['id']}/attempts", json=body, headers=learner)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() | {"replayed": False} == first.json()
    assert first.json()["xp_awarded"] == 25 + 10
    assert (await client.get("/api/v1/me", headers=learner)).json()["xp"] == 25 + 10
    await totals_agree_with_ledger()


async def test_rules_changed_by_an_admin_reach_the_next_attempt(client, world, as_):
    admin = as_(world.pontianak.admin)
    modules = [await published_module(client, admin, title=f"Modul {n}", xp=20) for n in range(3)]
    first = await attempt(client, as_(world.pontianak.asn), modules[0])
    assert first["xp_awarded"] == 20 + 10  # the rules are now cached in this process

    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date() - dt.timedelta(days=1)
    change = {"code": "module_xp", "formula": "fact_xp", "params": {"multiplier_percent": 200}}
    saved = await client.post("/api/v1/admin/rules", json=change | {"effective_from": today.isoformat()}, headers=admin)
    assert saved.status_code == 201, saved.text
    second = await attempt(client, as_(world.pontianak.asn_child), modules[1])
    assert second["xp_awarded"] == 40 + 10

    # Another process changes the rules: this one hears of it only through the region's version.
    await Region.raw(
        "INSERT INTO point_rule (region, code, fact_kind, formula, params, effective_from, created_at)"
        " VALUES ({}, 'module_xp', 'module_completion', 'fact_xp', {}, {}, {})",
        world.pontianak.region_id,
        '{"multiplier_percent": 300}',
        today,
        dt.datetime.now(dt.timezone.utc),
    )
    await Region.update({Region.rules_version: Region.rules_version + 1}).where(Region.id == world.pontianak.region_id)
    third = await attempt(client, as_(world.pontianak.manager), modules[2])
    assert third["xp_awarded"] == 60 + 10
    await totals_agree_with_ledger()


async def test_levels_changed_by_an_admin_reach_the_next_level_up(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    modules = [await published_module(client, admin, title=f"Modul {n}", xp=20) for n in range(2)]
    await attempt(client, learner, modules[0])  # 30 XP; the default levels cached
    levels = [{"min_xp": 0, "name": "Perintis"}, {"min_xp": 50, "name": "Penggerak"}]
    assert (await client.put("/api/v1/admin/levels", json={"levels": levels}, headers=admin)).status_code == 200
    await attempt(client, learner, modules[1])  # 60 XP
    notices = (await client.get("/api/v1/me/notifications", headers=learner)).json()["items"]
    assert [n["title"] for n in notices if n["kind"] == "level_up"] == ["Naik level: Penggerak"]


@pytest.mark.parametrize("seed", [20, 21, 22])
async def test_the_streak_stepped_in_one_statement_equals_the_streak_from_all_the_days(world, seed):
    """Learning days in random order and spacing, with gaps over weekends, holidays and missed working days,
    each recorded as an attempt would (the step, or where it declines, the streak from all the days); after
    each, the stored streak is what all the days say."""
    from gamification.points.streaks import step_streak

    person, region, rng = world.pontianak.asn, world.pontianak.region_id, random.Random(seed)
    await Holiday.insert(
        *[Holiday(region=region, day=day, name="Libur uji") for day in (dt.date(2026, 3, 4), dt.date(2026, 3, 18))],
        *[
            Holiday(region=region, day=dt.date(2026, 4, 6) + dt.timedelta(days=n), name="Cuti bersama")
            for n in range(5)
        ],
    )
    holidays = set(await Holiday.select(Holiday.day).where(Holiday.region == region).output(as_list=True))
    today, days, stepped, restarted = dt.date(2026, 3, 2), set(), 0, 0  # a Monday
    for _ in range(80):
        today += dt.timedelta(days=rng.choice([0, 1, 1, 1, 1, 2, 3, 5, 9]))
        day = today if rng.random() < 0.8 else today - dt.timedelta(days=rng.randint(1, 6))  # synced late
        days.add(day)
        expected = streak_state(days, holidays, today)
        state = await step_streak(person, region, day, today)
        if state is None:  # what update_streak stores from all the days
            await Streak.delete().where(Streak.person == person)
            await Streak.insert(
                Streak(person=person, current=expected.current, longest=expected.longest, last_day=expected.last_day)
            )
        else:
            stepped += 1
            restarted += state.current == 1
            assert (state.current, state.longest) == (expected.current, expected.longest), (day, today, sorted(days))
        row = await Streak.select().where(Streak.person == person).first()
        assert (row["current"], row["longest"], row["last_day"]) == (
            expected.current,
            expected.longest,
            expected.last_day,
        ), (day, today, sorted(days))
    assert stepped > 20 and restarted > 3  # the step was taken, across gaps too, not only declined


async def test_a_person_holding_a_streak_freeze_has_a_gap_weighed_from_all_the_days(world):
    """After a missed working day a run starts again at one, in the step; unless the person holds a freeze,
    which may cover the day: then the step declines and the streak is computed from all the days."""
    from gamification.points.streaks import step_streak

    person, region = world.pontianak.asn, world.pontianak.region_id
    wednesday, friday = dt.date(2026, 3, 4), dt.date(2026, 3, 6)
    await Streak.insert(Streak(person=person, current=3, longest=5, last_day=wednesday))
    assert await step_streak(person, region, friday, friday) == StreakState(1, 5, friday)  # Thursday missed

    await Streak.update({Streak.current: 3, Streak.last_day: wednesday}).where(Streak.person == person)
    await StreakFreeze.insert(StreakFreeze(person=person, given_on=dt.date(2026, 3, 1)))
    assert await step_streak(person, region, friday, friday) is None
    assert (await Streak.select(Streak.current).where(Streak.person == person).first())["current"] == 3


async def test_a_kept_answer_key_is_the_versions_own(client, world, as_):
    """Answer keys are kept per published version: an edit publishes a new version, graded by its own key,
    while a phone still holding the old version is graded by the old one."""
    admin = as_(world.pontianak.admin)
    v1 = await published_module(client, admin, xp=30)
    assert (await attempt(client, as_(world.pontianak.asn_child), v1))["score"] == 100  # v1's key kept
    v2 = (await client.put(f"{ADMIN_MODULES}/{v1['id']}", json=module_payload(xp=80), headers=admin)).json()
    assert v2["version"] == 2
    on_v2 = await client.post(f"{MODULES}/{v1['id']}/attempts", json=attempt_body(v2), headers=as_(world.pontianak.asn))
    assert (on_v2.json()["version"], on_v2.json()["score"]) == (2, 100), on_v2.text
    on_v1 = await client.post(
        f"{MODULES}/{v1['id']}/attempts", json=attempt_body(v1), headers=as_(world.pontianak.manager)
    )
    assert (on_v1.json()["version"], on_v1.json()["score"]) == (1, 100), on_v1.text

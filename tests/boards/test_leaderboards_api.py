import datetime as dt

import pytest

from domain.leaderboards import Period, Scope
from gamification.boards import build_boards
from gamification.boards.leaderboards import Leaderboards
from gamification.identity.sign_in import load_actor
from gamification.storage.tables import Person
from tests import wiring
from tests.awards import WIB, award, boards_ready, current_board, this_week_at
from tests.factories import add_person
from tests.module_payloads import attempt, published_module

BOARDS = "/api/v1/leaderboards"


async def unit_with_ten(world) -> list[int]:
    """Ten people in the head unit with 100, 90, ... 10 XP this week; the fourth hid their name."""
    p = world.pontianak
    people = [await add_person(f"Pegawai {n}", p.head_unit, p.region_id) for n in range(10)]
    await Person.update({Person.hide_name: True}).where(Person.id == people[3])
    t = this_week_at(WIB, 1, 8)
    for n, person in enumerate(people):
        await award(person, 100 - 10 * n, t + dt.timedelta(minutes=n))
    await boards_ready()
    return people


async def test_top_n_with_me_outside_it_and_a_hidden_name(client, world, as_):
    people = await unit_with_ten(world)
    response = await client.get(BOARDS, params={"scope": "unit", "period": "week", "limit": 5}, headers=as_(people[7]))
    assert response.status_code == 200, response.text
    board = response.json()
    assert [(e["rank"], e["xp"]) for e in board["entries"]] == [(1, 100), (2, 90), (3, 80), (4, 70), (5, 60)]
    assert [e["user_id"] for e in board["entries"]] == [people[0], people[1], people[2], None, people[4]]
    hidden = board["entries"][3]
    assert (hidden["name"], hidden["unit"]) == ("ASN", "Bidang E-Government")
    assert board["me"] == {"rank": 8, "xp": 30}
    start = dt.datetime.fromisoformat(board["period_start"])
    assert (start.weekday(), start.hour, start.utcoffset()) == (0, 0, dt.timedelta(hours=7))
    assert dt.datetime.fromisoformat(board["period_end"]) - start == dt.timedelta(days=7)
    someone = (await client.get(BOARDS, params={"scope": "region"}, headers=as_(world.pontianak.asn))).json()
    assert someone["me"] == {"rank": 11, "xp": 0}  # on the board's scope, with no XP yet


async def test_redis_and_sql_give_the_same_board(client, world, as_, settings):
    people = await unit_with_ten(world)
    sync = wiring.boards()
    board = current_board(Scope.REGION, world.pontianak.region_id, Period.WEEK, WIB)
    store = await sync.reads.store_for(board, dt.datetime.now(dt.timezone.utc))
    assert (store is sync.redis_boards) == bool(settings.redis_url)
    without_redis = Leaderboards(build_boards(None).reads)
    for person in (people[0], people[5], world.pontianak.asn):
        actor = await load_actor(person, token_epoch=0)
        for scope in Scope:
            served = await Leaderboards(sync.reads).board(actor, scope, None, Period.WEEK, 7)
            assert served == await without_redis.board(actor, scope, None, Period.WEEK, 7)
            near = await Leaderboards(sync.reads).around_me(actor, scope, Period.ALL, 2)
            assert near == await without_redis.around_me(actor, scope, Period.ALL, 2)


async def test_around_me_at_the_top_the_bottom_and_off_the_board(client, world, as_):
    people = await unit_with_ten(world)

    async def around(person, radius):
        response = await client.get(
            f"{BOARDS}/around-me", params={"scope": "unit", "radius": radius}, headers=as_(person)
        )
        assert response.status_code == 200, response.text
        return response.json()

    top = await around(people[0], 2)
    assert [(e["rank"], e["xp"], e["is_me"]) for e in top["entries"]] == [
        (1, 100, True),
        (2, 90, False),
        (3, 80, False),
    ]
    bottom = await around(people[9], 2)
    assert [(e["rank"], e["xp"]) for e in bottom["entries"]] == [(8, 30), (9, 20), (10, 10)]
    assert bottom["me"] == {"rank": 10, "xp": 10}
    middle = await around(people[5], 1)
    assert [e["rank"] for e in middle["entries"]] == [5, 6, 7]
    off = await around(world.pontianak.asn, 2)
    assert [(e["rank"], e["xp"]) for e in off["entries"]] == [(9, 20), (10, 10)]
    assert off["me"] == {"rank": 11, "xp": 0}


async def test_equal_xp_shares_a_rank_and_the_earlier_is_listed_first(client, world, as_):
    p = world.pontianak
    first, second, third = [await add_person(f"Seri {n}", p.child_unit, p.region_id) for n in range(3)]
    t = this_week_at(WIB, 2, 9)
    await award(second, 40, t)
    await award(first, 40, t + dt.timedelta(seconds=1))
    await award(third, 50, t + dt.timedelta(hours=1))
    await boards_ready()
    board = (await client.get(BOARDS, params={"scope": "unit"}, headers=as_(first))).json()
    assert [(e["rank"], e["user_id"]) for e in board["entries"]] == [(1, third), (2, second), (2, first)]
    assert board["me"] == {"rank": 2, "xp": 40}


async def test_a_completion_moves_the_learner_up_at_once(client, world, as_):
    people = await unit_with_ten(world)
    module = await published_module(client, as_(world.pontianak.admin), xp=95)
    result = await attempt(client, as_(people[9]), module)  # 95 + 10 for a perfect first attempt
    assert result["xp_awarded"] == 105
    board = (await client.get(BOARDS, params={"scope": "unit", "limit": 3}, headers=as_(people[9]))).json()
    assert board["me"] == {"rank": 1, "xp": 115}
    assert board["entries"][0]["user_id"] == people[9]


async def test_a_closed_week_is_answered_from_sql(client, world, as_):
    p = world.pontianak
    last_week = this_week_at(WIB, 0, 10) - dt.timedelta(days=7)
    await award(p.asn, 25, last_week)
    await award(p.asn_child, 35, this_week_at(WIB, 0, 10))
    await boards_ready()
    start = (this_week_at(WIB, 0, 0) - dt.timedelta(days=7)).astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    closed = await client.get(BOARDS, params={"scope": "region", "start": start.isoformat()}, headers=as_(p.asn))
    assert closed.status_code == 200, closed.text
    assert [(e["user_id"], e["xp"]) for e in closed.json()["entries"]] == [(p.asn, 25)]
    current = (await client.get(BOARDS, params={"scope": "region"}, headers=as_(p.asn))).json()
    assert [(e["user_id"], e["xp"]) for e in current["entries"]] == [(p.asn_child, 35)]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"scope": "planet"}, 422, "board_scope_unknown"),
        ({"period": "decade"}, 422, "board_period_unknown"),
        ({"limit": 0}, 422, "board_limit_out_of_range"),
        ({"limit": 101}, 422, "board_limit_out_of_range"),
        ({"limit": "banyak"}, 400, "validation_failed"),
        ({"scope": "unit", "scope_id": 999999}, 404, "board_scope_not_found"),
        ({"scope": "unit", "scope_id": 0}, 400, "validation_failed"),
        ({"period": "week", "start": "2026-11-25"}, 422, "board_period_start_invalid"),
        ({"period": "all", "start": "2026-11-23"}, 422, "board_period_start_invalid"),
        ({"start": "kemarin"}, 400, "validation_failed"),
        ({"period": "year", "start": "9999-01-01"}, 422, "board_period_start_invalid"),
        ({"period": "week", "start": "9999-12-27", "scope": "national"}, 422, "board_period_start_invalid"),
    ],
)
async def test_bad_board_requests_get_their_own_problem(client, world, as_, params, status, code):
    response = await client.get(BOARDS, params=params, headers=as_(world.pontianak.asn))
    assert (response.status_code, response.json()["code"]) == (status, code), response.text
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(("radius", "status"), [(0, 422), (26, 422), (25, 200)])
async def test_around_me_radius_is_bounded(client, world, as_, radius, status):
    response = await client.get(f"{BOARDS}/around-me", params={"radius": radius}, headers=as_(world.pontianak.asn))
    assert response.status_code == status, response.text


async def test_who_sees_which_board(client, world, as_):
    p, palu = world.pontianak, world.palu
    partner = await add_person("Mitra Universitas", None, None, "partner", email="mitra@kampus.test")
    cases = [
        # (who, scope, scope_id, status)
        (None, "national", None, 401),
        (p.asn, "national", None, 200),
        (p.asn, "region", p.region_id, 200),
        (p.asn, "region", palu.region_id, 403),
        (p.asn, "agency", p.agency_id, 200),
        (p.asn, "agency", p.other_agency_id, 403),
        (p.asn, "unit", p.head_unit, 200),
        (p.asn, "unit", p.child_unit, 403),  # a unit below: not theirs, and they manage nothing
        (p.asn_child, "unit", p.head_unit, 200),  # the unit above includes theirs
        (p.asn, "unit", p.other_unit, 403),
        (p.manager, "unit", p.child_unit, 200),
        (p.manager, "unit", p.other_unit, 403),
        (p.manager, "unit", palu.head_unit, 403),
        (p.admin, "unit", p.other_unit, 200),
        (p.admin, "agency", p.other_agency_id, 200),
        (p.admin, "unit", palu.child_unit, 403),
        (p.admin, "region", palu.region_id, 403),
        (world.superadmin, "unit", palu.child_unit, 200),
        (world.superadmin, "region", p.region_id, 200),
        (partner, "national", None, 200),
        (partner, "region", p.region_id, 403),
        (world.superadmin, "unit", None, 422),  # no unit of their own to default to
    ]
    for who, scope, scope_id, status in cases:
        params = {"scope": scope} | ({"scope_id": scope_id} if scope_id else {})
        headers = as_(who) if who else {}
        response = await client.get(BOARDS, params=params, headers=headers)
        assert response.status_code == status, (who, scope, scope_id, response.text)
        if status == 403:
            assert response.json()["code"] == "board_out_of_reach"
        around = await client.get(f"{BOARDS}/around-me", params={"scope": scope}, headers=headers)
        assert around.status_code in (200, 401, 403), around.text  # 403 learner_only: no unit, on no board
    admin_view = (
        await client.get(BOARDS, params={"scope": "unit", "scope_id": p.other_unit}, headers=as_(p.admin))
    ).json()
    assert admin_view["me"] is None  # not on that board


async def test_a_person_who_moves_unit_takes_their_xp_to_the_new_boards(client, world, as_, settings):
    p = world.pontianak
    await award(p.asn_child, 60, this_week_at(WIB, 1, 9))
    await award(p.asn, 20, this_week_at(WIB, 1, 10))
    await boards_ready()
    moved = await client.patch(
        f"/api/v1/admin/users/{p.asn_child}", json={"unit_id": p.other_unit}, headers=as_(p.admin)
    )
    assert moved.status_code == 200, moved.text

    async def unit_board(unit_id):
        response = await client.get(BOARDS, params={"scope": "unit", "scope_id": unit_id}, headers=as_(p.admin))
        return [(e["user_id"], e["xp"]) for e in response.json()["entries"]]

    assert await unit_board(p.head_unit) == [(p.asn, 20)]
    assert await unit_board(p.child_unit) == []
    assert await unit_board(p.other_unit) == [(p.asn_child, 60)]
    sync = wiring.boards()
    if settings.redis_url:
        assert (await sync.consistency.check(thorough=True))["rebuilt"] is False  # Redis followed the move exactly

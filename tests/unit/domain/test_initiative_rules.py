import datetime as dt

import pytest

from domain.access import Actor
from domain.errors import Forbidden
from domain.initiatives import check_replicator, replication_credited
from domain.periods import local_month_bounds
from domain.roles import Role

UTC = dt.timezone.utc


def test_a_team_member_may_not_record_a_replication_of_their_initiative():
    admin = Actor(person_id=7, roles=frozenset({Role.ADMIN, Role.ASN}), region_id=1, unit_id=5, unit_path="/5/")
    with pytest.raises(Forbidden) as refused:
        check_replicator(admin, {3, 7})
    assert refused.value.code == "self_decision"
    check_replicator(admin, {3, 4})


def test_the_first_replications_of_a_month_are_credited_and_later_ones_not():
    assert [replication_credited(n, 5) for n in range(7)] == [True] * 5 + [False] * 2
    assert not replication_credited(0, 0)  # 0 turns the bonus off


@pytest.mark.parametrize(
    ("moment", "timezone", "start", "end"),
    [
        # WIB: 1 March 00:00 local is 28 February 17:00 UTC
        (dt.datetime(2026, 2, 28, 16, 59, tzinfo=UTC), "Asia/Jakarta", (2026, 1, 31, 17), (2026, 2, 28, 17)),
        (dt.datetime(2026, 2, 28, 17, 0, tzinfo=UTC), "Asia/Jakarta", (2026, 2, 28, 17), (2026, 3, 31, 17)),
        # WITA (UTC+8) and WIT (UTC+9) around the turn of the year
        (dt.datetime(2026, 12, 31, 16, 0, tzinfo=UTC), "Asia/Makassar", (2026, 12, 31, 16), (2027, 1, 31, 16)),
        (dt.datetime(2026, 12, 31, 14, 59, tzinfo=UTC), "Asia/Jayapura", (2026, 11, 30, 15), (2026, 12, 31, 15)),
        (dt.datetime(2026, 12, 31, 15, 0, tzinfo=UTC), "Asia/Jayapura", (2026, 12, 31, 15), (2027, 1, 31, 15)),
    ],
)
def test_a_month_is_the_local_calendar_month(moment, timezone, start, end):
    assert local_month_bounds(moment, timezone) == (dt.datetime(*start, tzinfo=UTC), dt.datetime(*end, tzinfo=UTC))

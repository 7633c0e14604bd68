"""A demo seeded on New Year's Day still shows a year begun: the year has no yesterday to date this year's
trainings on, so they fall on today, by the moment of the seed."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from domain.jp_pace import TARGET_CENTI
from gamification.demo.history import MET, DemoModule, Learner, _plan

ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("after", [dt.timedelta(seconds=20), dt.timedelta(hours=9)])
def test_on_new_years_day_a_learner_who_met_it_has_this_years_jp_from_today(zone, after):
    now = (dt.datetime(2027, 1, 1, tzinfo=ZoneInfo(zone)) + after).astimezone(dt.timezone.utc)
    modules = [DemoModule(i, None, {"jp_centi": 50}, "", ("{}", None), None) for i in range(12)]
    met = []
    for seed in range(40):
        learner = Learner(1, 1, 1, zone)
        _plan(learner, modules, random.Random(seed), now)
        if learner.standing == MET:
            met.append(learner)
    assert met
    for learner in met:
        this_year = [(day, granted) for _, day, granted in learner.trainings if day.year == 2027]
        assert {day for day, _ in this_year} == {dt.date(2027, 1, 1)}
        assert sum(granted for _, granted in this_year) >= TARGET_CENTI

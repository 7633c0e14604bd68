import datetime as dt
import random

from domain.nip import parse_nip
from gamification.demo.seed import demo_nip


def test_demo_nips_are_valid():
    rng = random.Random(7)
    for serial in range(500):
        parse_nip(demo_nip(rng, serial), today=dt.date(2026, 11, 23))

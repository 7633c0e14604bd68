"""Which tests a variant of ``scripts/test`` runs (environment variables; a plain ``pytest`` runs everything).

Every test runs on SQLite and on PostgreSQL. With Redis, what changes is where the leaderboards, the office
displays, the request budgets and the display streams live: ``TANGKAS_TEST_SCOPE=redis`` runs the modules
that reach those (by directory, or by naming a board, a display, a budget or Redis in their source) and
leaves out the rest, which would only run a second time through the same SQL.

``TANGKAS_TEST_FUZZ``: ``on``, ``off``, or the callers to fuzz as (``admin,asn``): scripts/test fuzzes every
operation on each database, as some of the five callers in one variant and the others in the other.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

SCOPE = os.environ.get("TANGKAS_TEST_SCOPE", "all")
FUZZ = os.environ.get("TANGKAS_TEST_FUZZ", "on")
# off: deselects the generated clients (tests/clients; scripts/test builds them in one variant)
CLIENTS = os.environ.get("TANGKAS_TEST_CLIENTS", "on")
# off: deselects the authorization matrix (scripts/test runs it once, on PostgreSQL)
MATRIX = os.environ.get("TANGKAS_TEST_MATRIX", "on")

FUZZ_CALLERS = ("admin", "superadmin", "anonymous", "asn", "manager")
REDIS_DIRECTORIES = ("boards", "points", "limits", "fast_paths", "faults", "system", "metrics")
# A board or a display read over HTTP, a budget switched on, Redis named, the board parts used directly, the
# boards held equal to SQL after the work (tests/invariants.py).
REDIS_SIGNS = re.compile(
    r"/leaderboards|/displays|rate_limits=|redis|board_store|gamification\.boards|tests\.invariants", re.IGNORECASE
)
# Modules that name them without reaching them: a board's query refused by validation before any store is
# asked, the bench seed's commands run with Redis switched off.
NAMES_ONLY = {
    "tests/http/test_problem_language.py",
    "tests/http/test_text_hygiene.py",
    "tests/bench/test_bench_seed.py",
}


def fuzzed_as(callers: tuple[str, ...]) -> list[str]:
    """Those of ``callers`` this run fuzzes as."""
    if FUZZ in ("on", "off"):
        return list(callers)
    chosen = {name.strip() for name in FUZZ.split(",")}
    unknown = chosen - set(FUZZ_CALLERS)
    if unknown:
        raise ValueError(f"TANGKAS_TEST_FUZZ names no caller {sorted(unknown)}: {', '.join(FUZZ_CALLERS)}")
    return [caller for caller in callers if caller in chosen]


CHECKOUT = Path(__file__).resolve().parent.parent


def in_checkout(path: Path) -> str:
    """``path`` as the checkout names it (``tests/boards/test_x.py``); empty outside it."""
    try:
        return path.resolve().relative_to(CHECKOUT).as_posix()
    except ValueError:
        return ""


@cache
def reaches_redis(module: Path) -> bool:
    """Whether the test module at ``module`` (under tests/) reaches a Redis-backed path."""
    if in_checkout(module) in NAMES_ONLY:
        return False
    return module.parent.name in REDIS_DIRECTORIES or bool(REDIS_SIGNS.search(module.read_text(encoding="utf-8")))


def absent_marks(*, redis: bool, postgres: bool) -> set[str]:
    """The marks whose tests this variant leaves out."""
    absent = set()
    if not redis:
        absent.add("redis")
    if not postgres:
        absent.add("postgres")
    if FUZZ == "off":
        absent.add("fuzz")
    if MATRIX == "off":
        absent.add("matrix")
    if CLIENTS == "off":
        absent.add("clients")
    return absent


# Modules of a minute or more (a compiler, a browser, a live server): handed to the workers first, so that
# none of them starts last and keeps the run waiting while the other workers are done.
LONG_FIRST = ("tests/clients/", "tests/fuzz/", "tests/demo/", "tests/e2e/", "tests/system/", "tests/faults/")


def long_ones_first(items: list) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))


def left_uncollected(path: Path) -> bool:
    """Modules this variant would deselect whole, not even imported: the fuzzer's (schemathesis builds its cases
    at import, a third of a worker's collection), the clients', and with Redis those that do not reach it."""
    named = in_checkout(path) + "/"
    if named.startswith("tests/fuzz/") and FUZZ == "off" or named.startswith("tests/clients/") and CLIENTS == "off":
        return True
    return SCOPE == "redis" and path.suffix == ".py" and path.name.startswith("test_") and not reaches_redis(path)


def selected(item, absent: set[str]) -> bool:
    if absent & set(item.keywords):
        return False
    return SCOPE != "redis" or reaches_redis(Path(item.path))

"""The app a server process serves (``tangkas serve``) moves what start-up made out of the garbage collector's
sight once started; the apps the tests build do not (a frozen object is never freed)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVE_ONCE = """
import gc
from litestar.testing import TestClient
from api.app import {factory}
before = gc.get_freeze_count()
with TestClient({factory}()) as client:
    print(before, gc.get_freeze_count(), client.get("/health").status_code)
"""


def frozen_after_start(factory: str, tmp_path: Path) -> tuple[int, int, int]:
    env = os.environ | {
        "TANGKAS_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "TANGKAS_REDIS_URL": "",
        "TANGKAS_SCHEDULER": "off",
        "TANGKAS_JWT_SECRET": "s" * 64,
    }
    run = subprocess.run(
        [sys.executable, "-c", SERVE_ONCE.format(factory=factory)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    before, after, status = map(int, run.stdout.split()[-3:])
    return before, after, status


def test_the_served_app_freezes_what_start_up_made_and_the_tests_app_does_not(tmp_path):
    before, after, status = frozen_after_start("create_served_app", tmp_path)
    assert (before, status) == (0, 200) and after > 50_000  # the routes, the document, the tables
    assert frozen_after_start("create_app", tmp_path)[1] == 0

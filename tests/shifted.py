"""``python -m tests.shifted -m MODULE ...`` or ``-c PROGRAM ...``: Python on a pinned run's clock.

A pinned test run (``TANGKAS_TEST_PIN``) moves its own clock; the servers and jobs a test starts in
processes of their own must see the same time, or tokens would be issued in their future.
"""

from __future__ import annotations

import datetime as dt
import os
import runpy
import sys

import time_machine

from tests.clock import SHIFT_VARIABLE, start_ticking


def main() -> None:
    shift = dt.timedelta(seconds=float(os.environ[SHIFT_VARIABLE]))
    start_ticking(time_machine.travel(dt.datetime.now(dt.timezone.utc) + shift, tick=True))
    flag, target, *rest = sys.argv[1:]
    if flag == "-m":
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    elif flag == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
    else:
        raise SystemExit(f"tests.shifted: expected -m MODULE or -c PROGRAM, got {flag!r}")


if __name__ == "__main__":
    main()

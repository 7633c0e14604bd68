"""Running the generators, compilers and programs the client tests build with."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def run(*command: str | Path, cwd: Path) -> str:
    """Run a command to its end and answer what it printed; a non-zero exit fails the test with its output."""
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr

"""Servers started the production way, and wrk driving them with prepared requests."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "requests.lua"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad: int  # answers other than 2xx and 3xx


class Server:
    """An ASGI app under uvicorn with ``workers`` processes, as in production; stopped on exit."""

    def __init__(self, name: str, app: str, env: dict[str, str], workers: int = 2, ready: str = "/health") -> None:
        self.name, self.port, self.ready = name, free_port(), ready
        self.argv = [
            sys.executable, "-m", "uvicorn", app, "--factory", "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(workers), "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
        self.env = {**os.environ, **env}
        self.log = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            self.argv, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped: see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + self.ready, timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} not ready in 120 s: see {self.log.name}")

    def __exit__(self, *_) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def worker_peak_mb(self) -> float:
        """The largest peak resident size (VmHWM) among the worker processes so far."""
        peaks = [_peak_kb(pid) for pid in _children(self.process.pid)]
        return max(peaks, default=_peak_kb(self.process.pid)) / 1024

    def worker_rss_mb(self) -> float:
        """The resident size of the workers now (of the server itself when it runs one worker)."""
        pids = _children(self.process.pid) or [self.process.pid]
        return sum(_peak_kb(pid, "VmRSS:") for pid in pids) / 1024


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def _peak_kb(pid: int, field: str = "VmHWM:") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_wrk(base_url: str, lines: list[str], connections: int, seconds: int, threads: int = 2) -> Load:
    """``lines``: "METHOD\\tPATH\\tTOKEN\\tETAG\\tBODY", replayed in turn (see requests.lua)."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as file:
        file.write("\n".join(lines) + "\n")
    env = {**os.environ, "BENCH_REQUESTS": file.name, "BENCH_THREADS": str(threads)}
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", str(LUA)]
    output = subprocess.run([*argv, base_url], env=env, capture_output=True, text=True, check=True).stdout
    os.unlink(file.name)
    return _parse(output)


def _parse(output: str) -> Load:
    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency("50"),
        p99_ms=latency("99"),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        bad=int(bad.group(1)) if bad else 0,
    )


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a command; its wall time in seconds, peak resident size in MB and output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{output[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, output

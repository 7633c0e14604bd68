"""Tangkas processes of a test's own: ``tangkas serve`` and ``tangkas scheduler`` as separate processes.

Each runs this checkout's code (``python -m api.cli`` from the repository root) with the
environment given; its output (stdout and stderr together) goes to a file, so that the test can
read the logs and show them when it fails. Processes are killed together, whatever happened.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.clock import SHIFT_VARIABLE, python_command
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 60  # four processes importing and migrating at once on a busy machine


@dataclass
class TangkasProcess:
    name: str
    popen: subprocess.Popen
    output_file: Path
    port: int | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def holder(self) -> str:
        """How the process signs the ``job_run`` rows it runs (``gamification.storage.job_runs.HOLDER``)."""
        return f"{socket.gethostname()}:{self.popen.pid}"

    def output(self) -> str:
        return self.output_file.read_text(errors="replace")

    def alive(self) -> bool:
        return self.popen.poll() is None


class Processes:
    """Start ``tangkas`` commands with one environment; ``kill_all`` ends every one of them."""

    def __init__(self, env: dict[str, str], directory: Path) -> None:
        inherited = {
            key: value for key, value in os.environ.items() if not key.startswith("TANGKAS_") or key == SHIFT_VARIABLE
        }
        self.env = inherited | {"PYTHONUNBUFFERED": "1"} | env
        self.directory = directory
        self.started: list[TangkasProcess] = []

    def start(
        self, name: str, *args: str, env: dict[str, str] | None = None, port: int | None = None
    ) -> TangkasProcess:
        output_file = self.directory / f"{name}.log"
        with output_file.open("wb") as output:
            popen = subprocess.Popen(
                python_command("-m", "api.cli", *args),
                cwd=ROOT,
                env=self.env | (env or {}),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        process = TangkasProcess(name, popen, output_file, port)
        self.started.append(process)
        return process

    def serve(self, name: str, env: dict[str, str] | None = None) -> TangkasProcess:
        port = free_port()
        return self.start(name, "serve", "--port", str(port), env=env, port=port)

    def scheduler(self, name: str, env: dict[str, str] | None = None) -> TangkasProcess:
        return self.start(name, "scheduler", env=env)

    async def ready(self, process: TangkasProcess) -> None:
        """An API answering ``/ready`` with 200, or a scheduler that has started its jobs."""
        deadline = asyncio.get_running_loop().time() + STARTUP_SECONDS
        async with httpx.AsyncClient(timeout=2) as client:
            while not await self._is_ready(process, client):
                assert process.alive(), f"{process.name} exited with {process.popen.returncode}:\n{process.output()}"
                assert asyncio.get_running_loop().time() < deadline, f"{process.name} not ready:\n{process.output()}"
                await asyncio.sleep(0.1)

    @staticmethod
    async def _is_ready(process: TangkasProcess, client: httpx.AsyncClient) -> bool:
        if process.port is None:
            return "Penjadwal berjalan" in process.output()
        try:
            return (await client.get(f"{process.url}/ready")).status_code == 200
        except httpx.TransportError:
            return False

    def kill_all(self) -> None:
        for process in self.started:
            if process.alive():
                process.popen.kill()
            process.popen.wait()

    def report(self) -> str:
        """Every process's exit status and output, for a failure message."""
        return "\n\n".join(
            f"===== {p.name} (pid {p.popen.pid}, exit {p.popen.poll()}) =====\n{p.output()}" for p in self.started
        )

"""A real three-node Redis Cluster (no replicas, no persistence, temporary directories), started once per
session by the ``redis_cluster_url`` fixture and stopped after it.

The nodes listen on TANGKAS_TEST_REDIS_CLUSTER_PORT (7101 unless given) and the two ports after it, three
more per pytest-xdist worker. Without redis-server the tests that need it skip, and fail under CI=true.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from redis import Redis
from redis.exceptions import RedisError

from tests.backends import server_missing, worker_number

NODES = 3
FIRST_PORT = int(os.environ.get("TANGKAS_TEST_REDIS_CLUSTER_PORT", "7101")) + NODES * worker_number()


def start_node(port: int, directory: str) -> subprocess.Popen:
    argv = [
        shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--dir", directory,
        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000",
        "--save", "", "--appendonly", "no",
    ]  # fmt: skip
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL)


def wait_until(check, what: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (RedisError, OSError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"Redis Cluster: {what} not within {seconds} s")


@pytest.fixture(scope="session")
def redis_cluster_url(tmp_path_factory):
    """``redis+cluster://`` of a fresh cluster whose 16,384 slots are spread over three primaries."""
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        server_missing("Redis Cluster", FileNotFoundError("redis-server or redis-cli is not installed"))
    ports = [FIRST_PORT + n for n in range(NODES)]
    nodes = []
    try:
        for port in ports:
            nodes.append(start_node(port, str(tmp_path_factory.mktemp(f"redis-{port}"))))
        clients = [Redis(port=port, socket_connect_timeout=1) for port in ports]
        wait_until(lambda: all(client.ping() for client in clients), "nodes up")
        subprocess.run(
            ["redis-cli", "--cluster", "create", *(f"127.0.0.1:{port}" for port in ports)]
            + ["--cluster-replicas", "0", "--cluster-yes"],
            check=True,
            capture_output=True,
        )
        wait_until(
            lambda: all(b"cluster_state:ok" in client.execute_command("CLUSTER", "INFO") for client in clients),
            "slots served",
        )
        yield f"redis+cluster://127.0.0.1:{ports[0]}"
    finally:
        for node in nodes:
            node.kill()
            node.wait()

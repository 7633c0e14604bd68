"""Several worker processes: with PROMETHEUS_MULTIPROC_DIR, a scrape of any of them answers the sum."""

import os
import subprocess
import sys

WORKER = """
from gamification.storage.metrics import HTTP_REQUESTS
HTTP_REQUESTS.labels("GET", "/api/v1/me", "2xx").inc()
"""
SCRAPE = """
from prometheus_client import generate_latest
from gamification.storage.metrics import _registry
print(generate_latest(_registry()).decode())
"""


def test_the_workers_counts_are_summed(tmp_path):
    env = os.environ | {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", WORKER], env=env, check=True, timeout=60)
    text = subprocess.run(
        [sys.executable, "-c", SCRAPE], env=env, check=True, timeout=60, capture_output=True, text=True
    ).stdout
    assert 'tangkas_http_requests_total{method="GET",route="/api/v1/me",status="2xx"} 2.0' in text

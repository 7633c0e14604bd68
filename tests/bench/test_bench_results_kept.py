"""The benchmark keeps each recalculation result on disk as soon as it is measured."""

from __future__ import annotations

import json

from bench.run import KeptAsMeasured


def test_each_result_is_on_disk_before_the_next_step_runs(tmp_path):
    path = tmp_path / "results.md.recalc.json"
    results = KeptAsMeasured(path)

    results["first"] = (451.9, 114.0, 450.1)
    assert json.loads(path.read_text()) == {"first": [451.9, 114.0, 450.1]}

    results["full"] = (80.5, 99.0, 79.0)
    assert json.loads(path.read_text()) == {"first": [451.9, 114.0, 450.1], "full": [80.5, 99.0, 79.0]}

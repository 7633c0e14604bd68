"""Benchmarks from a checkout: the harness (``python -m bench.run``) and the benchmark data
generator (``python -m bench.seed``). Not in the wheel: nothing in api/, domain/ or gamification/
imports it; ``tangkas bench seed`` loads it only when asked for."""

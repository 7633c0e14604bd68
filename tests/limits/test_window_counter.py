from gamification.limits.window_counter import MemoryWindowCounter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_failures_count_within_a_window_and_reset_after_it():
    clock = Clock()
    counter = MemoryWindowCounter(clock)
    for _ in range(3):
        await counter.add("k", window_seconds=60)
    assert await counter.count("k") == (3, 60)
    clock.now += 59.5
    assert (await counter.count("k"))[0] == 3
    clock.now += 1
    assert await counter.count("k") == (0, 0)
    await counter.add("k", window_seconds=60)
    assert (await counter.count("k"))[0] == 1


async def test_clear_forgets_the_key():
    counter = MemoryWindowCounter()
    await counter.add("k", 60)
    await counter.clear("k")
    assert await counter.count("k") == (0, 0)

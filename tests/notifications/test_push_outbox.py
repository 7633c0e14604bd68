"""The push sender drains the outbox: once per device, retried with backoff, never for those who opted out,
and nothing lost or shown twice when it dies half-way."""

import datetime as dt
from collections import Counter

import pytest

from domain.push import FIRST_BACKOFF, MAX_ATTEMPTS, SendResult
from gamification.notifications.inbox import notify
from gamification.notifications.outbox import PushOutbox
from gamification.notifications.scheduled import push_job
from gamification.notifications.senders import Answer, Device, PushMessage
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Notification, Person, PushDevice

T0 = dt.datetime.now(dt.timezone.utc)


class Crash(Exception):
    """The sender's process dying, as far as the outbox can tell."""


class FakePushService:
    """Records every send; answers per token from a script (default: sent). ``crash_at`` ends the run on
    the n-th send, before or after the service took the message."""

    def __init__(self, script: dict[str, list[SendResult]] | None = None) -> None:
        self.script = script or {}
        self.sends: list[tuple[str, str]] = []  # (token, collapse key) the service took
        self.crash_at: int | None = None
        self.crash_after_taking = False
        self._calls = 0

    async def send(self, device: Device, message: PushMessage) -> Answer:
        self._calls += 1
        if self._calls == self.crash_at and not self.crash_after_taking:
            raise Crash
        results = self.script.get(device.token) or [SendResult.SENT]
        result = results.pop(0) if len(results) > 1 else results[0]
        if result is SendResult.SENT:
            self.sends.append((device.token, message.collapse_key))
        if self._calls == self.crash_at:
            raise Crash
        return Answer(result)

    async def close(self) -> None:
        pass

    def shown(self) -> set[tuple[str, str]]:
        """What the phones show: one notification per collapse key and phone."""
        return set(self.sends)


async def note(person_id: int, kind: str = "badge", title: str = "Lencana baru") -> int:
    async with unit_of_work():
        await notify(person_id, kind, title, "isi", badge=7)
    return (await Notification.select(Notification.id).order_by(Notification.id, ascending=False).first())["id"]


async def device(person_id: int, token: str) -> None:
    await PushDevice.insert(PushDevice(person=person_id, token=token, platform="android"))


async def state(notification_id: int) -> dict:
    return (
        await Notification.select(
            Notification.pushed_at, Notification.push_result, Notification.push_attempts, Notification.push_next_at
        )
        .where(Notification.id == notification_id)
        .first()
    )


async def test_each_device_gets_each_notification_once(app, world):
    p = world.pontianak
    await device(p.asn, "phone")
    await device(p.asn, "tablet")
    await device(p.asn_child, "other")
    first, second = await note(p.asn), await note(p.asn_child, "level_up")
    service = FakePushService()
    assert await PushOutbox(service).drain(T0) == {"sent": 2}
    assert sorted(service.sends) == sorted(
        [("phone", f"tangkas-{first}"), ("tablet", f"tangkas-{first}"), ("other", f"tangkas-{second}")]
    )
    assert await PushOutbox(service).drain(T0 + dt.timedelta(hours=1)) == {}
    assert len(service.sends) == 3
    assert {(await state(n))["push_result"] for n in (first, second)} == {"sent"}


async def test_no_push_for_people_who_opted_out_or_muted_the_kind(app, world):
    p = world.pontianak
    await device(p.asn, "phone")
    await device(p.asn_child, "other")
    await Person.update({Person.push_enabled: False}).where(Person.id == p.asn)
    await Person.update({Person.push_muted_kinds: "badge;event_seat"}).where(Person.id == p.asn_child)
    off, muted, wanted = await note(p.asn), await note(p.asn_child, "badge"), await note(p.asn_child, "level_up")
    service = FakePushService()
    assert await PushOutbox(service).drain(T0) == {"opted_out": 2, "sent": 1}
    assert service.sends == [("other", f"tangkas-{wanted}")]
    assert [(await state(n))["push_result"] for n in (off, muted)] == ["opted_out", "opted_out"]
    assert await Notification.count().where(Notification.read_at.is_null()) == 3  # the inbox keeps them all


async def test_nobody_to_push_to_and_old_news_are_done_without_a_send(app, world):
    p = world.pontianak
    nobody = await note(p.asn)
    await device(p.asn_child, "other")
    old = await note(p.asn_child)
    await Notification.update({Notification.created_at: T0 - dt.timedelta(days=2)}).where(Notification.id == old)
    service = FakePushService()
    assert await PushOutbox(service).drain(T0) == {"no_device": 1, "stale": 1}
    assert service.sends == [] and (await state(nobody))["push_result"] == "no_device"


async def test_failures_are_retried_with_backoff_and_given_up_after_the_last_try(app, world):
    p = world.pontianak
    await device(p.asn, "flaky")
    n = await note(p.asn)
    service = FakePushService({"flaky": [SendResult.RETRY, SendResult.RETRY, SendResult.SENT]})
    outbox = PushOutbox(service)
    assert await outbox.drain(T0) == {"retry": 1}
    first = await state(n)
    assert (first["push_attempts"], first["push_next_at"], first["pushed_at"]) == (1, T0 + FIRST_BACKOFF, None)
    assert await outbox.drain(T0 + FIRST_BACKOFF - dt.timedelta(seconds=1)) == {}  # not yet
    now = T0 + FIRST_BACKOFF
    assert await outbox.drain(now) == {"retry": 1}
    assert (await state(n))["push_next_at"] == now + 2 * FIRST_BACKOFF  # doubled
    assert await outbox.drain(now + 2 * FIRST_BACKOFF) == {"sent": 1}
    assert service.sends == [("flaky", f"tangkas-{n}")] and (await state(n))["push_attempts"] == 3

    down = await note(p.asn)
    service.script["flaky"] = [SendResult.RETRY]
    now = T0
    for _ in range(MAX_ATTEMPTS):
        counts = await outbox.drain(now)
        now = max(now, (await state(down))["push_next_at"] or now)
    assert counts == {"gave_up": 1}
    assert ((await state(down))["push_result"], (await state(down))["push_attempts"]) == ("gave_up", MAX_ATTEMPTS)


async def test_a_retry_goes_only_to_the_devices_that_failed(app, world):
    p = world.pontianak
    await device(p.asn, "good")
    await device(p.asn, "flaky")
    await note(p.asn)
    service = FakePushService({"flaky": [SendResult.RETRY, SendResult.SENT]})
    assert await PushOutbox(service).drain(T0) == {"retry": 1}
    assert await PushOutbox(service).drain(T0 + FIRST_BACKOFF) == {"sent": 1}
    assert Counter(token for token, _ in service.sends) == {"good": 1, "flaky": 1}


async def test_an_unregistered_token_removes_the_device(app, world):
    p = world.pontianak
    await device(p.asn, "gone")
    await device(p.asn, "kept")
    n = await note(p.asn)
    service = FakePushService({"gone": [SendResult.UNREGISTERED]})
    assert await PushOutbox(service).drain(T0) == {"sent": 1}
    assert await PushDevice.select(PushDevice.token).output(as_list=True) == ["kept"]
    only = await note(p.asn_child)
    await device(p.asn_child, "gone-too")
    service.script["gone-too"] = [SendResult.UNREGISTERED]
    assert await PushOutbox(service).drain(T0) == {"no_device": 1}
    assert (await state(only))["push_result"] == "no_device" and (await state(n))["push_result"] == "sent"


@pytest.mark.parametrize("after_taking", [False, True], ids=["before the service took it", "after"])
async def test_a_sender_dying_half_way_loses_nothing_and_shows_nothing_twice(app, world, after_taking):
    p = world.pontianak
    await device(p.asn, "phone")
    await device(p.asn, "tablet")
    notes = [await note(p.asn, title=f"Kabar {k}") for k in range(3)]
    service = FakePushService()
    service.crash_at, service.crash_after_taking = 4, after_taking  # the second notification's second device
    with pytest.raises(Crash):
        await PushOutbox(service).drain(T0)
    assert (await state(notes[1]))["pushed_at"] is None  # held by the dead sender's claim
    restarted = FakePushService()
    restarted.sends = service.sends  # the same phones
    assert await PushOutbox(restarted).drain(T0 + dt.timedelta(seconds=30)) == {
        "sent": 1
    }  # the third; the second is leased
    assert await PushOutbox(restarted).drain(T0 + dt.timedelta(minutes=6)) == {"sent": 1}  # the lease is over
    expected = {(token, f"tangkas-{n}") for n in notes for token in ("phone", "tablet")}
    assert restarted.shown() == expected
    taken = Counter(restarted.sends)
    # the only repeat: the one message the service took just before the sender died, under its collapse key
    assert sum(taken.values()) == len(expected) + (1 if after_taking else 0)
    assert {(await state(n))["push_result"] for n in notes} == {"sent"}


async def test_the_job_runs_once_per_minute_whoever_fires_it(app, world):
    p = world.pontianak
    await device(p.asn, "phone")
    await note(p.asn)
    service = FakePushService()
    at = T0.replace(second=5)
    assert await push_job(PushOutbox(service), at) == {"sent": 1}
    assert await push_job(PushOutbox(service), at.replace(second=40)) is None  # the same minute: taken
    assert len(service.sends) == 1


def test_the_scheduler_drains_every_minute_and_the_command_line_on_demand(tmp_path):
    from click.testing import CliRunner

    from api.bootstrap import bootstrap
    from api.cli import main
    from api.scheduler import build_scheduler
    from gamification.storage.settings import Settings
    from tests.conftest import TEST_SECRET

    scheduler = build_scheduler(bootstrap(Settings(jwt_secret=TEST_SECRET)))
    assert str(scheduler.get_job("push").trigger) == "cron[minute='*']"
    env = {"TANGKAS_JWT_SECRET": "s" * 48, "TANGKAS_DATABASE_URL": f"sqlite:///{tmp_path / 'push.sqlite'}"}
    result = CliRunner().invoke(main, ["push"], env=env)
    assert result.exit_code == 0, result.output
    assert "Notifikasi push: tidak ada." in result.output

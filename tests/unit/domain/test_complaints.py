"""The complaint rules with no I/O: moves, tracking codes, the answer's deadline in working days."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain.complaints import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Move,
    Status,
    check_body,
    check_contact,
    check_move,
    due_at,
    is_overdue,
    new_tracking_code,
    normalise_code,
    shown_code,
)
from domain.errors import Conflict, InvalidInput

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
UTC = dt.timezone.utc


def test_the_moves_go_received_in_progress_answered_closed_and_nothing_else():
    assert check_move(Status.RECEIVED, Move.PROGRESS) is Status.IN_PROGRESS
    assert check_move(Status.RECEIVED, Move.ANSWER) is Status.ANSWERED
    assert check_move(Status.IN_PROGRESS, Move.ANSWER) is Status.ANSWERED
    assert check_move(Status.ANSWERED, Move.CLOSE) is Status.CLOSED
    for current, move in [
        (Status.RECEIVED, Move.CLOSE),
        (Status.IN_PROGRESS, Move.CLOSE),
        (Status.ANSWERED, Move.PROGRESS),
        (Status.ANSWERED, Move.ANSWER),
        (Status.CLOSED, Move.ANSWER),
        (Status.CLOSED, Move.PROGRESS),
    ]:
        with pytest.raises(Conflict) as refused:
            check_move(current, move)
        assert refused.value.code == "complaint_wrong_state"


def test_a_tracking_code_is_random_unambiguous_and_read_back_however_it_is_typed():
    codes = {new_tracking_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01IOL") & set(CODE_ALPHABET)
    code = next(iter(codes))
    shown = shown_code(code)
    assert shown == f"{code[:5]}-{code[5:]}"
    for typed in (shown, shown.lower(), f"  {code[:5].lower()} {code[5:]} ", code[:3] + "-" + code[3:]):
        assert normalise_code(typed) == code
    for typed in ("", code[:-1], code + "2", "OOOOO-OOOOO", "<script>x", "٣" * 10):
        assert normalise_code(typed) is None


@pytest.mark.parametrize(
    ("zone", "due_local"),
    [
        # Thursday 17 Dec 2026 15:30 UTC: Thursday night in WIB and WITA, already Friday in WIT
        (WIB, dt.datetime(2026, 12, 18, 23, 59, 59)),
        (WITA, dt.datetime(2026, 12, 18, 23, 59, 59)),
        (WIT, dt.datetime(2026, 12, 21, 23, 59, 59)),  # Friday's one working day is Monday
    ],
)
def test_one_working_day_counts_from_the_local_filing_day(zone, due_local):
    filed = dt.datetime(2026, 12, 17, 15, 30, tzinfo=UTC)
    assert due_at(filed, 1, zone, set()) == due_local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


@pytest.mark.parametrize("zone", [WIB, WITA, WIT])
def test_five_working_days_skip_the_weekend_and_the_regions_holiday(zone):
    filed = dt.datetime.combine(dt.date(2026, 12, 18), dt.time(10, 0), tzinfo=ZoneInfo(zone))  # a Friday
    christmas = {dt.date(2026, 12, 25)}
    # Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 holiday, Sat, Sun), Mon 28
    due = due_at(filed, 5, zone, christmas).astimezone(ZoneInfo(zone))
    assert (due.date(), due.time()) == (dt.date(2026, 12, 28), dt.time(23, 59, 59))
    assert due_at(filed, 5, zone, set()).astimezone(ZoneInfo(zone)).date() == dt.date(2026, 12, 25)


def test_overdue_is_only_while_the_unit_owes_an_answer():
    due = dt.datetime(2026, 12, 28, 16, 59, 59, tzinfo=UTC)
    later = due + dt.timedelta(seconds=1)
    assert is_overdue(Status.RECEIVED, due, later) and is_overdue(Status.IN_PROGRESS, due, later)
    assert not is_overdue(Status.RECEIVED, due, due)
    assert not is_overdue(Status.ANSWERED, due, later) and not is_overdue(Status.CLOSED, due, later)


def test_a_body_is_bounded_and_a_contact_needs_consent():
    assert check_body("  Loket tutup\r\nlebih awal.  ") == "Loket tutup\nlebih awal."
    for bad in ("pendek", "x" * 2001, "\u200b" * 20, "Loket \u202etutup lebih awal"):
        with pytest.raises(InvalidInput):
            check_body(bad)
    assert check_contact(None, True).value == "" and check_contact("  ", True).consent is False
    assert check_contact(" 0812  3456 7890 ", True) == check_contact("0812 3456 7890", True)
    with pytest.raises(InvalidInput) as refused:
        check_contact("0812 3456 7890", False)
    assert refused.value.code == "complaint_contact_without_consent"
    with pytest.raises(InvalidInput):
        check_contact("x" * 161, True)

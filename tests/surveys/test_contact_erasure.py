"""UU PDP: citizens' contacts are blanked once their erase time has passed, on survey answers and complaints,
by a job that runs once per trigger (and on the command line)."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from api.bootstrap import bootstrap
from api.cli import main
from api.scheduler import build_scheduler
from gamification.storage.settings import Settings
from gamification.storage.tables import Complaint, JobRun, SurveyAnswer
from gamification.surveys.scheduled import erase_contacts_job
from tests.conftest import TEST_SECRET
from tests.surveys.moderation_helpers import add_answer, add_complaint, add_service_point

NOW = dt.datetime(2026, 12, 7, 10, 47, 3, tzinfo=dt.timezone.utc)


async def contacts(table) -> dict[int, tuple[str, bool]]:
    rows = await table.select(table.id, table.contact, table.contact_consent)
    return {row["id"]: (row["contact"], row["contact_consent"]) for row in rows}


async def test_contacts_past_their_time_are_blanked_once_per_trigger(world):
    p = world.pontianak
    point = await add_service_point(p.region_id, p.head_unit)
    passed, due_in_the_hour, later = NOW - dt.timedelta(days=1), NOW.replace(minute=0), NOW + dt.timedelta(minutes=5)
    old = await add_answer(point, p.region_id, p.head_unit, contact="0812 3456 7890", contact_erase_at=passed)
    on_time = await add_answer(
        point, p.region_id, p.head_unit, contact="warga@contoh.id", contact_erase_at=due_in_the_hour
    )
    kept = await add_answer(point, p.region_id, p.head_unit, contact="0813 1111 2222", contact_erase_at=later)
    none = await add_answer(point, p.region_id, p.head_unit)
    filed = await add_complaint(point, p.region_id, p.head_unit, contact="0812 9999 0000", contact_erase_at=passed)
    open_case = await add_complaint(point, p.region_id, p.head_unit, contact="0815 0000 1111", contact_erase_at=later)

    assert await erase_contacts_job(now=NOW) == {"survey_answers": 2, "complaints": 1}
    assert await erase_contacts_job(now=NOW + dt.timedelta(minutes=3)) is None  # the same trigger: once
    assert await contacts(SurveyAnswer) == {
        old: ("", False),
        on_time: ("", False),
        kept: ("0813 1111 2222", True),
        none: ("", False),
    }
    assert await contacts(Complaint) == {filed: ("", False), open_case: ("0815 0000 1111", True)}
    answer = await SurveyAnswer.select().where(SurveyAnswer.id == old).first()
    assert (answer["u1"], answer["comment"]) == (3, "Petugasnya ramah dan cepat.")  # the rest stays for the IKM

    next_hour = NOW + dt.timedelta(hours=1)
    assert await erase_contacts_job(now=next_hour) == {"survey_answers": 1, "complaints": 1}
    assert await erase_contacts_job(now=next_hour + dt.timedelta(hours=1)) == {"survey_answers": 0, "complaints": 0}
    runs = await JobRun.select(JobRun.outcome).where(JobRun.job == "erase_contacts")
    assert [run["outcome"] for run in runs] == ["ok", "ok", "ok"]
    scheduler = build_scheduler(bootstrap(Settings(jwt_secret=TEST_SECRET)))
    assert str(scheduler.get_job("erase_contacts").trigger) == "cron[minute='45']"


def test_the_command_line_erases_contacts_on_demand(tmp_path):
    env = {"TANGKAS_JWT_SECRET": "s" * 48, "TANGKAS_DATABASE_URL": f"sqlite:///{tmp_path / 'erase.sqlite'}"}
    result = CliRunner().invoke(main, ["erase-contacts"], env=env)
    assert result.exit_code == 0, result.output
    assert "Kontak dihapus: 0 jawaban survei, 0 pengaduan." in result.output

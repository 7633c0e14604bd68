"""When the scheduled jobs run, and nothing else: each job lives in its feature and runs once per
trigger whichever process fires it (``gamification/storage/job_runs.py``).

The recalculation every few minutes (``TANGKAS_RECALC_EVERY_SECONDS``) and in full at night (complete on Sunday
nights), each region's day closing within the hour after its own local midnight, the leaderboard periods that ended closed every
hour, and redemptions nobody decided released every hour; the deciders' digest at 07:00 in each zone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from gamification.boards.scheduled import close_periods_job
from gamification.complaints.scheduled import EVERY_MINUTES, flag_overdue_job  # complaints
from gamification.notifications.scheduled import push_job  # push notifications
from gamification.points.scheduled import close_days_job, full_rebuild_job, recalc_job
from gamification.rewards.scheduled import decision_digest_job, expire_holds_job
from gamification.satisfaction.scheduled import award_unit_badges_job  # satisfaction
from gamification.surveys.scheduled import erase_contacts_job  # moderation and praise: contact erasure

if TYPE_CHECKING:
    from api.bootstrap import Tangkas

FULL_REBUILD_AT = "02:00"  # WIB
MISFIRE_GRACE_SECONDS = 30


def every(seconds: int) -> CronTrigger:
    """A cron trigger every ``seconds`` (see ``settings.fits_the_hour``); 300 is ``*/5`` minutes."""
    if seconds < 60:
        return CronTrigger(second=f"*/{seconds}")
    minutes = seconds // 60
    return CronTrigger(minute=f"*/{minutes}" if minutes < 60 else 0)


def build_scheduler(tangkas: Tangkas) -> AsyncIOScheduler:
    settings, boards = tangkas.settings, tangkas.boards
    points = {"follow": boards.writes, "check_boards": boards.consistency.check}
    # A late firing (a busy loop, a process paused) still runs within the grace; it keys the same trigger
    # (storage/job_runs.trigger_time), so it never runs twice.
    defaults = {"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS}
    scheduler = AsyncIOScheduler(timezone="UTC", job_defaults=defaults)
    scheduler.add_job(expire_holds_job, CronTrigger(minute=30), args=[settings.redemption_hold_days], id="expire_holds")
    scheduler.add_job(
        recalc_job,
        every(settings.recalc_every_seconds),
        kwargs=points | {"every_seconds": settings.recalc_every_seconds},
        id="recalc",
    )
    hour, minute = FULL_REBUILD_AT.split(":")
    scheduler.add_job(
        full_rebuild_job,
        CronTrigger(hour=int(hour), minute=int(minute), timezone="Asia/Jakarta"),
        kwargs=points,
        id="recalc_full",
    )
    scheduler.add_job(close_periods_job, CronTrigger(minute=0), id="close_periods")
    # every hour: the regions' zones whose midnight has just passed (each closes once, keyed by its midnight)
    scheduler.add_job(close_days_job, CronTrigger(minute=0), id="close_days")
    # satisfaction: daily at 02:40 WIB (after midnight in every Indonesian zone), unit badges of periods just ended
    scheduler.add_job(award_unit_badges_job, CronTrigger(hour=19, minute=40), id="award_unit_badges")
    # UU PDP: citizens' contacts past their erase time blanked every hour
    scheduler.add_job(erase_contacts_job, CronTrigger(minute=45), id="erase_contacts")
    # complaints: every 15 minutes, complaints past their deadline unanswered are flagged to their managers once
    scheduler.add_job(flag_overdue_job, CronTrigger(minute=f"*/{EVERY_MINUTES}"), id="complaints_overdue")
    # the manager's digest: every hour, the zones whose local 07:00 has just come (domain.decision_digest)
    scheduler.add_job(decision_digest_job, CronTrigger(minute=0), id="decision_digest")
    # push notifications: the outbox drained every minute
    scheduler.add_job(push_job, CronTrigger(minute="*"), args=[tangkas.services["push_outbox"]], id="push")
    return scheduler

"""The scheduler the app builds: digest cron jobs in the business zone, ticks, catch-up runs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.jobs import build_scheduler

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_digest_jobs_follow_their_crons_in_the_business_zone() -> None:
    scheduler = build_scheduler("app", "Europe/Stockholm", 5.0, "30 8 * * fri", "0 7 * * *")
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {
        "prune-inbox",
        "survey-tick",
        "complaint-tick",
        "weekly-digest",
        "daily-digest",
    }
    weekly = jobs["weekly-digest"].trigger
    assert isinstance(weekly, CronTrigger)
    after = datetime(2026, 11, 23, 12, 0, tzinfo=STOCKHOLM)  # a Monday
    assert weekly.get_next_fire_time(None, after) == datetime(
        2026, 11, 27, 8, 30, tzinfo=STOCKHOLM
    )
    daily = jobs["daily-digest"].trigger
    assert daily.get_next_fire_time(None, after) == datetime(2026, 11, 24, 7, 0, tzinfo=STOCKHOLM)
    assert isinstance(jobs["complaint-tick"].trigger, IntervalTrigger)
    # Every job that reads deadlines or periods from the database also runs once at start.
    for name in ("survey-tick", "complaint-tick", "weekly-digest", "daily-digest"):
        assert jobs[name].kwargs == {} and jobs[name].args == ("app",)
        assert jobs[name].next_run_time is not None, name

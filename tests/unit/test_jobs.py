"""The scheduler the app builds: digest cron jobs in the business zone, ticks, catch-up runs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import create_app
from tests.support.helpers import make_settings

STOCKHOLM = ZoneInfo("Europe/Stockholm")


async def test_digest_jobs_follow_their_crons_in_the_business_zone(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        timezone="Europe/Stockholm",
        weekly_digest_cron="30 8 * * fri",
        daily_digest_cron="0 7 * * *",
    )
    app = await create_app(settings)  # every feature schedules its own jobs
    await app.stop()
    jobs = {job.id: job for job in app.wiring.scheduler.get_jobs()}
    assert set(jobs) == {
        "prune-old-data",
        "survey-tick",
        "complaint-tick",
        "search-index",
        "deliver-events",
        "retag-texts",
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
        assert jobs[name].kwargs == {} and jobs[name].args[0] is app.wiring.jobs
        assert jobs[name].next_run_time is not None, name


async def test_every_job_is_scheduled_with_the_context_and_plain_values(tmp_path: Path) -> None:
    """As arq's jobs: what they work with (the database, each feature's context) is in the
    context filled once at start, and a job's own arguments are ids and plain values, so a
    scheduled job holds no live object of its own."""
    settings = make_settings(tmp_path, staff_pulse_cron="0 10 1 * *")
    app = await create_app(settings)
    await app.stop()
    jobs = app.wiring.scheduler.get_jobs()
    assert "staff-pulse" in {job.id for job in jobs}
    for job in jobs:
        context, *values = job.args
        assert context is app.wiring.jobs, job.id
        assert all(isinstance(v, int | float | str) for v in values), (job.id, values)

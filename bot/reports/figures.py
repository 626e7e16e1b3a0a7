"""A period's figures as the stats API and the owners' dashboard both serve them: one
computation, so they can never disagree."""

from __future__ import annotations

from bot.reports.config import Reports
from bot.reports.digest import Digest, build_digest
from bot.reports.periods import requested_period
from storage.db import Database


async def period_figures(
    db: Database, reports: Reports, first: str | None, last: str | None, branch: str | None
) -> Digest:
    """Days `first` to `last` (both, or neither: the last 7 days), optionally one branch;
    raises ValueError naming what is wrong with the dates."""
    now = reports.core.now()
    start, end = requested_period(first, last, reports.config.tz, now)
    async with db.read() as tx:
        return await build_digest(
            tx, start, end, now, reports.config.tz, branch, hours=reports.config.hours
        )

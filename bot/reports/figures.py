"""A period's figures as the stats API and the owners' dashboard both serve them: one
computation, so they can never disagree."""

from __future__ import annotations

from bot.reports.config import Reports
from bot.reports.digest import Digest, build_digest
from bot.reports.periods import requested_period
from storage.db import Database

KNOWN_SHOWN = 20  # an unknown branch's answer lists at most this many known ones


class UnknownBranch(ValueError):
    """A branch no purchase ever had: most likely a typo, so it is said, not answered with
    zeros that read as a quiet branch."""


async def period_figures(
    db: Database, reports: Reports, first: str | None, last: str | None, branch: str | None
) -> Digest:
    """Days `first` to `last` (both, or neither: the last 7 days), optionally one branch;
    raises ValueError naming what is wrong with the dates, UnknownBranch for a branch no
    purchase has."""
    now = reports.core.now()
    start, end = requested_period(first, last, reports.config.tz, now)
    async with db.read() as tx:
        if branch is not None and not await tx.stats.branch_known(branch):
            known = ", ".join(await tx.stats.branches(KNOWN_SHOWN)) or "none yet"
            raise UnknownBranch(f"no purchase has the branch {branch!r}; known: {known}")
        return await build_digest(
            tx, start, end, now, reports.config.tz, branch, hours=reports.config.hours
        )

"""A digest's numbers for one period: SQL aggregates in, a plain dataclass out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.reports.metrics import Change, Nps, change, mean, nps, share
from bot.reports.periods import earlier_periods
from storage.db import Tx
from storage.repos.stats import ComplaintCounts
from storage.states import Deadline
from storage.timefmt import to_db

TREND_PERIODS = 12


@dataclass(frozen=True)
class Digest:
    start: datetime
    end: datetime
    branch: str | None
    nps: Nps
    previous: Nps
    change: Change | None
    invited: int
    response_rate: float | None
    csat: float | None
    expectations: dict[str, float | None]  # worse / as_expected / better, shares of answers
    complaints: ComplaintCounts
    take_on_time: float | None
    resolve_on_time: float | None
    median_take: float | None  # seconds
    median_resolve: float | None
    resolution_satisfaction: float | None
    by_branch: list[tuple[str, Nps]]
    by_segment: list[tuple[str, Nps]]
    aspects: list[tuple[str, int]]
    comments: list[tuple[int, str]]
    distribution: list[int]  # answers per score 0..10
    undelivered: int  # messages Telegram refused or that expired unsent (whole shop, any branch)
    blocked: int  # customers who blocked the bot in the period
    trend: list[tuple[datetime, Nps]]  # TREND_PERIODS calendar periods (with answers), to `end`


async def build_digest(
    tx: Tx,
    start: datetime,
    end: datetime,
    now: datetime,
    tz: ZoneInfo,
    branch: str | None = None,
) -> Digest:
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    # The previous period and the trend are the same calendar periods in the business zone.
    earlier = earlier_periods(start, end, tz, TREND_PERIODS - 1)
    s, e = to_db(start), to_db(end)
    stats = tx.stats
    surveys, distribution = await stats.surveys(s, e, branch)
    previous, _ = await stats.surveys(to_db(earlier[-1][0]), s, branch)
    current = nps(surveys.nps)
    before = nps(previous.nps)
    answered = surveys.worse + surveys.as_expected + surveys.better
    c = await stats.complaints(s, e, to_db(now), branch)
    starts = [at for at, _ in earlier] + [start]
    periods = await stats.trend([to_db(at) for at in [*starts, end]], branch)
    trend = [(at, nps(counts)) for at, counts in zip(starts, periods, strict=True) if counts.n]
    undelivered, blocked = await stats.undelivered(start, end)
    return Digest(
        start=start,
        end=end,
        branch=branch,
        nps=current,
        previous=before,
        change=change(current, before),
        invited=surveys.invited,
        response_rate=share(surveys.nps.n, surveys.invited),
        csat=mean(surveys.csat_sum, surveys.csat_n),
        expectations={
            "worse": share(surveys.worse, answered),
            "as_expected": share(surveys.as_expected, answered),
            "better": share(surveys.better, answered),
        },
        complaints=c,
        take_on_time=share(c.taken_on_time, c.take_due),
        resolve_on_time=share(c.resolved_on_time, c.resolve_due),
        median_take=await stats.median_seconds(Deadline.TAKE, s, e, branch),
        median_resolve=await stats.median_seconds(Deadline.RESOLVE, s, e, branch),
        resolution_satisfaction=share(c.satisfied, c.satisfaction_n),
        by_branch=[(k, nps(v)) for k, v in (await stats.nps_by("branch", s, e, branch)).items()],
        by_segment=[(k, nps(v)) for k, v in (await stats.nps_by("segment", s, e, branch)).items()],
        aspects=await stats.detractor_aspects(s, e, branch),
        comments=await stats.detractor_comments(s, e, branch),
        distribution=distribution,
        undelivered=undelivered,
        blocked=blocked,
        trend=trend,
    )

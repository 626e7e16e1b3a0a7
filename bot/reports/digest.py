"""A digest's numbers for one period: SQL aggregates in, a plain dataclass out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.reports.designed import QuestionFigure, chosen
from bot.reports.fix_effects import FixEffect, fix_effects
from bot.reports.metrics import Change, Nps, change, mean, nps, share
from bot.reports.ontime import ComplaintCounts, cause_counts, complaint_counts
from bot.reports.periods import earlier_periods, judged_at
from bot.reports.sources import OpenedBySource, opened_by_source
from bot.reports.spans import medians
from bot.reports.team import PersonFigures, team_figures
from bot.reports.themes import ThemeFigures, theme_figures
from bot.surveys.asked import every_question, in_survey_order, is_designed
from bot.surveys.rules import BANDS
from bot.timeparse import BusinessHours
from storage.db import Tx
from storage.models import CorrectiveAction
from storage.repos.corrective import CauseCount
from storage.repos.pulse import PulseResult
from storage.repos.referrals import ReferralCounts
from storage.repos.stats import QuestionCounts

TREND_PERIODS = 12
PULSE_WINDOW = timedelta(days=35)  # a monthly round shows in the digests of its month


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
    opened_by: OpenedBySource  # `complaints.opened` by where each came from
    take_on_time: float | None
    resolve_on_time: float | None
    median_take: float | None  # seconds by the clock: what the customer waited
    median_resolve: float | None
    median_take_business: float | None  # seconds in business hours: what the SLA counts
    median_resolve_business: float | None
    resolution_satisfaction: float | None
    by_branch: list[tuple[str, Nps]]
    by_segment: list[tuple[str, Nps]]
    aspects: list[tuple[str, int]]
    comments: list[tuple[int, str]]
    distribution: list[int]  # answers per score 0..10
    undelivered: int  # messages Telegram refused or that expired unsent (whole shop, any branch)
    blocked: int  # customers who blocked the bot in the period
    trend: list[tuple[datetime, Nps]]  # TREND_PERIODS calendar periods (with answers), to `end`
    causes: list[CauseCount]  # `complaints.resolved` by cause, and the previous period's
    fixes_open: int  # fixes the business still owed at the period's end
    fixes_done: list[CorrectiveAction]  # fixes marked done in the period
    referrals: ReferralCounts  # links sent, friends who joined, friends who bought
    advocates: list[tuple[str, int]]  # names (owners only) by friends who bought
    pulse: PulseResult | None  # the staff pulse round of the last PULSE_WINDOW, if any
    team: list[PersonFigures]  # per person (owners only: digests to owners, the dashboard)
    themes: list[ThemeFigures]  # what customers wrote about, most mentioned first
    # The answers to each question but the NPS, by question id, whatever version asked it, in
    # the survey's order (`in_survey_order`).
    questions: dict[str, QuestionCounts] = field(default_factory=dict)
    designed: list[QuestionFigure] = field(default_factory=list)  # the few worth a line
    # Fixes that name a theme: its mentions before and after each (bot/reports/fix_effects.py).
    fix_effects: list[FixEffect] = field(default_factory=list)


async def build_digest(
    tx: Tx,
    start: datetime,
    end: datetime,
    now: datetime,
    tz: ZoneInfo,
    branch: str | None = None,
    *,
    hours: BusinessHours,
) -> Digest:
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    # The previous period and the trend are the same calendar periods in the business zone.
    earlier = earlier_periods(start, end, tz, TREND_PERIODS - 1)
    stats = tx.stats
    surveys, distribution = await stats.surveys(start, end, BANDS, branch)
    previous, _ = await stats.surveys(earlier[-1][0], start, BANDS, branch)
    current = nps(surveys.nps)
    before = nps(previous.nps)
    answered = surveys.worse + surveys.as_expected + surveys.better
    at = judged_at(end, now)
    judged = await stats.complaints(start, end, at, branch)
    c = complaint_counts(judged, at)
    # The previous period's as its own digest judged them (at its end): "up from" what it said.
    before_judged = await stats.complaints(earlier[-1][0], start, judged_at(start, now), branch)
    starts = [at for at, _ in earlier] + [start]
    periods = await stats.trend([*starts, end], BANDS, branch)
    trend = [(at, nps(counts)) for at, counts in zip(starts, periods, strict=True) if counts.n]
    undelivered, blocked = await stats.undelivered(start, end)
    take = medians([(j.opened, j.taken) for j in judged if j.taken], hours, tz)
    resolve = medians([(j.opened, j.resolved) for j in judged if j.resolved], hours, tz)
    by_branch = await stats.nps_by("branch", start, end, BANDS, branch)
    by_segment = await stats.nps_by("segment", start, end, BANDS, branch)
    fixes_open, fixes_done = await tx.corrective.fixes(start, end, branch)
    asked = await every_question(tx)
    counted = await stats.questions(start, end, branch)
    questions = {q: counted[q] for q in in_survey_order(asked, counted)}
    counted_before: dict[str, QuestionCounts] = {}  # read only for questions a shop added
    if any(is_designed(q) for q in questions):
        counted_before = await stats.questions(earlier[-1][0], start, branch)
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
        opened_by=await opened_by_source(tx, start, end, at, branch),
        take_on_time=share(c.taken_on_time, c.take_due),
        resolve_on_time=share(c.resolved_on_time, c.resolve_due),
        median_take=take.wall,
        median_resolve=resolve.wall,
        median_take_business=take.business,
        median_resolve_business=resolve.business,
        resolution_satisfaction=share(c.satisfied, c.satisfaction_n),
        by_branch=[(k, nps(v)) for k, v in by_branch.items()],
        by_segment=[(k, nps(v)) for k, v in by_segment.items()],
        aspects=await stats.detractor_aspects(start, end, BANDS, branch),
        comments=await stats.detractor_comments(start, end, BANDS, branch),
        distribution=distribution,
        undelivered=undelivered,
        blocked=blocked,
        trend=trend,
        causes=cause_counts(judged, before_judged),
        fixes_open=fixes_open,
        fixes_done=fixes_done,
        referrals=await tx.referrals.counts(start, end, branch),
        advocates=await tx.referrals.top_advocates(start, end, branch),
        pulse=await _pulse(tx, end),
        team=team_figures(judged, hours, tz),
        themes=await theme_figures(tx, start, end, earlier[-1][0], branch),
        questions=questions,
        designed=chosen(asked, questions, counted_before),
        fix_effects=await fix_effects(tx, end, branch),
    )


async def _pulse(tx: Tx, end: datetime) -> PulseResult | None:
    """The latest staff pulse round started before `end` (within PULSE_WINDOW). The staff's
    eNPS is the business's, whatever branch a report is about."""
    started = await tx.pulse.latest_round(end - PULSE_WINDOW, end)
    return None if started is None else await tx.pulse.result(started, BANDS)


def worth_a_chart(d: Digest) -> bool:
    """A period without a single answer gets no chart (it would be empty axes)."""
    return sum(d.distribution) > 0

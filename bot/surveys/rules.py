"""Pure scheduling rules of the survey: when an invitation may go out, and whether at all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.timeparse import QuietHours, local_datetime
from storage.repos.rows import Bands


@dataclass(frozen=True)
class Rules:
    delay: timedelta
    quiet: QuietHours | None
    cooldown: timedelta
    reminder_after: timedelta
    expiry: timedelta


def in_quiet_hours(moment: datetime, quiet: QuietHours | None, tz: ZoneInfo) -> bool:
    if quiet is None or quiet.start == quiet.end:
        return False
    local = moment.astimezone(tz).time()
    if quiet.start < quiet.end:  # e.g. 13:00-14:00, same day
        return quiet.start <= local < quiet.end
    return local >= quiet.start or local < quiet.end  # crosses midnight, e.g. 21:00-09:00


def out_of_quiet_hours(moment: datetime, quiet: QuietHours | None, tz: ZoneInfo) -> datetime:
    """`moment` if it is outside quiet hours, else the first instant after the quiet window."""
    for _ in range(3):  # a DST gap can swallow the free slot after the window: then one more
        if not in_quiet_hours(moment, quiet, tz):
            return moment
        assert quiet is not None
        moment = _window_end(moment, quiet, tz)
    return moment


def _window_end(moment: datetime, quiet: QuietHours, tz: ZoneInfo) -> datetime:
    local = moment.astimezone(tz)
    end_day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        end_day += timedelta(days=1)  # evening part of an overnight window: ends tomorrow
    end = local_datetime(end_day, quiet.end, tz)
    # The end's wall time came twice (autumn) and `moment` is past the first: the second.
    # (In UTC: two times in one zone compare by their wall clocks, ignoring fold.)
    if end.astimezone(UTC) <= moment.astimezone(UTC):
        end = end.replace(fold=1)
    return end.astimezone(moment.tzinfo)


def invitation_time(purchased_at: datetime, now: datetime, rules: Rules, tz: ZoneInfo) -> datetime:
    """Purchase + delay (never in the past), moved out of the customer's quiet hours."""
    return out_of_quiet_hours(earliest_invitation(purchased_at, now, rules), rules.quiet, tz)


def earliest_invitation(purchased_at: datetime, now: datetime, rules: Rules) -> datetime:
    # In UTC: adding to a ZoneInfo-aware time would add wall-clock hours across a DST change.
    return max(purchased_at.astimezone(UTC) + rules.delay, now)


def cooldown_reason(
    invitations: Iterable[datetime], candidate: datetime, cooldown: timedelta
) -> str | None:
    """'cooldown' if any other invitation, before or after, is within the cooldown of this one."""
    if any(abs(candidate - other) < cooldown for other in invitations):
        return "cooldown"
    return None


def skip_reason(opted_out: bool, unreachable: bool) -> str | None:
    if opted_out:
        return "opted_out"
    if unreachable:
        return "unreachable"
    return None


EXPECTATIONS = ("worse", "as_expected", "better")  # how the purchase compared, as answered
CSAT_SCALE = (1, 5)  # the satisfaction question's ends: the CSAT mean is over these


class Category(StrEnum):
    DETRACTOR = "detractor"  # 0-6
    PASSIVE = "passive"  # 7-8
    PROMOTER = "promoter"  # 9-10


# The one definition of the categories; storage counts by it in SQL.
BANDS = Bands(detractors_to=6, promoters_from=9)


def category(nps: int) -> Category:
    if nps <= BANDS.detractors_to:
        return Category.DETRACTOR
    return Category.PASSIVE if nps < BANDS.promoters_from else Category.PROMOTER

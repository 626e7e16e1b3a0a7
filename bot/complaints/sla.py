"""SLA clocks: a duration counted in business hours (a weekly calendar in the business zone);
which deadline binds a complaint, and when it is late: the one definition the ladder (what
fires), the staff lists, the dashboard and the daily digest (what is late) and the figures
(what was on time) read.

Open intervals are wall-clock times in the zone, turned into real instants day by day, so a DST
change shortens or lengthens that day's open time exactly as the clock on the wall does. All
arithmetic is in UTC: Python adds and subtracts aware datetimes that share a ZoneInfo on the
wall clock, which would make a DST night's three open hours count as three.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.timeparse import BusinessHours, local_datetime
from storage.repos.rows import Overdue
from storage.states import COMPLAINT_WORKED, ComplaintStatus, Deadline

# The statuses in which each staff deadline binds: taking, while nobody has; resolving, while
# staff still owe work. A deadline that binds no more can no longer be missed.
BINDING: dict[Deadline, tuple[ComplaintStatus, ...]] = {
    Deadline.TAKE: (ComplaintStatus.OPEN,),
    Deadline.RESOLVE: COMPLAINT_WORKED,
}

_MAX_DAYS = 8 * 366  # any calendar with one open minute a week gets there long before this


def add_business_time(
    start: datetime, duration: timedelta, hours: BusinessHours, tz: ZoneInfo
) -> datetime:
    """The instant at which `duration` of open time has passed since `start`."""
    if hours.week is None:
        return start + duration
    remaining = duration
    cursor = start.astimezone(UTC)
    day = start.astimezone(tz).date() - timedelta(days=1)  # an overnight 24:00 end may reach in
    for _ in range(_MAX_DAYS):
        for open_at, close_at in hours.week[day.weekday()]:
            begin = max(_utc(day, open_at, tz), cursor)
            end = _utc(day, close_at, tz)
            if begin >= end:
                continue
            if remaining <= end - begin:
                return begin + remaining
            remaining -= end - begin
            cursor = end
        day += timedelta(days=1)
    raise ValueError("business hours have no open time")


def business_time_between(
    start: datetime, end: datetime, hours: BusinessHours, tz: ZoneInfo
) -> timedelta:
    """Open time between two instants."""
    if end <= start:
        return timedelta(0)
    return OpenTime(hours, tz, start, end).between(start, end)


class OpenTime:
    """Open time between many pairs of instants within [first, last], each in O(log n).

    The open intervals of every day in the range are laid out once, as POSIX timestamps, with
    the open time before each; the open time up to an instant is then one bisection away. The
    digest's medians ask this for every complaint of a period.
    """

    def __init__(self, hours: BusinessHours, tz: ZoneInfo, first: datetime, last: datetime):
        self._always = hours.week is None
        self._opens: list[float] = []
        self._closes: list[float] = []
        self._before: list[float] = []
        if hours.week is None:
            return
        total = 0.0
        day = first.astimezone(tz).date() - timedelta(days=1)  # an overnight end reaches in
        while day <= last.astimezone(tz).date():
            for open_at, close_at in hours.week[day.weekday()]:
                begin, end = (
                    _utc(day, open_at, tz).timestamp(),
                    _utc(day, close_at, tz).timestamp(),
                )
                if self._closes and begin < self._closes[-1]:
                    begin = self._closes[-1]  # yesterday's 24:00 met today's 00:00
                if end > begin:
                    self._opens.append(begin)
                    self._closes.append(end)
                    self._before.append(total)
                    total += end - begin
            day += timedelta(days=1)

    def between(self, start: datetime, end: datetime) -> timedelta:
        return timedelta(seconds=self.seconds(start.timestamp(), end.timestamp()))

    def seconds(self, start: float, end: float) -> float:
        """Open seconds between two POSIX timestamps."""
        if end <= start:
            return 0.0
        if self._always:
            return end - start
        return self._up_to(end) - self._up_to(start)

    def _up_to(self, moment: float) -> float:
        at = bisect_right(self._opens, moment) - 1
        if at < 0:
            return 0.0
        return self._before[at] + min(moment, self._closes[at]) - self._opens[at]


def _utc(day: date, at: time, tz: ZoneInfo) -> datetime:
    return local_datetime(day, at, tz).astimezone(UTC)


def binds(step: Deadline, status: ComplaintStatus) -> bool:
    """Whether `step`'s deadline still binds a complaint in `status`."""
    return status in BINDING.get(step, ())


def met(done: datetime, due: datetime) -> bool:
    """Done in time: at the deadline itself is on time."""
    return done <= due


def passed(due: datetime, at: datetime) -> bool:
    """The deadline has passed at `at` (met() no longer possible from then on)."""
    return due < at


def late_at(now: datetime) -> Overdue:
    """What the repositories count as late at `now`: a binding deadline passed."""
    return Overdue(before=now, binding=BINDING)

"""Complaint figures judged as they stood at the period's end, hand-counted, on either engine.

A past week's figures must not move after it ended: every complaint opened in the week is
judged in the state it was in at the week's end (changes at the very end instant belong to the
next period, as surveys sent then do), the medians are taken over the same complaints the
counts are, and a deadline once missed stays missed, also while a reopened complaint's new
clock runs. The complaints go through the calls the bot's actions make.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.complaints import events
from bot.reports.digest import Digest, build_digest
from bot.timeparse import BusinessHours
from storage.db import Database, Tx
from storage.states import ComplaintSource, ComplaintStatus, Deadline
from tests.support.reportdata import add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)  # Monday 09:00 in Stockholm
END = START + timedelta(days=7)
LATER = END + timedelta(days=30)  # the week is judged long after it ended
TZ = ZoneInfo("Europe/Stockholm")
ALWAYS = BusinessHours(None)
MIN, HOUR = timedelta(minutes=1), timedelta(hours=1)
TAKE_WITHIN, RESOLVE_WITHIN = 15 * MIN, 24 * HOUR


class Life:
    """One complaint's life, as the bot's actions write it (events included)."""

    def __init__(self, tx: Tx, number: int, opened: datetime) -> None:
        self.tx, self.number, self.opened = tx, number, opened

    @classmethod
    async def open(cls, tx: Tx, number: int, opened: datetime) -> Life:
        await add_response(tx.conn, number, opened - HOUR, 3)
        added = await tx.complaints.add(number, ComplaintSource.MESSAGE, "", opened, opened)
        await events.opened(tx, added.id, opened)
        life = cls(tx, added.id, opened)
        for step, within in ((Deadline.TAKE, TAKE_WITHIN), (Deadline.RESOLVE, RESOLVE_WITHIN)):
            await tx.complaints.set_step(added.id, step, opened + within, started_at=opened)
        return life

    async def take(self, at: datetime) -> None:
        await events.set_status(self.tx, self.number, ComplaintStatus.TAKEN, at, taken_at=at)

    async def resolve(self, at: datetime) -> None:
        await events.set_status(self.tx, self.number, ComplaintStatus.RESOLVED, at, resolved_at=at)

    async def yes(self, at: datetime) -> None:
        await events.set_status(
            self.tx, self.number, ComplaintStatus.CLOSED, at, closed_at=at, resolution_satisfied=1
        )

    async def no(self, at: datetime) -> None:
        """The customer's "No": reopened, the resolve clock restarted (complaints.lifecycle)."""
        await events.set_status(
            self.tx,
            self.number,
            ComplaintStatus.TAKEN,
            at,
            resolved_at=None,
            resolution_satisfied=0,
            clock_started_at=at,
        )
        await self.tx.complaints.set_step(
            self.number, Deadline.RESOLVE, at + RESOLVE_WITHIN, started_at=at
        )


async def week(db: Database, now: datetime = LATER) -> Digest:
    async with db.read() as tx:
        return await build_digest(tx, START, END, now, TZ, hours=ALWAYS)


async def test_a_complaint_open_at_the_end_is_not_judged_by_what_came_after(
    db: Database,
) -> None:
    """Opened 10 min before the end, taken 2 min after it (on time, but after): at the end
    it was open, its take deadline not yet passed, so it is in no take figure at all."""
    async with db.transaction() as tx:
        late = await Life.open(tx, 1, END - 10 * MIN)
        await late.take(END + 2 * MIN)
        await late.resolve(END + HOUR)
    c = (d := await week(db)).complaints
    assert (c.opened, c.resolved, c.still_open) == (1, 0, 1)
    assert (c.take_due, c.taken_on_time, c.resolve_due, c.resolved_on_time) == (0, 0, 0, 0)
    assert d.take_on_time is None and d.median_take is None and d.median_resolve is None


async def test_resolved_on_time_in_the_week_stays_so_after_a_later_reopening(
    db: Database,
) -> None:
    """Resolved 2 h after opening (deadline 24 h) inside the week; the customer says "No" a
    day after the week and the new deadline is missed: the week still read "on time", with
    no answer yet about the resolution."""
    opened = START + 2 * 24 * HOUR
    async with db.transaction() as tx:
        life = await Life.open(tx, 1, opened)
        await life.take(opened + 5 * MIN)
        await life.resolve(opened + 2 * HOUR)
        await life.no(END + 24 * HOUR)
    d = await week(db)
    c = d.complaints
    assert (c.resolved, c.awaiting_customer, c.still_open) == (1, 1, 0)
    assert (c.resolve_due, c.resolved_on_time) == (1, 1)
    assert (c.satisfaction_n, c.satisfied) == (0, 0)
    assert d.median_resolve == pytest.approx(2 * 3600)


async def test_the_medians_are_over_the_complaints_the_counts_are(db: Database) -> None:
    """Two resolved in the week (1 h and 3 h), one opened in it and resolved after it (20 h,
    on time): the week counts 2 resolved, and its resolve median is over those two."""
    async with db.transaction() as tx:
        for number, opened, hours in ((1, START + HOUR, 1), (2, START + HOUR, 3),
                                      (3, END - 4 * HOUR, 20)):  # fmt: skip
            life = await Life.open(tx, number, opened)
            await life.take(opened + 10 * MIN)
            await life.resolve(opened + hours * HOUR)
    d = await week(db)
    c = d.complaints
    assert (c.opened, c.resolved, c.still_open) == (3, 2, 1)
    assert (c.resolve_due, c.resolved_on_time) == (2, 2)  # the third not yet due at the end
    assert d.median_resolve == pytest.approx(2 * 3600)
    assert (c.take_due, c.taken_on_time) == (3, 3)
    assert d.median_take == pytest.approx(10 * 60)


async def test_a_change_at_the_end_instant_belongs_to_the_next_period(db: Database) -> None:
    """Periods exclude their end, for complaints as for surveys: taken, or resolved, exactly
    at the end instant counts in the next week. Taken exactly at the deadline is on time."""
    async with db.transaction() as tx:
        taken_at_end = await Life.open(tx, 1, END - 15 * MIN)
        await taken_at_end.take(END)  # exactly its deadline, exactly the end
        resolved_at_end = await Life.open(tx, 2, END - 24 * HOUR)
        await resolved_at_end.take(END - 24 * HOUR + 10 * MIN)
        await resolved_at_end.resolve(END)  # exactly its deadline, exactly the end
    d = await week(db)
    c = d.complaints
    assert (c.resolved, c.still_open) == (0, 2)
    assert (c.take_due, c.taken_on_time) == (1, 1)  # the second; the first's take is next week's
    assert (c.resolve_due, c.resolved_on_time) == (0, 0)  # its deadline is the end: not passed
    async with db.read() as tx:
        following = await build_digest(tx, END, END + 7 * 24 * HOUR, LATER, TZ, hours=ALWAYS)
    assert following.complaints.opened == 0  # complaints count in the week they were opened


async def test_a_missed_deadline_stays_missed_while_the_new_clock_runs(db: Database) -> None:
    """Resolved 30 h after opening (deadline 24 h), the customer's "No" an hour later: while
    the new 24 h clock runs (the week ends 5 h into it), the week reads "resolved late", not
    "nothing due"; the next week, with the complaint resolved again in time, still does."""
    opened = END - 36 * HOUR
    async with db.transaction() as tx:
        life = await Life.open(tx, 1, opened)
        await life.take(opened + 5 * MIN)
        await life.resolve(opened + 30 * HOUR)
        await life.no(opened + 31 * HOUR)
        await life.resolve(END + 2 * HOUR)
        await life.yes(END + 3 * HOUR)
    d = await week(db)
    c = d.complaints
    assert (c.resolved, c.still_open) == (0, 1)
    assert (c.resolve_due, c.resolved_on_time) == (1, 0)
    assert d.resolve_on_time == 0.0
    assert (c.satisfaction_n, c.satisfied) == (1, 0)  # the "No", within the week
    async with db.read() as tx:  # the same week asked for while it was still running
        running = await build_digest(tx, START, END, END - 5.5 * HOUR, TZ, hours=ALWAYS)
    assert (running.complaints.resolved, running.complaints.awaiting_customer) == (1, 1)
    assert (running.complaints.resolve_due, running.complaints.resolved_on_time) == (1, 0)
    assert running.complaints.satisfaction_n == 0  # the "No" came after "now"
    async with db.read() as tx:  # a report over both weeks: resolved again, confirmed
        both = await build_digest(tx, START, END + 7 * 24 * HOUR, LATER, TZ, hours=ALWAYS)
    b = both.complaints
    assert (b.resolved, b.resolve_due, b.resolved_on_time) == (1, 1, 0)
    assert (b.satisfaction_n, b.satisfied) == (1, 1)  # the last answer counts: Yes
    assert both.median_resolve == pytest.approx(38 * 3600)  # to the resolution in effect


async def test_a_no_in_the_second_of_the_resolution_leaves_the_new_round_unmet(
    db: Database,
) -> None:
    """Resolved on time, and the customer's "No" in the very same second (one-second
    timestamps): the resolution belongs to the first round, not to the one the "No" started,
    whose deadline then passes with nothing done: missed."""
    opened = START + HOUR
    async with db.transaction() as tx:
        life = await Life.open(tx, 1, opened)
        await life.take(opened + 5 * MIN)
        await life.resolve(opened + 2 * HOUR)
        await life.no(opened + 2 * HOUR)  # the new clock: 24 h, run out well before the end
    c = (await week(db)).complaints
    assert (c.resolved, c.still_open) == (0, 1)
    assert (c.resolve_due, c.resolved_on_time) == (1, 0)


async def test_of_the_complaints_still_open_those_past_a_deadline_are_overdue(
    db: Database,
) -> None:
    """The dashboard's tile "still open, overdue": at the end, one waits untaken past its
    15 min, one is taken and past its 24 h, one is taken in time and within its 24 h, one
    was resolved late (done, not overdue)."""
    async with db.transaction() as tx:
        await Life.open(tx, 1, END - HOUR)  # take deadline passed 45 min before the end
        late = await Life.open(tx, 2, END - 30 * HOUR)
        await late.take(END - 30 * HOUR + 5 * MIN)
        fine = await Life.open(tx, 3, END - 3 * HOUR)
        await fine.take(END - 3 * HOUR + 5 * MIN)
        done = await Life.open(tx, 4, START + HOUR)
        await done.take(START + HOUR + 5 * MIN)
        await done.resolve(START + 30 * HOUR)
    c = (await week(db)).complaints
    assert (c.opened, c.still_open, c.overdue) == (4, 3, 2)


async def test_a_reopened_complaint_within_its_new_clock_is_not_overdue(db: Database) -> None:
    """Resolved late, then the customer's "No" restarts a 24 h clock that runs past the end:
    missed in the figures, but not late now."""
    opened = END - 36 * HOUR
    async with db.transaction() as tx:
        life = await Life.open(tx, 1, opened)
        await life.take(opened + 5 * MIN)
        await life.resolve(opened + 30 * HOUR)
        await life.no(opened + 31 * HOUR)
    c = (await week(db)).complaints
    assert (c.still_open, c.resolved_on_time, c.overdue) == (1, 0, 0)

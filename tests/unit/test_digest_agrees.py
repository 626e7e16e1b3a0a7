"""The digest never contradicts itself, over hand-built complaints: a figure and its
breakdown count the same complaints (resolved, and resolved by cause; the customers'
confirmations, in total and per person), and no change is shown against a period that had
nothing to compare with."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.i18n import Catalog
from bot.reports.digest import build_digest
from bot.reports.render import render_digest
from bot.reports.team import team_lines
from storage.db import Database
from tests.unit.test_complaint_figures import (
    ALWAYS,
    END,
    HOUR,
    LATER,
    MIN,
    START,
    TZ,
    Life,
    week,
)

EN = Catalog.load().bind("en")
WEEK = timedelta(days=7)


async def resolved_with_cause(
    life: Life, at: datetime, cause: str, answer: str | None = None, holder: str = "Alex"
) -> None:
    """Taken and resolved at `at`, its cause recorded, then the customer's Yes or No."""
    tx, number = life.tx, life.number
    await life.take(at - 10 * MIN)
    await tx.complaints.update(number, taken_by=9000 + len(holder), taken_by_name=holder)
    await life.resolve(at)
    await tx.corrective.ask(number, at)
    await tx.corrective.update(number, cause=cause, cause_by_name=holder)
    if answer == "yes":
        await life.yes(at + HOUR)
    elif answer == "no":
        await life.no(at + HOUR)


async def test_causes_count_the_complaints_counted_as_resolved(db: Database) -> None:
    """Two resolved for a late delivery; the customer's "No" reopened one: 1 resolved, and 1
    by cause, not the 2 the cause question was asked for."""
    async with db.transaction() as tx:
        for number, answer in ((1, "yes"), (2, "no")):
            opened = START + number * HOUR
            await resolved_with_cause(
                await Life.open(tx, number, opened), opened + HOUR, "delivery", answer
            )
    d = await week(db)
    assert (d.complaints.resolved, d.complaints.still_open) == (1, 1)
    assert [(c.cause, c.complaints) for c in d.causes] == [("delivery", 1)]
    text = render_digest(EN, d, TZ)
    assert "Complaints: 2 opened (all messages), 1 resolved, 1 still open" in text
    assert "Resolved complaints by cause: Delivery 1" in text


async def test_each_persons_confirmations_add_up_to_the_total(db: Database) -> None:
    """Alex's resolution confirmed, Sam's refused ("No", reopened): the total says 50 %, so
    Alex 1 of 1 and Sam 0 of 1, never "0 of 0"."""
    async with db.transaction() as tx:
        for number, answer, who in ((1, "yes", "Alex"), (2, "no", "Sam")):
            opened = START + number * HOUR
            life = await Life.open(tx, number, opened)
            await resolved_with_cause(life, opened + HOUR, "quality", answer, who)
    d = await week(db)
    assert d.resolution_satisfaction == 0.5
    people = {p.name: (p.confirmed, p.answered) for p in d.team}
    assert people == {"Alex": (1, 1), "Sam": (0, 1)}
    assert sum(p.answered for p in d.team) == d.complaints.satisfaction_n
    lines = team_lines(EN, d.team)
    assert any(line.startswith("• Sam:") and "confirmed 0 of 1" in line for line in lines)


async def test_the_first_week_shows_no_change_against_nothing(db: Database) -> None:
    """The shop's first week: two complaints for the same cause, nothing before them: no
    "(up from 0)"; the week after compares with it."""
    async with db.transaction() as tx:
        for number in (1, 2):
            opened = START + number * HOUR
            life = await Life.open(tx, number, opened)
            await resolved_with_cause(life, opened + HOUR, "delivery", "yes")
        opened = END + HOUR
        await resolved_with_cause(await Life.open(tx, 3, opened), opened + HOUR, "delivery")
    text = render_digest(EN, await week(db), TZ)
    assert "Resolved complaints by cause: Delivery 2\n" in text + "\n"
    assert "Top recurring cause: Delivery, 2 complaints." in text
    assert "up from" not in text
    async with db.read() as tx:
        following = await build_digest(tx, END, END + WEEK, LATER, TZ, hours=ALWAYS)
    assert "Delivery 1 (down from 2)" in render_digest(EN, following, TZ)

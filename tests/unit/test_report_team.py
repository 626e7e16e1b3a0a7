"""Per-person figures for owners, hand-counted: the complaints of the period by who holds
them, judged at the period's end like the rest of the digest; and the digest's lines go to
owners' own chats only."""

from __future__ import annotations

import pytest

from bot.i18n import Catalog
from bot.reports.delivery import Rendered
from bot.reports.team import team_lines
from storage.db import Database
from tests.unit.test_complaint_figures import END, HOUR, MIN, START, Life, week

EN = Catalog.load().bind("en")


async def test_each_person_is_counted_for_the_complaints_they_hold(db: Database) -> None:
    async with db.transaction() as tx:
        for number, who, take, resolve, answer in (
            (1, "Alex", 10, 2, "yes"),
            (2, "Alex", 20, 4, "no"),
            (3, "Alex", 30, None, None),
            (4, "Sam", 5, 1, None),
            (5, "Sam", None, None, None),  # never taken: nobody's
            (6, "Sam", 60 * 24 * 8, None, None),  # taken after the week: not judged as Sam's
        ):
            opened = START + number * HOUR
            life = await Life.open(tx, number, opened)
            if take is None:
                continue
            await life.take(opened + take * MIN)
            await tx.complaints.update(number, taken_by=9000 + len(who), taken_by_name=who)
            if resolve is not None:
                await life.resolve(opened + resolve * HOUR)
            if answer == "yes":
                await life.yes(opened + resolve * HOUR + MIN)  # type: ignore[operator]
            elif answer == "no":
                await life.no(opened + resolve * HOUR + MIN)  # type: ignore[operator]
    d = await week(db)
    alex, sam = d.team
    assert (alex.name, alex.taken, alex.resolved) == ("Alex", 3, 1)  # #2 reopened by "No"
    assert alex.median_take == pytest.approx(20 * 60)
    assert alex.median_resolve == pytest.approx(2 * 3600)
    assert (alex.confirmed, alex.answered) == (1, 2)  # #2's "No" counts, as in the total
    assert (sam.name, sam.taken, sam.resolved) == ("Sam", 1, 1)
    assert sam.median_take == pytest.approx(5 * 60)
    assert sam.median_resolve == pytest.approx(3600)
    assert (sam.confirmed, sam.answered, sam.confirmed_share) == (0, 0, None)

    lines = team_lines(EN, d.team)
    assert lines[0].startswith("Team (owners only")
    assert lines[1] == (
        "• Alex: took 3, resolved 1 · median to take 20 min, to resolve 2 h"
        " · customer confirmed 1 of 2"
    )
    rendered = Rendered("The digest", None, END, tuple(lines))
    assert rendered.text_for(7001, owners=[7001]).splitlines()[1:] == lines
    assert rendered.text_for(-100500, owners=[7001]) == "The digest"  # DIGEST_CHAT_ID: a group

"""Every list of complaints (/find, /mine and /open, the dashboard's list) shows the first words
of what the customer said: the survey comment of a complaint its score opened, else the
complaint's text."""

from __future__ import annotations

from datetime import timedelta

from bot.complaints.finding import find
from bot.complaints.listing import open_list
from bot.complaints.sla import late_at
from bot.dashboard.pages import render
from storage.db import Database
from storage.repos.desk import Filters, Listed
from storage.states import ComplaintStatus, Deadline
from tests.unit.test_complaint_cards import NOW, config
from tests.unit.test_search import customer, opened, surveyed

DAY = timedelta(days=1)
SAID = "Курьер нагрубил и бросил коробку у двери, всё помято, больше у вас не закажу никогда"


async def two_complaints(db: Database) -> None:
    async with db.transaction() as tx:
        await customer(tx, 1, "Dana")
        await customer(tx, 2, "Boris")
        await surveyed(tx, 1, SAID)
        await opened(tx, 2, "Курьер опоздал")


async def test_find_and_the_staff_lists_show_what_the_customer_said(db: Database) -> None:
    await two_complaints(db)
    complaints = config("ru")
    async with db.read() as tx:
        found = await find(tx, complaints, "курьер")
        listed = await open_list(tx, complaints, None)
    for answer in (found, listed):
        lines = answer.split("\n")[1:]
        assert "«Курьер опоздал»" in lines[0 if answer is found else 1]
        survey_line = lines[1 if answer is found else 0]
        assert "«Курьер нагрубил и бросил коробку" in survey_line, answer
        assert "никогда" not in survey_line  # the first words only


async def test_the_dashboard_list_shows_what_the_customer_said(db: Database) -> None:
    await two_complaints(db)
    async with db.read() as tx:
        rows = await tx.desk.page(Filters(), late_at(NOW), None, 10)
    assert [r.text for r in rows] == ["Курьер опоздал", SAID]
    page = listed(rows)
    assert "Курьер опоздал" in page and "Курьер нагрубил и бросил коробку" in page
    assert "никогда" not in page


def listed(rows: list[Listed]) -> str:
    """The dashboard's list page of these rows, in Russian."""
    return render(
        "complaints.html",
        t=config("ru").staff_t,
        lang="ru",
        base="/app",
        title="",
        csrf="x",
        role="owner",
        local=str,
        rows=rows,
        filters=Filters(),
        states=(),
        branches=[],
        holders=[],
        causes=[],
        cause_label=str,
        older=None,
    )


async def test_lists_name_the_customer_as_the_shop_did_with_telegrams_name_beside(
    db: Database,
) -> None:
    async with db.transaction() as tx:
        await customer(tx, 1, "Анна Смирнова")
        await tx.conn.execute("UPDATE customers SET tg_name = 'Аня' WHERE id = 1")
        await opened(tx, 1, "Курьер опоздал")
    async with db.read() as tx:
        rows = await tx.desk.page(Filters(), late_at(NOW), None, 10)
        found = await find(tx, config("ru"), "аня")  # found by either name
    assert "Анна Смирнова (Telegram: Аня)" in listed(rows)
    assert "Анна Смирнова (Telegram: Аня)" in found


async def test_a_complaint_is_late_in_every_list_and_count_from_the_same_instant(
    db: Database,
) -> None:
    """Late: past a deadline that still binds (taking, while nobody has; resolving, while staff
    owe work); one done at the deadline itself is on time, so at it nothing is late yet. /open
    (⚠️), the daily digest's count and the dashboard (its mark, its "overdue" filter) agree."""
    second = timedelta(seconds=1)
    async with db.transaction() as tx:
        for number in range(1, 6):
            await customer(tx, number, f"C{number}")
            await opened(tx, number, None)
        steps = {
            1: (NOW, NOW + DAY),  # open, its take deadline is now: not late yet
            2: (NOW - DAY, NOW + DAY),  # taken late: the take deadline binds no more
            3: (NOW - DAY, NOW - second),  # taken, the resolve deadline just passed
            4: (NOW - DAY, NOW - second),  # resolved: nothing binds
            5: (NOW - second, NOW + DAY),  # open, the take deadline just passed
        }
        for number, (take, resolve) in steps.items():
            await tx.complaints.set_step(number, Deadline.TAKE, take, started_at=NOW - DAY)
            await tx.complaints.set_step(number, Deadline.RESOLVE, resolve, started_at=NOW - DAY)
        for number in (2, 3, 4):
            await tx.complaints.set_status(number, ComplaintStatus.TAKEN, NOW - DAY)
        await tx.complaints.set_status(4, ComplaintStatus.RESOLVED, NOW - DAY)
    async with db.read() as tx:
        listed_now = await open_list(tx, config(), None)
        counted = await tx.complaints.active_counts(late_at(NOW))
        rows = await tx.desk.page(Filters(), late_at(NOW), None, 10)
        filtered = await tx.desk.page(Filters(state="overdue"), late_at(NOW), None, 10)
    flagged = {int(line.split("#")[1].split("<")[0]) for line in listed_now.split("\n")[1:]
               if "⚠️" in line}  # fmt: skip
    assert flagged == {3, 5}, listed_now
    assert counted == (5, 2)
    assert {r.id for r in rows if r.overdue} == {3, 5}
    assert {r.id for r in filtered} == {3, 5}

"""Finding complaints by words: what is indexed, how a search is read, and the index on a real
database (either engine): written with the complaint, erased with the person, built late for
complaints stored before it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.complaints.finding import BACKFILL_KEY, EARLIER_KEYS, index_earlier
from bot.jobs import JobContext
from bot.liveness import Liveness
from storage.db import Database, Tx
from storage.search import Query, phone_terms, terms, words
from storage.states import ComplaintSource, Direction
from storage.timefmt import to_db

AT = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)


def test_words_are_lower_cased_once_each_and_yo_is_e() -> None:
    assert words("Крышка СЛОМАНА, ёлка! Крышка a") == ["крышка", "сломана", "елка"]
    assert words(None) == []
    assert words("x" * 100) == ["x" * 40]


def test_a_phone_is_indexed_whole_and_without_its_country_code() -> None:
    assert phone_terms("+7 (999) 123-45-67") == ["79991234567", "9991234567"]
    assert phone_terms("12-34") == []
    assert terms("Dana", "A-1042", phone="+46701234567") == [
        "dana",
        "1042",
        "46701234567",
        "6701234567",
    ]


def test_a_search_is_read_as_people_type_it() -> None:
    assert Query.parse("  ").empty
    assert Query.parse("#12") == Query(("12",), 12)
    assert Query.parse("12") == Query(("12",), 12)
    assert Query.parse("8 999 123-45-67") == Query(("9991234567",), None)
    assert Query.parse("+7 999 123 45 67").prefixes == ("9991234567",)
    assert Query.parse("Broken LID") == Query(("broken", "lid"))
    assert Query.parse("a").empty  # one letter would find everything


async def customer(tx: Tx, number: int, name: str, phone: str | None = None) -> None:
    at = to_db(AT)
    await tx.conn.execute(
        "INSERT INTO customers (id, name, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        (number, name, phone, at, at),
    )
    await tx.conn.execute(
        "INSERT INTO purchases (id, order_id, customer_id, purchased_at, link_token,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (number, f"ORD-{number}04", number, at, f"tok{number}", at),
    )


async def opened(tx: Tx, number: int, text: str | None) -> int:
    c = await tx.complaints.add(
        number, ComplaintSource.MESSAGE, "", AT, AT, purchase_id=number, text=text
    )
    return c.id


async def found(tx: Tx, typed: str) -> list[int]:
    return await tx.complaints.search.find(Query.parse(typed), 10)


async def test_complaints_are_found_by_what_identifies_them_newest_first(db: Database) -> None:
    async with db.transaction() as tx:
        await customer(tx, 1, "Dana Lind", "+7 999 123-45-67")
        await customer(tx, 2, "Ёжик Петров")
        first = await opened(tx, 1, "The lid was broken")
        second = await opened(tx, 2, "Доставка опоздала")
        third = await opened(tx, 1, None)
        await tx.complaints.update(third, text="Broken again, and the courier was rude")
        await tx.complaints.add_message(third, Direction.FROM_CUSTOMER, 1, "text", "Refund please")
        await tx.complaints.add_message(third, Direction.TO_CUSTOMER, 9, "text", "Sorry, voucher")
        await tx.complaints.add_message(third, Direction.NOTE, 9, "text", "!scammer maybe")
    async with db.read() as tx:
        assert await found(tx, "broken") == [third, first]
        assert await found(tx, "BROK") == [third, first]  # the start of a word
        assert await found(tx, "broken lid") == [first]  # every word must match
        assert await found(tx, "refund") == [third]  # what the customer wrote later
        assert await found(tx, "voucher") == []  # what staff wrote is not theirs
        assert await found(tx, "scammer") == []  # nor a note
        assert await found(tx, "dana") == [third, first]
        assert await found(tx, "ежик") == [second]
        assert await found(tx, "ДОСТАВКА") == [second]
        assert await found(tx, "8 (999) 123-45-67") == [third, first]
        assert await found(tx, "204") == [second]  # the order id ORD-204
        assert await found(tx, f"#{second}") == [second]
        assert await found(tx, "nothing") == []


async def test_erasure_takes_the_persons_words_out_of_the_index(db: Database) -> None:
    async with db.transaction() as tx:
        await customer(tx, 1, "Dana Lind", "+46701234567")
        await customer(tx, 2, "Boris")
        mine = await opened(tx, 1, "Broken lid")
        theirs = await opened(tx, 2, "Broken handle")
        await tx.complaints.add_message(mine, Direction.FROM_CUSTOMER, 1, "text", "Refund")
    async with db.transaction() as tx:
        await tx.privacy.forget(1)
    async with db.read() as tx:
        assert await found(tx, "broken") == [theirs]
        for gone in ("dana", "refund", "46701234567", "lid"):
            assert await found(tx, gone) == [], gone
        row = await tx.conn.fetch_one(
            "SELECT COUNT(*) FROM search_terms WHERE complaint_id = ?", (mine,)
        )
        assert row is not None and row[0] == 0
        assert await found(tx, f"#{mine}") == [mine]  # the number is no personal data


async def test_complaints_stored_before_the_index_are_indexed_by_a_job(db: Database) -> None:
    async with db.transaction() as tx:
        await customer(tx, 1, "Dana")
        ids = [await opened(tx, 1, f"word{n} shared") for n in range(3)]
        await tx.conn.execute("DELETE FROM search_terms")  # as before migration 0021
    async with db.read() as tx:
        assert await found(tx, "shared") == []
    ctx = JobContext(db, Liveness(stall_after=60), running=True)
    await index_earlier(ctx)
    async with db.read() as tx:
        assert await found(tx, "shared") == ids[::-1]
        assert await found(tx, "word1") == [ids[1]]
        assert await tx.kv.get(BACKFILL_KEY) == "0"
    await index_earlier(ctx)  # done: nothing more to do


async def surveyed(tx: Tx, number: int, comment: str | None) -> int:
    """A low-score complaint on the customer's survey, which holds `comment`."""
    at = to_db(AT)
    await tx.conn.execute(
        "INSERT INTO surveys (id, purchase_id, customer_id, status, nps, comment, created_at,"
        " updated_at) VALUES (?, ?, ?, 'sent', 2, ?, ?, ?)",
        (number, number, number, comment, at, at),
    )
    c = await tx.complaints.add(
        number, ComplaintSource.LOW_SCORE, "", AT, AT, survey_id=number, purchase_id=number
    )
    return c.id


async def test_what_the_customer_wrote_in_the_survey_finds_the_complaint(db: Database) -> None:
    async with db.transaction() as tx:
        await customer(tx, 1, "Dana")
        await customer(tx, 2, "Boris")
        before = await surveyed(tx, 1, "Курьер нагрубил")  # the comment came first
        after = await surveyed(tx, 2, None)  # the score opened it, the comment came next
        await tx.surveys.update(2, comment="Курьер опоздал")
    async with db.read() as tx:
        assert await found(tx, "курьер") == [after, before]
        assert await found(tx, "нагрубил") == [before]
        assert await found(tx, "опоздал") == [after]
    async with db.transaction() as tx:
        await tx.privacy.forget(1)
    async with db.read() as tx:
        assert await found(tx, "курьер") == [after]
        assert await found(tx, "нагрубил") == []


async def test_survey_comments_stored_before_they_were_indexed_are_indexed_once(
    db: Database,
) -> None:
    async with db.transaction() as tx:
        await customer(tx, 1, "Dana")
        await customer(tx, 2, "Boris")
        mine = await surveyed(tx, 1, "Курьер нагрубил")
        await surveyed(tx, 2, "Курьер опоздал")
        # As a version that indexed no survey comment left it, its own backfill done:
        await tx.conn.execute("DELETE FROM search_terms")
        await tx.complaints.search.add_words(mine, "Dana")
        await tx.kv.set(EARLIER_KEYS[0], "0")
    async with db.transaction() as tx:
        await tx.privacy.forget(2)  # erased before the new backfill: it stays out
    ctx = JobContext(db, Liveness(stall_after=60), running=True)
    await index_earlier(ctx)
    async with db.read() as tx:
        assert await found(tx, "курьер") == [mine]
        assert await found(tx, "ORD") == [mine]  # nothing of the erased one, not even its order
        assert await tx.kv.get(BACKFILL_KEY) == "0"
    async with db.transaction() as tx:
        await tx.conn.execute("DELETE FROM search_terms")
    await index_earlier(ctx)  # once: done is done
    async with db.read() as tx:
        assert await found(tx, "курьер") == []

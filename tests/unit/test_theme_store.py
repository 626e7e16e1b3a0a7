"""Themes on a real database (either engine): the shop's definitions stored (the defaults
until then), each text a customer writes tagged in the transaction that writes it, the past
tagged again in resumable batches after a change, and the tags erased with the person."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.themes import stored
from bot.themes.defaults import default_themes
from bot.themes.definitions import parse_themes
from storage.db import Database, Tx
from storage.states import ComplaintSource, Direction
from storage.timefmt import to_db

AT = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
COURIERS = parse_themes(
    [
        {
            "theme": "couriers",
            "name": {"en": "Couriers", "ru": "Курьеры"},
            "words": {"en": ["courier"], "ru": ["курьер"]},
        }
    ]
)


async def customer(tx: Tx, number: int, language: str | None = None) -> None:
    at = to_db(AT)
    await tx.conn.execute(
        "INSERT INTO customers (id, telegram_id, language, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (number, 1000 + number, language, at, at),
    )
    await tx.conn.execute(
        "INSERT INTO purchases (id, order_id, customer_id, purchased_at, link_token,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (number, f"ORD-{number}", number, at, f"tok{number}", at),
    )
    await tx.conn.execute(
        "INSERT INTO surveys (id, purchase_id, customer_id, status, nps, answered_at,"
        " created_at, updated_at) VALUES (?, ?, ?, 'answered', 3, ?, ?, ?)",
        (number, number, number, at, at, at),
    )


async def tags(db: Database) -> dict[tuple[str, int], list[str]]:
    async with db.read() as tx:
        rows = await tx.conn.fetch_all(
            "SELECT source, text_id, theme FROM text_themes ORDER BY source, text_id, theme"
        )
    found: dict[tuple[str, int], list[str]] = {}
    for row in rows:
        found.setdefault((str(row[0]), int(row[1])), []).append(str(row[2]))
    return found


async def test_with_nothing_stored_the_themes_are_the_defaults(db: Database) -> None:
    async with db.read() as tx:
        themes = await stored.current(tx)
    assert themes.version == 0 and themes.themes == default_themes()
    assert themes.digest == stored.digest_of(default_themes())


async def test_a_change_is_a_new_version_and_the_same_again_is_none(db: Database) -> None:
    async with db.transaction() as tx:
        first, changed = await stored.replace(tx, COURIERS, "api", AT)
    assert changed and first.version == 1
    async with db.transaction() as tx:
        again, changed = await stored.replace(tx, COURIERS, "api", AT + timedelta(hours=1))
    assert not changed and again.version == 1
    async with db.read() as tx:
        now = await stored.current(tx)
    assert now.themes == COURIERS and now.created_at == AT
    assert db.tagging.tagger is not None and db.tagging.tagger.digest == now.digest


async def test_texts_are_tagged_in_the_transaction_that_writes_them(db: Database) -> None:
    await stored.load(db)
    async with db.transaction() as tx:
        await customer(tx, 1, "ru")
        await customer(tx, 2)
        await tx.surveys.update(1, comment="Курьеры хамят, доставка опоздала")
        complaint = await tx.complaints.add(
            2, ComplaintSource.MESSAGE, "", AT, AT, text="The card machine was broken"
        )
        # the message the complaint was opened with is its text: counted once, there
        first = await tx.complaints.add_message(
            complaint.id, Direction.FROM_CUSTOMER, 1002, "text", "The card machine was broken"
        )
        later = await tx.complaints.add_message(
            complaint.id, Direction.FROM_CUSTOMER, 1002, "text", "and the staff were rude"
        )
        await tx.complaints.add_message(
            complaint.id, Direction.TO_CUSTOMER, 9, "text", "Sorry about the delivery"
        )
    assert await tags(db) == {
        ("comment", 1): ["delivery", "speed", "staff"],
        ("complaint", complaint.id): ["payment", "quality"],
        ("message", later): ["staff"],
    }
    assert ("message", first) not in await tags(db)
    async with db.transaction() as tx:  # a comment written again is tagged again
        await tx.surveys.update(1, comment="Цены высокие")
    assert (await tags(db))[("comment", 1)] == ["price"]


async def test_a_change_tags_the_past_in_batches_resuming_after_a_restart(
    db: Database,
) -> None:
    await stored.load(db)
    async with db.transaction() as tx:
        for number in range(1, 6):
            await customer(tx, number, "en")
            await tx.surveys.update(number, comment=f"The courier, order {number}")
    assert all(found == ["delivery"] for found in (await tags(db)).values())
    async with db.transaction() as tx:
        await stored.replace(tx, COURIERS, "api", AT)
    assert await stored.retag_step(db, await stored.load(db), batches=1, batch=2) == 2
    assert sorted((await tags(db)).values()) == [["couriers"]] * 2 + [["delivery"]] * 3
    # a restart: a new process reads where tagging stood and goes on from there
    db.tagging.tagger = None
    again = await stored.load(db)
    assert await stored.retag_step(db, again, batch=2) == 3
    assert list((await tags(db)).values()) == [["couriers"]] * 5
    assert await stored.retag_step(db, again, batch=2) == 0  # done: nothing more to do


async def test_texts_from_before_themes_are_tagged_by_the_job(db: Database) -> None:
    async with db.transaction() as tx:  # no tagger yet: as a database from before themes
        await customer(tx, 1, "sv")
        await tx.surveys.update(1, comment="Personalen var otrevlig")
        complaint = await tx.complaints.add(1, ComplaintSource.MESSAGE, "", AT, AT, text="dyrt")
    assert await tags(db) == {}
    await stored.retag_step(db, await stored.load(db))
    assert await tags(db) == {("comment", 1): ["staff"], ("complaint", complaint.id): ["price"]}


async def test_forgetting_a_person_erases_what_their_words_were_about(db: Database) -> None:
    await stored.load(db)
    async with db.transaction() as tx:
        await customer(tx, 1, "en")
        await customer(tx, 2, "en")
        await tx.surveys.update(1, comment="rude staff")
        await tx.surveys.update(2, comment="rude staff")
    async with db.transaction() as tx:
        await tx.privacy.forget(1)
    assert await tags(db) == {("comment", 2): ["staff"]}
    async with db.transaction() as tx:  # tagging the past again does not bring them back
        await tx.kv.delete(stored.PROGRESS_KEY)
    await stored.retag_step(db, await stored.load(db))
    assert await tags(db) == {("comment", 2): ["staff"]}

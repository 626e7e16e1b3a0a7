"""Purchase registration and linking on a real SQLite file, with a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.surveys.config import Surveys
from bot.surveys.linking import Linked, link_by_phone, link_by_token
from bot.surveys.phones import PhoneError, parse_phone, renormalize_stored_phones
from bot.surveys.purchases import (
    CustomerRef,
    NewPurchase,
    PurchaseResult,
    link_waiting_surveys,
    register_purchases,
)
from bot.surveys.timeline import advance_due
from bot.surveys.web_links import digest, survey_of
from storage.db import Database, Tx
from storage.migrate import migrate
from storage.sql import DatabaseError
from tests.support.backend import database_url
from tests.support.lookups import purchase_by_order, survey_for_purchase
from tests.support.surveying import core, survey_context

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def surveys() -> Surveys:
    return survey_context(NOW)


async def one(tx: Tx, surveys: Surveys, new: NewPurchase) -> PurchaseResult:
    [result] = await register_purchases(tx, surveys, [new])
    return result


def purchase(order: str, **customer: object) -> NewPurchase:
    return NewPurchase(order, CustomerRef(**customer), purchased_at=NOW)  # type: ignore[arg-type]


async def test_idempotent_by_order_id_and_one_customer_per_identity(
    db: Database, surveys: Surveys
) -> None:
    async with db.transaction() as tx:
        first = await one(tx, surveys, purchase("P-1", external_id="crm-1", name="A"))
        again = await one(tx, surveys, purchase("P-1", external_id="crm-2"))
        other = await one(tx, surveys, purchase("P-2", external_id="crm-1"))
        assert first.created and not again.created and other.created
        assert again.deep_link == first.deep_link
        assert first.deep_link.startswith("https://t.me/shop_bot?start=")
        assert await tx.customers.count() == 1


async def test_started_customer_is_scheduled_with_delay_and_cooldown(
    db: Database, surveys: Surveys
) -> None:
    async with db.transaction() as tx:
        await tx.customers.touch_from_telegram(42, "B", None, "en")
        first = await one(tx, surveys, purchase("P-1", telegram_id=42))
        second = await one(tx, surveys, purchase("P-2", telegram_id=42))
    assert (first.status, first.due_text) == ("scheduled", "2026-11-10T14:00:00+00:00")
    assert (second.status, second.reason) == ("skipped", "cooldown")


async def test_the_cooldown_holds_against_every_invitation_not_only_the_latest(
    db: Database, surveys: Surveys
) -> None:
    """A survey sent yesterday and a future-dated purchase planned 40 days out: a purchase
    today falls within the cooldown of the first, though not of the latest."""
    async with db.transaction() as tx:
        await tx.customers.touch_from_telegram(42, "B", None, "en")
        yesterday = NewPurchase(
            "P-1", CustomerRef(telegram_id=42), purchased_at=NOW - timedelta(days=1)
        )
        sent = await one(tx, surveys, yesterday)
        assert sent.status == "scheduled"
        later = NewPurchase(
            "P-2", CustomerRef(telegram_id=42), purchased_at=NOW + timedelta(days=40)
        )
        assert (await one(tx, surveys, later)).status == "scheduled"
        today = await one(tx, surveys, purchase("P-3", telegram_id=42))
        assert (today.status, today.reason) == ("skipped", "cooldown")
        # The same in one batch, and for a survey planned when the customer links later.
        batch = await register_purchases(
            tx,
            surveys,
            [
                NewPurchase("Q-1", CustomerRef(telegram_id=43), purchased_at=NOW),
                NewPurchase(
                    "Q-2", CustomerRef(telegram_id=43), purchased_at=NOW + timedelta(days=40)
                ),
                NewPurchase(
                    "Q-3", CustomerRef(telegram_id=43), purchased_at=NOW + timedelta(days=1)
                ),
            ],
        )
        assert [r.status for r in batch] == ["waiting_link"] * 3
        customer, _ = await tx.customers.touch_from_telegram(43, "C", None, "en")
        assert await link_waiting_surveys(tx, surveys, customer) == 2
        q3 = await purchase_by_order(tx, "Q-3")
        assert q3 is not None
        survey = await survey_for_purchase(tx, q3.id)
        assert survey is not None and (survey.status, survey.reason) == ("skipped", "cooldown")


async def test_a_receipt_link_links_that_purchase_and_nothing_else(
    db: Database, surveys: Surveys
) -> None:
    """Whoever holds a receipt gets that one survey: not the phone, the CRM id or the other
    purchases of the customer the shop registered (those follow the customer's own contact)."""
    async with db.transaction() as tx:
        first = await one(tx, surveys, purchase("C-1", phone="46701112233", external_id="crm-7"))
        await one(tx, surveys, purchase("C-2", phone="46701112233"))
        assert first.status == "waiting_link"
        holder, _ = await tx.customers.touch_from_telegram(43, "C", None, "en")
        token = first.deep_link.split("start=")[1]
        assert await link_by_token(tx, surveys, holder, "no-such-token") == Linked.UNKNOWN
        assert await link_by_token(tx, surveys, holder, token) != Linked.UNKNOWN
        linked = await tx.customers.by_telegram_id(43)
        assert linked is not None and (linked.phone, linked.external_id) == (None, None)
        assert await tx.purchases.count_for(holder.id) == 1
        c1 = await purchase_by_order(tx, "C-1")
        c2 = await purchase_by_order(tx, "C-2")
        assert c1 is not None and c2 is not None and c1.customer_id == holder.id
        survey = await survey_for_purchase(tx, c1.id)
        assert survey is not None and survey.status == "scheduled"
        assert survey.customer_id == holder.id
        # Another Telegram user with the same receipt link cannot take it over.
        stranger, _ = await tx.customers.touch_from_telegram(44, "D", None, "en")
        assert await link_by_token(tx, surveys, stranger, token) == Linked.UNKNOWN
        # The real owner shares their contact: the rest is theirs, and later phone-only
        # purchases too.
        owner, _ = await tx.customers.touch_from_telegram(45, "E", None, "en")
        assert await link_by_phone(tx, surveys, owner, "+46 70 111 22 33")
        c2 = await purchase_by_order(tx, "C-2")
        assert c2 is not None and c2.customer_id == owner.id
        await one(tx, surveys, purchase("C-3", phone="46701112233"))
        c3 = await purchase_by_order(tx, "C-3")
        assert c3 is not None and c3.customer_id == owner.id


async def test_phone_links_every_unlinked_purchase(db: Database, surveys: Surveys) -> None:
    async with db.transaction() as tx:
        await one(tx, surveys, purchase("P-1", phone="46701112233"))
        await one(tx, surveys, purchase("P-2", phone="46701112233", external_id="crm-9"))
        me, _ = await tx.customers.touch_from_telegram(45, "E", None, "sv")
        assert await link_by_phone(tx, surveys, me, "+46 70 111 22 33")
        assert await tx.purchases.count_for(me.id) == 2
        assert await tx.customers.count() == 1


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("+46 70-111 22 33", None, "46701112233"),
        ("0046701112233", None, "46701112233"),
        ("8 (916) 123-45-67", "RU", "79161234567"),  # how Russian shops store numbers
        ("+7 916 123-45-67", "SE", "79161234567"),  # a country code wins over the region
        ("79161234567", "RU", "79161234567"),  # as Telegram gives it, without the +
        ("070-123 45 67", "SE", "46701234567"),  # a Swedish number written locally
        ("46701234567", "SE", "46701234567"),
        ("(495) 123-45-67", "RU", "74951234567"),
    ],
)
def test_phones_are_compared_as_e164(raw: str, region: str | None, expected: str) -> None:
    assert parse_phone(raw, region) == expected


@pytest.mark.parametrize(
    ("raw", "region", "reason"),
    [
        ("8 (916) 123-45-67", None, "no country code"),
        ("12345", "SE", "too short"),
        ("+46 70 123 45 67 89 01 23 45 67", None, "too long"),
        ("+999 123 456 789", None, "unknown country code"),
        ("call me", "RU", "not a phone number"),
        ("+7 000 000-00-00", None, "not a valid number"),
    ],
)
def test_a_number_that_is_no_phone_says_why(raw: str, region: str | None, reason: str) -> None:
    with pytest.raises(PhoneError, match=reason):
        parse_phone(raw, region)


async def test_stored_numbers_are_brought_to_e164_once_the_region_is_known(db: Database) -> None:
    async with db.transaction() as tx:
        for phone in ["89161234567", "79161234567", "0701234567", "garbage"]:
            await tx.conn.execute(
                "INSERT INTO customers (phone, segment, created_at, updated_at)"
                " VALUES (?, '', '', '')",
                (phone,),
            )
    assert await renormalize_stored_phones(db, "RU") == 1  # only the 8… number changes
    async with db.read() as tx:
        rows = await tx.conn.fetch_all("SELECT phone FROM customers ORDER BY id")
        assert [row[0] for row in rows] == [
            "79161234567", "79161234567", "0701234567", "garbage"
        ]  # fmt: skip
    assert await renormalize_stored_phones(db, "RU") == 0  # done once per region


async def test_quiet_hours_use_the_customers_own_zone_and_say_so(
    db: Database, surveys: Surveys
) -> None:
    async with db.transaction() as tx:
        await tx.customers.touch_from_telegram(46, "F", None, "en")
        result = await one(
            tx,
            surveys,
            NewPurchase(
                "P-1", CustomerRef(telegram_id=46, timezone="Asia/Tokyo"), purchased_at=NOW
            ),
        )
    # 12:00 UTC + 2 h = 23:00 in Tokyo, inside 21:00-09:00: 09:00 Tokyo = 00:00 UTC next day.
    assert (result.status, result.reason) == ("scheduled", "quiet_hours")
    assert result.due_text == "2026-11-11T00:00:00+00:00"


async def test_a_shared_phone_does_not_hand_a_purchase_to_another_telegram_user(
    db: Database, surveys: Surveys
) -> None:
    async with db.transaction() as tx:
        parent, _ = await tx.customers.touch_from_telegram(47, "G", None, "en")
        await tx.customers.fill(parent.id, {"phone": "46709998877"})
        await one(tx, surveys, purchase("P-1", telegram_id=48, phone="46709998877"))
        child = await tx.customers.by_telegram_id(48)
        assert child is not None and child.id != parent.id
        assert await tx.purchases.count_for(parent.id) == 0


def mixed_batch() -> list[NewPurchase]:
    """Repeated orders and customers, a linked customer's cooldown, an identifier already taken."""
    return [
        purchase("B-1", external_id="crm-1", name="H", phone="46701234567"),
        purchase("B-2", telegram_id=50, segment="key"),
        purchase("B-1", external_id="crm-1"),
        purchase("B-3", telegram_id=50),
        purchase("B-4", phone="46701234567", language="sv"),
        purchase("B-5", telegram_id=50, external_id="crm-1"),
        purchase("B-6", external_id="crm-2", phone="46707654321"),
        purchase("B-7", external_id="crm-3", phone="46707654321"),
    ]


async def snapshot(db: Database) -> list[tuple[object, ...]]:
    rows = await db.conn.fetch_all(
        "SELECT p.order_id, c.id, c.telegram_id, c.external_id, c.phone, c.name, c.language,"
        " c.segment, s.status, s.reason, s.due_at, s.segment FROM purchases p"
        " JOIN customers c ON c.id = p.customer_id JOIN surveys s ON s.purchase_id = p.id"
        " ORDER BY p.order_id"
    )
    # Customers by order of first appearance: which purchases share one is what counts (on
    # PostgreSQL a batch reserves ids from a sequence, so the numbers themselves differ).
    first_seen: dict[object, int] = {}
    return [
        (row[0], first_seen.setdefault(row[1], len(first_seen)), *tuple(row)[2:]) for row in rows
    ]


async def test_a_batch_decides_exactly_as_the_same_purchases_one_by_one(
    tmp_path: Path, surveys: Surveys
) -> None:
    outcomes = []
    for name, batched in (("batch", True), ("single", False)):
        database = Database(database_url(tmp_path, name))
        await database.connect()
        await migrate(database.conn)
        async with database.transaction() as tx:
            await tx.customers.touch_from_telegram(50, "I", None, "en")
            if batched:
                got = await register_purchases(tx, surveys, mixed_batch())
            else:
                got = [await one(tx, surveys, p) for p in mixed_batch()]
        outcomes.append(
            (
                [(r.order_id, r.created, r.status, r.reason) for r in got],
                await snapshot(database),
            )
        )
        await database.close()
    assert outcomes[0] == outcomes[1]
    results, rows = outcomes[0]
    assert results[2] == ("B-1", False, "waiting_link", None)
    assert results[3][2:] == ("skipped", "cooldown")
    by_order = {row[0]: row for row in rows}
    assert by_order["B-4"][1] == by_order["B-1"][1] and by_order["B-4"][6] == "sv"
    # crm-1 is B-1's customer's: Telegram user 50 keeps their own record and does not copy it.
    assert by_order["B-5"][1:4] == (by_order["B-2"][1], 50, None)
    assert by_order["B-7"][1] == by_order["B-6"][1] and by_order["B-7"][3] == "crm-2"
    assert by_order["B-2"][7] == by_order["B-2"][11] == "key"


async def test_a_survey_takes_the_segment_the_customer_has_when_it_is_sent(
    db: Database, surveys: Surveys
) -> None:
    """Registered as a regular customer, the customer becomes "key" before the invitation goes
    out: the survey counts under "key", and keeps it when the segment changes again."""
    async with db.transaction() as tx:
        await tx.customers.touch_from_telegram(42, "B", None, "en")
        first = await one(tx, surveys, purchase("S-1", telegram_id=42, segment="regular"))
        assert first.status == "scheduled"
        await one(tx, surveys, purchase("S-2", telegram_id=42, segment="key"))  # cooldown
        later = replace(surveys, core=core(lambda: NOW + timedelta(hours=3)))
        assert await advance_due(tx, later) == 1
        await one(tx, later, purchase("S-3", telegram_id=42, segment="lapsed"))
        rows = await db.conn.fetch_all(
            "SELECT s.status, s.segment FROM surveys s JOIN purchases p ON p.id = s.purchase_id"
            " WHERE p.order_id = 'S-1'"
        )
    assert [tuple(row) for row in rows] == [("sent", "key")]


async def test_a_batch_over_one_in_list_is_written_whole_and_known_again(
    db: Database, surveys: Surveys
) -> None:
    """1,200 purchases (more than one IN-list, written in bulk), names with a NUL: stored as
    given (PostgreSQL drops the NUL), every one found again as a duplicate."""
    batch = [
        purchase(f"M-{i}", external_id=f"crm-{i % 700}", name=f"N\x00{i % 700}")
        for i in range(1200)
    ]
    async with db.transaction() as tx:
        first = await register_purchases(tx, surveys, batch)
    async with db.transaction() as tx:
        again = await register_purchases(tx, surveys, batch)
    assert sum(r.created for r in first) == 1200 and not any(r.created for r in again)
    assert [r.deep_link for r in again] == [r.deep_link for r in first]
    row = await db.conn.fetch_one(
        "SELECT COUNT(*), COUNT(DISTINCT p.customer_id), MIN(c.name), MAX(c.name)"
        " FROM purchases p JOIN customers c ON c.id = p.customer_id"
        " JOIN surveys s ON s.purchase_id = p.id WHERE s.status = 'waiting_link'"
    )
    assert row is not None and tuple(row)[:2] == (1200, 700)
    assert {row[2], row[3]} <= {"N\x000", "N0", "N\x0099", "N99"}


async def test_a_bulk_write_that_clashes_writes_nothing(db: Database, surveys: Surveys) -> None:
    async with db.transaction() as tx:
        await one(tx, surveys, purchase("C-1", external_id="crm-1"))
    async with db.read() as tx:
        stored = await tx.purchases.by_order_ids(["C-1"])
    clash = [replace(stored["C-1"], id=stored["C-1"].id + 100, link_token="other")]
    fresh = replace(clash[0], id=stored["C-1"].id + 101, order_id="C-2", link_token="t2")
    with pytest.raises(DatabaseError):
        async with db.transaction() as tx:
            await tx.purchases.add_many([fresh, *clash], NOW)
    async with db.read() as tx:
        assert set(await tx.purchases.by_order_ids(["C-1", "C-2"])) == {"C-1"}


async def test_the_shops_name_stays_and_the_telegram_name_is_kept_beside_it(
    db: Database, surveys: Surveys
) -> None:
    """A customer the shop named "Анна Смирнова" who starts the bot as "Анна" stays "Анна
    Смирнова", however they were matched (Telegram id in the sales file, a later file, the
    phone they share); the Telegram name is kept apart, and follows Telegram."""
    async with db.transaction() as tx:
        await one(tx, surveys, purchase("N-1", telegram_id=51, name="Анна Смирнова"))
        anna, _ = await tx.customers.touch_from_telegram(51, "Анна", None, "ru", starting=True)
        assert (anna.name, anna.tg_name) == ("Анна Смирнова", "Анна")
        anna, _ = await tx.customers.touch_from_telegram(51, "Аня", None, "ru")
        assert (anna.name, anna.tg_name) == ("Анна Смирнова", "Аня")

        boris, _ = await tx.customers.touch_from_telegram(52, "Боря", None, "ru", starting=True)
        assert (boris.name, boris.tg_name) == (None, "Боря")
        await one(tx, surveys, purchase("N-2", telegram_id=52, name="Борис Котов"))
        boris = await tx.customers.get(boris.id) or boris
        assert (boris.name, boris.tg_name) == ("Борис Котов", "Боря")

        await one(tx, surveys, purchase("N-3", phone="46701112299", name="Вера Зуева"))
        vera, _ = await tx.customers.touch_from_telegram(53, "Vera", None, "ru", starting=True)
        await link_by_phone(tx, surveys, vera, "+46 70 111 22 99")
        vera = await tx.customers.get(vera.id) or vera
        assert (vera.name, vera.tg_name) == ("Вера Зуева", "Vera")
        await tx.privacy.forget(vera.id)
        vera = await tx.customers.get(vera.id) or vera
        assert (vera.name, vera.tg_name) == (None, None)


async def test_each_survey_gets_a_web_address_whose_token_is_stored_only_as_a_digest(
    db: Database, surveys: Surveys
) -> None:
    """With PUBLIC_URL a purchase's answer carries PUBLIC_URL/s/<token>; the database keeps
    the token's digest alone (a copy of it opens no survey), a repeat gets a token of its own
    and the first stays valid, and a refused repeat (another customer's order) gets none."""
    web = replace(surveys, config=replace(surveys.config, public_url="https://shop.example"))
    async with db.transaction() as tx:
        first = await one(tx, web, purchase("P-1", external_id="crm-1"))
        again = await one(tx, web, purchase("P-1", external_id="crm-1"))
        refused = await one(tx, web, purchase("P-1", external_id="crm-2"))
    assert first.survey_url and again.survey_url and refused.survey_url is None
    tokens = [str(r.survey_url).removeprefix("https://shop.example/s/") for r in (first, again)]
    assert tokens[0] != tokens[1] and all(len(token) >= 22 for token in tokens)  # 128 bits
    async with db.read() as tx:
        for token in tokens:
            assert await survey_of(tx, token) == first.survey_id
        other = tokens[0][:-1] + ("B" if tokens[0].endswith("A") else "A")
        assert await survey_of(tx, other) is None
        rows = await tx.conn.fetch_all("SELECT digest, survey_id FROM survey_links")
    assert sorted(str(row[0]) for row in rows) == sorted(digest(token) for token in tokens)
    assert not any(token in str(row[0]) for row in rows for token in tokens)


async def test_without_a_public_address_no_survey_has_a_web_address(
    db: Database, surveys: Surveys
) -> None:
    async with db.transaction() as tx:
        result = await one(tx, surveys, purchase("P-1", external_id="crm-1"))
    assert result.survey_url is None and result.as_json()["survey_url"] is None
    async with db.read() as tx:
        assert await tx.conn.fetch_all("SELECT digest FROM survey_links") == []


async def test_a_forgotten_customers_survey_addresses_open_nothing(
    db: Database, surveys: Surveys
) -> None:
    web = replace(surveys, config=replace(surveys.config, public_url="https://shop.example"))
    async with db.transaction() as tx:
        result = await one(tx, web, purchase("P-1", external_id="crm-1"))
        purchase_row = await purchase_by_order(tx, "P-1")
        assert purchase_row is not None
        await tx.privacy.forget(purchase_row.customer_id)
    token = str(result.survey_url).removeprefix("https://shop.example/s/")
    async with db.read() as tx:
        assert await survey_of(tx, token) is None

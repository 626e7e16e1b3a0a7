"""Saved replies' names and texts: what a name may be, which language a customer gets, and
how {name} and {order} read when they are unknown."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.complaints.saved import Named, choose, filled, parse_name
from storage.db import Database
from storage.models import Complaint, Customer
from storage.repos.saved import SavedReply
from storage.states import ComplaintSource, ComplaintStatus

AT = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)


def test_a_name_is_one_word_with_an_optional_catalog_language() -> None:
    languages = ["en", "ru", "sv"]
    assert parse_name("Refund", languages) == Named("refund", None)
    assert parse_name("late-delivery:RU", languages) == Named("late-delivery", "ru")
    assert parse_name("возврат", languages) == Named("возврат", None)
    for bad in ("re$fund", "refund:de", "", "x" * 33, "a b"):
        assert parse_name(bad, languages) is None, bad


def test_the_customer_gets_their_language_else_the_default_else_any() -> None:
    en, ru = SavedReply("r", "en", "Hi"), SavedReply("r", "ru", "Привет")
    assert choose([en, ru], "ru", "en") == ru
    assert choose([en, ru], "sv", "en") == en
    assert choose([ru], "sv", "en") == ru
    assert choose([], "sv", "en") is None


def complaint(purchase_id: int | None) -> Complaint:
    return Complaint(
        id=1, customer_id=1, survey_id=None, purchase_id=purchase_id,
        source=ComplaintSource.MESSAGE, status=ComplaintStatus.OPEN, segment="", text=None,
        taken_by=None, taken_at=None, taken_by_name=None, resolved_at=None, closed_at=None,
        resolution_satisfied=None, card_chat_id=None, card_message_id=None,
        topic_thread_id=None, card_due_at=None, card_mode=None, clock_started_at=AT,
        reopened=0, created_at=AT,
    )  # fmt: skip


async def test_unknown_name_and_order_leave_no_gaps(db: Database) -> None:
    text = "Hi {name}, order {order} is on its way."
    async with db.read() as tx:
        dana = Customer(id=1, telegram_id=7, name="Dana Lind")
        assert await filled(tx, text, complaint(None), dana) == "Hi Dana, order is on its way."
        nobody = Customer(id=1, telegram_id=7, name=None)
        assert await filled(tx, text, complaint(None), nobody) == "Hi, order is on its way."
        assert await filled(tx, "{name}, sorry!", complaint(None), nobody) == "sorry!"

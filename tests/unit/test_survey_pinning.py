"""A survey asks the definition current when its invitation went out, to its end: an owner
storing a new version changes what later invitations ask, never a survey already started."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.surveys.config import Surveys
from bot.surveys.design import Definition, Question, Variant
from bot.surveys.design_versions import replace
from bot.surveys.pinning import pick_variant, pinned_questions
from bot.surveys.purchases import CustomerRef, NewPurchase, register_purchases
from bot.surveys.timeline import advance_due
from storage.db import Database, Tx
from storage.models import Survey
from tests.support.lookups import purchase_by_order, survey_for_purchase
from tests.support.surveying import survey_context

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)

WORDS = {"en": "Where did you buy?", "ru": "Где вы купили?", "sv": "Var köpte du?"}
MORE = {"en": "Anything else?", "ru": "Что-нибудь ещё?", "sv": "Något mer?"}
OWNERS = Definition(
    questions=[Question(id="nps", type="nps"), Question(id="more", type="text", text=MORE)],
    variants=[
        Variant(
            branch="south",
            questions=[
                Question(id="nps", type="nps"),
                Question(id="where", type="text", text=WORDS),
            ],
        )
    ],
)


@pytest.fixture
def surveys() -> Surveys:
    return survey_context(NOW)


async def invite(tx: Tx, surveys: Surveys, order: str, telegram_id: int, branch: str) -> Survey:
    """A purchase by a customer who started the bot, its invitation sent now."""
    await tx.customers.touch_from_telegram(telegram_id, "B", None, "en")
    new = NewPurchase(order, CustomerRef(telegram_id=telegram_id), branch=branch, purchased_at=NOW)
    await register_purchases(tx, surveys, [new])
    purchase = await purchase_by_order(tx, order)
    assert purchase is not None
    planned = await survey_for_purchase(tx, purchase.id)
    assert planned is not None
    await tx.surveys.update(planned.id, due_at=NOW - timedelta(seconds=1))
    await advance_due(tx, surveys)
    sent = await tx.surveys.get(planned.id)
    assert sent is not None and sent.status == "sent"
    return sent


async def test_a_survey_started_keeps_its_version_after_an_owner_stores_a_new_one(
    db: Database, surveys: Surveys
) -> None:
    async with db.transaction() as tx:
        started = await invite(tx, surveys, "P-1", 41, "north")
    assert (started.version, started.variant) == (0, None)
    async with db.transaction() as tx:
        stored, _ = await replace(tx, surveys.design, OWNERS, "api", NOW)
        after_north = await invite(tx, surveys, "P-2", 42, "north")
        after_south = await invite(tx, surveys, "P-3", 43, "south")
        again = await tx.surveys.get(started.id)
        assert again is not None
        started_asks = [q.id for q in await pinned_questions(tx, surveys.design, again)]
        north_asks = [q.id for q in await pinned_questions(tx, surveys.design, after_north)]
        south_asks = [q.id for q in await pinned_questions(tx, surveys.design, after_south)]
    assert (again.version, again.variant) == (0, None)
    assert started_asks == [q.id for q in surveys.design.default.questions]
    assert (after_north.version, after_north.variant) == (stored.version, None)
    assert north_asks == ["nps", "more"]
    assert (after_south.version, after_south.variant) == (stored.version, 0)
    assert south_asks == ["nps", "where"]


def test_a_variant_naming_branch_and_segment_comes_before_one_naming_either() -> None:
    nps = [Question(id="nps", type="nps")]
    definition = Definition(
        questions=nps,
        variants=[
            Variant(segment="key", questions=nps),
            Variant(branch="south", questions=nps),
            Variant(branch="south", segment="key", questions=nps),
        ],
    )
    assert pick_variant(definition, "south", "key") == 2
    assert pick_variant(definition, "south", "") == 1
    assert pick_variant(definition, "north", "key") == 0
    assert pick_variant(definition, "north", "") is None

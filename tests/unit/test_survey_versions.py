"""The current survey and its versions: today's until one is stored, each accepted definition a
new version kept as it was, the current one again no version at all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.i18n import Catalog
from bot.surveys.design import Definition, Question
from bot.surveys.design_default import default_definition
from bot.surveys.design_versions import Design, current, replace
from storage.db import Database

NOW = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
TODAY = default_definition(Catalog.load(), ["quality", "price"], nps_max=6, csat_max=2)
DESIGN = Design(languages=("en", "ru", "sv"), default=TODAY)
WORDS = {"en": "Anything else?", "ru": "Что-нибудь ещё?", "sv": "Något mer?"}
SHORT = Definition(
    questions=[
        Question(id="nps", type="nps"),
        Question(id="comment", type="text", text=WORDS),
    ]
)


async def test_with_nothing_stored_the_current_survey_is_todays(db: Database) -> None:
    async with db.read() as tx:
        survey = await current(tx, DESIGN)
    assert survey.version == 0 and survey.definition == TODAY and survey.created_by is None


async def test_each_accepted_definition_is_a_new_version_kept_as_it_was(db: Database) -> None:
    async with db.transaction() as tx:
        first, stored = await replace(tx, DESIGN, SHORT, "api", NOW)
    assert stored and first.version == 1
    longer = Definition(questions=[*SHORT.questions, Question(id="more", type="text", text=WORDS)])
    async with db.transaction() as tx:
        second, stored = await replace(tx, DESIGN, longer, "api", NOW + timedelta(hours=1))
    assert stored and second.version == 2
    async with db.read() as tx:
        now_current = await current(tx, DESIGN)
        kept = await tx.survey_versions.get(1)
    assert now_current.definition == longer and now_current.version == 2
    assert now_current.created_at == NOW + timedelta(hours=1)
    assert kept is not None and Definition.model_validate_json(kept.body) == SHORT
    assert kept.created_by == "api" and kept.created_at == NOW


async def test_the_current_definition_again_stores_nothing(db: Database) -> None:
    async with db.transaction() as tx:
        same, stored = await replace(tx, DESIGN, TODAY, "api", NOW)
    assert not stored and same.version == 0
    async with db.transaction() as tx:
        await replace(tx, DESIGN, SHORT, "api", NOW)
    async with db.transaction() as tx:
        same, stored = await replace(tx, DESIGN, SHORT, "api", NOW + timedelta(days=1))
    assert not stored and same.version == 1 and same.created_at == NOW
    async with db.read() as tx:
        assert await tx.survey_versions.get(2) is None

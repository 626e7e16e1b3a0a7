"""Answers per question: each question's latest answer, a multiple choice's options toggled
one at a time, read back together. Both engines (`make test-pg`)."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import Database
from storage.models import Answer
from tests.support.reportdata import add_response

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


async def test_each_question_keeps_its_latest_answer(db: Database) -> None:
    async with db.transaction() as tx:
        survey = await add_response(tx.conn, 1, NOW, 3)
        await tx.surveys.answer(survey, "ces", number=2)
        await tx.surveys.answer(survey, "ces", number=6)  # pressed again: replaced
        await tx.surveys.answer(survey, "where", options=("online",))
        await tx.surveys.answer(survey, "where", options=("cafe",))
        await tx.surveys.answer(survey, "note", text="Кофе остыл")
        assert await tx.surveys.toggle_option(survey, "what", "price")
        assert await tx.surveys.toggle_option(survey, "what", "staff")
        assert not await tx.surveys.toggle_option(survey, "what", "price")  # unchosen
        answers = await tx.surveys.answers(survey)
    assert answers == {
        "ces": Answer(number=6),
        "where": Answer(options=("cafe",)),
        "note": Answer(text="Кофе остыл"),
        "what": Answer(options=("staff",)),
    }

"""Answers per question: each question's latest answer, a multiple choice's options toggled
one at a time, read back together. Both engines (`make test-pg`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import Database
from storage.models import Answer
from storage.repos.stats import QuestionCounts
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


async def test_figures_per_question_and_each_responses_answers(db: Database) -> None:
    async with db.transaction() as tx:
        for number, score, ces, where in ((1, 3, 2, ("shop",)), (2, 9, 6, ("shop", "web"))):
            survey = await add_response(tx.conn, number, NOW, score, legacy=True)
            await tx.surveys.answer(survey, "ces", number=ces)
            await tx.surveys.answer(survey, "where", options=where)
        await tx.surveys.answer(1, "note", text="Кофе остыл")
    async with db.read() as tx:
        figures = await tx.stats.questions(NOW, NOW + timedelta(days=1))
        rows = await tx.stats.responses(0, 10)
    assert figures == {
        "ces": QuestionCounts("scale", 2, {"2": 1, "6": 1}, total=8),
        "where": QuestionCounts("choice", 2, {"shop": 2, "web": 1}),
        "note": QuestionCounts("text", 1, {}),
    }
    assert [(r["answers"], r["channel"]) for r in rows] == [
        ({"ces": 2, "note": "Кофе остыл", "where": ["shop"]}, "telegram"),
        ({"ces": 6, "where": ["shop", "web"]}, "telegram"),
    ]


async def test_a_response_without_a_segment_says_null_as_one_without_a_branch(
    db: Database,
) -> None:
    """`segment` was "" for a customer in no segment while `branch` was null for a purchase
    of no branch: both are null for none (GET /api/v1/responses)."""
    async with db.transaction() as tx:
        await add_response(tx.conn, 1, NOW, 9)  # no segment
        await add_response(tx.conn, 2, NOW, 3, segment="key")
        await tx.conn.execute("UPDATE purchases SET branch = NULL WHERE id = 1")
    async with db.read() as tx:
        rows = await tx.stats.responses(0, 10)
    assert [(r["branch"], r["segment"]) for r in rows] == [(None, None), ("north", "key")]

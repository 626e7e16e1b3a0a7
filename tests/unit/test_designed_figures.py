"""Figures for the questions a shop designed, over their answers whatever version asked them:
the stats API's `questions` in the survey's order, a few lines in the digest, a column each in
the exports. Both engines (`make test-pg`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.reports.as_json import digest_json
from bot.reports.digest import Digest, build_digest
from bot.surveys.design import Definition, Option, Question
from bot.surveys.design_versions import body_text
from bot.timeparse import BusinessHours
from storage.db import Database, Tx
from tests.support.reportdata import add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
END = START + timedelta(days=7)
WEEK = timedelta(days=7)
TZ = ZoneInfo("Europe/Stockholm")


def texts(en: str, ru: str, sv: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "sv": sv}


NPS = Question(id="nps", type="nps")
WHERE = Question(
    id="where",
    type="choice",
    text=texts("Which shop did you visit?", "В каком магазине вы были?", "Vilken butik?"),
    options=[
        Option(id="tver", text=texts("Tverskaya", "Тверская", "Tverskaja")),
        Option(id="arbat", text=texts("Arbat", "Арбат", "Arbat")),
    ],
)
CES = Question(
    id="ces",
    type="scale",
    text=texts("How easy was it?", "Насколько это было легко?", "Hur enkelt var det?"),
    min=1,
    max=7,
)
OLD = Question(  # asked by the first version only
    id="bag", type="choice", text=texts("Bag?", "Пакет?", "Påse?"),
    options=[Option(id="yes", text=texts("Yes", "Да", "Ja")),
             Option(id="no", text=texts("No", "Нет", "Nej"))],
)  # fmt: skip
NOTE = Question(id="note", type="text", text=texts("Anything else?", "Что ещё?", "Något mer?"))


async def answer(tx: Tx, number: int, at: datetime, nps: int, **given: object) -> None:
    await add_response(tx.conn, number, at, nps)
    for question, value in given.items():
        if isinstance(value, int):
            await tx.surveys.answer(number, question, number=value)
        elif isinstance(value, tuple):
            await tx.surveys.answer(number, question, options=value)
        else:
            await tx.surveys.answer(number, question, text=str(value))


async def shop(db: Database) -> Digest:
    """Version 1 asked the bag; version 2 asks where, then the CES, then a note. Last week
    the CES averaged 5; this week 3 (two answers), Tverskaya twice, Arbat once."""
    async with db.transaction() as tx:
        first = Definition(questions=[NPS, OLD, CES])
        await tx.survey_versions.add(body_text(first), "api", START - WEEK)
        await tx.survey_versions.add(body_text(Definition(questions=[NPS, WHERE, CES, NOTE])),
                                     "api", START)  # fmt: skip
        await answer(tx, 1, START - WEEK + timedelta(days=1), 9, ces=5, bag=("yes",))
        await answer(tx, 2, START + timedelta(days=1), 3, ces=2, where=("tver",), note="Тесно")
        await answer(tx, 3, START + timedelta(days=2), 8, ces=4, where=("tver",))
        await answer(tx, 4, START + timedelta(days=3), 10, where=("arbat",))
        await answer(tx, 5, START + timedelta(days=3), 6, bag=("no",))  # an old survey's
    async with db.read() as tx:
        return await build_digest(tx, START, END, END, TZ, hours=BusinessHours(None))


async def test_the_stats_list_the_questions_in_the_surveys_order(db: Database) -> None:
    d = await shop(db)
    questions = digest_json(d)["questions"]
    assert list(questions) == ["nps", "where", "ces", "note", "bag"]  # removed ones last
    assert questions["ces"] == {"type": "scale", "n": 2, "mean": 3.0, "counts": {"2": 1, "4": 1}}

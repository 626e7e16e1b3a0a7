"""Figures for the questions a shop designed, over their answers whatever version asked them:
the stats API's `questions` in the survey's order, a few lines in the digest, a column each in
the exports. Both engines (`make test-pg`)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl

from bot.i18n import Catalog
from bot.reports.as_json import digest_json
from bot.reports.designed import chosen
from bot.reports.digest import Digest, build_digest
from bot.reports.export import encode
from bot.reports.render import render_digest
from bot.reports.rows import table
from bot.surveys.design import Definition, Option, Question
from bot.surveys.design_versions import body_text
from bot.timeparse import BusinessHours
from storage.db import Database, Tx
from storage.repos.stats import QuestionCounts
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


async def test_the_digest_has_a_line_for_the_few_questions_that_matter(db: Database) -> None:
    d = await shop(db)
    catalog = Catalog.load()
    said = {lang: render_digest(catalog.bind(lang), d, TZ) for lang in ("en", "ru")}
    print(said["en"], said["ru"], sep="\n\n")
    assert "How easy was it? (1–7) — mean 3.0, -2.0 vs the previous period (n=2)" in said["en"]
    assert "Which shop did you visit? — chosen most: Tverskaya (67%, n=3)" in said["en"]
    assert "Bag? — chosen most: No (100%, n=1)" in said["en"]  # an older version's question
    assert "Насколько это было легко? (1–7) — в среднем 3,0, -2,0 к прошлому периоду" in said["ru"]
    assert "В каком магазине вы были? — чаще всего: Тверская (67\xa0%, n=3)" in said["ru"]
    assert "Anything else?" not in said["en"]  # a text's words are in the themes
    assert "CSAT" not in said["en"]  # not asked: no row of dashes


def counts(kind: str, n: int, total: int = 0) -> QuestionCounts:
    return QuestionCounts(kind, n, {"a": n} if kind == "choice" else {str(n): n}, total)


def test_at_most_three_chosen_scales_that_moved_first() -> None:
    def q(qid: str, kind: str) -> Question:
        if kind == "scale":
            return Question(id=qid, type="scale", text=texts(qid, qid, qid), min=1, max=5)
        options = [
            Option(id="a", text=texts("A", "А", "A")),
            Option(id="b", text=texts("B", "Б", "B")),
        ]
        return Question(id=qid, type="choice", text=texts(qid, qid, qid), options=options)

    asked = {qid: q(qid, kind) for qid, kind in
             [("c1", "choice"), ("s1", "scale"), ("s2", "scale"), ("c2", "choice"),
              ("csat", "scale"), ("t", "text")]}  # fmt: skip
    now = {
        "c1": counts("choice", 9),
        "s1": counts("scale", 4, total=12),  # mean 3, was 4: moved 1
        "s2": counts("scale", 2, total=10),  # mean 5, was 2.5: moved 2.5
        "c2": counts("choice", 20),
        "csat": counts("scale", 50, total=100),  # built in: the digest's CSAT line has it
        "t": QuestionCounts("text", 30, {}),
    }
    before = {"s1": counts("scale", 2, total=8), "s2": counts("scale", 2, total=5)}
    picked = [f.question.id for f in chosen(asked, now, before)]
    assert picked == ["s2", "s1", "c2"]
    assert [f.question.id for f in chosen(asked, now, {})] == ["s1", "s2", "c2"]  # by answers


async def test_the_default_survey_has_no_question_lines(db: Database) -> None:
    async with db.transaction() as tx:
        await add_response(tx.conn, 1, START + timedelta(days=1), 3, csat=2, aspects=("price",))
    async with db.read() as tx:
        d = await build_digest(tx, START, END, END, TZ, hours=BusinessHours(None))
    assert d.designed == []


async def test_the_exports_have_a_column_per_question_across_versions(db: Database) -> None:
    await shop(db)
    async with db.transaction() as tx:  # a multiple choice, as another version may ask it
        await answer(tx, 6, START + timedelta(days=4), 7, where=("arbat", "tver"), note="=1+2")
    async with db.read() as tx:
        found = await table(tx, "responses", START - WEEK, END)
    catalog = Catalog.load()
    ru = openpyxl.load_workbook(io.BytesIO(encode(found, "xlsx", TZ, catalog.bind("ru")))).active
    assert ru is not None
    rows = list(ru.iter_rows(values_only=True))
    titles = list(rows[0])
    for text in ("В каком магазине вы были?", "Насколько это было легко?", "Что ещё?", "Пакет?"):
        assert text in titles  # the current survey's in its order, then the removed one
    at = {text: titles.index(text) for text in titles if isinstance(text, str)}
    assert at["В каком магазине вы были?"] < at["Насколько это было легко?"] < at["Пакет?"]
    by_order = {row[at["Заказ"]]: row for row in rows[1:]}
    assert by_order["O-1"][at["Насколько это было легко?"]] == 5  # a number, not "5"
    assert by_order["O-1"][at["Пакет?"]] == "Да"  # the old version's question keeps its column
    assert by_order["O-6"][at["В каком магазине вы были?"]] == "Тверская, Арбат"
    assert by_order["O-6"][at["Что ещё?"]] == "=1+2"  # text, never a formula
    en = list(
        csv.reader(io.StringIO(encode(found, "csv", TZ, catalog.bind("en")).decode("utf-8-sig")))
    )
    header, first = en[0], en[1]
    assert header[-4:] == [
        "Which shop did you visit?",
        "How easy was it?",
        "Anything else?",
        "Bag?",
    ]
    assert first[-4:] == ["", "5", "", "Yes"]
    assert en[-1][-4:] == ["Tverskaya, Arbat", "", "'=1+2", ""]

"""Dispatcher level: a survey the owner designed, answered in Telegram press by press (and
typed words), in the version the survey was started with; stale and repeated presses change
nothing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from bot.surveys.design import Complaint, Definition, Labels, Option, Question, When
from bot.surveys.design_versions import replace
from bot.surveys.purchases import CustomerRef, NewPurchase, register_purchases
from bot.surveys.timeline import advance_due
from storage.models import Answer, Survey
from storage.states import SurveyStatus
from tests.support.helpers import make_settings
from tests.support.updates import feed, message, outbox_rows, press


def texts(en: str, ru: str, sv: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "sv": sv}


CES = Question(
    id="ces",
    type="scale",
    text=texts("How easy was it to buy?", "Насколько легко было купить?", "Hur lätt var det?"),
    min=1,
    max=7,
    labels=Labels(
        min=texts("very hard", "очень трудно", "mycket svårt"),
        max=texts("very easy", "очень легко", "mycket lätt"),
    ),
    when=When(question="nps", in_=["detractor"]),
    complaint=Complaint(at_most=2),
)
WHERE = Question(
    id="where",
    type="choice",
    text=texts("Where did you buy?", "Где вы купили?", "Var köpte du?"),
    options=[
        Option(id="shop", text=texts("In the shop", "В магазине", "I butiken")),
        Option(id="online", text=texts("Online", "На сайте", "På nätet")),
    ],
)
NOTE = Question(
    id="note", type="text", text=texts("Anything else?", "Что-нибудь ещё?", "Något mer?")
)
DESIGNED = Definition(questions=[Question(id="nps", type="nps"), CES, WHERE, NOTE])


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def designed(app: App) -> int:
    async with app.db.transaction() as tx:
        stored, _ = await replace(tx, app.surveys.design, DESIGNED, "api", app.surveys.core.now())
    return stored.version


async def invited(app: App, customer: int) -> Survey:
    """The customer's survey, its invitation sent by the survey tick."""
    async with app.db.transaction() as tx:
        await tx.customers.touch_from_telegram(customer, "B", None, "en")  # started the bot
        new = NewPurchase(f"E-{customer}", CustomerRef(telegram_id=customer))
        await register_purchases(tx, app.surveys, [new])
        found = await tx.customers.by_telegram_id(customer)
        assert found is not None
        [survey] = await tx.surveys.by_customer(found.id, tuple(SurveyStatus))
        await tx.surveys.update(survey.id, due_at=app.surveys.core.now() - timedelta(seconds=1))
        await advance_due(tx, app.surveys)
    return await stored(app, survey.id)


async def stored(app: App, survey_id: int) -> Survey:
    async with app.db.read() as tx:
        survey = await tx.surveys.get(survey_id)
    assert survey is not None
    return survey


async def answers(app: App, survey_id: int) -> dict[str, Answer]:
    async with app.db.read() as tx:
        return await tx.surveys.answers(survey_id)


async def last(app: App, chat: int, method: str) -> dict[str, Any]:
    return [p for m, p in await outbox_rows(app, chat) if m == method][-1]


async def alerts(app: App) -> list[str | None]:
    """What each press was answered, in order (answers to presses name no chat)."""
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all(
            "SELECT payload FROM outbox WHERE method = 'AnswerCallbackQuery' ORDER BY id"
        )
    return [json.loads(row[0]).get("text") for row in rows]


def buttons(payload: dict[str, Any]) -> list[list[tuple[str, str]]]:
    rows = payload["reply_markup"]["inline_keyboard"]
    return [[(b["text"], b["callback_data"]) for b in row] for row in rows]


async def test_a_designed_survey_is_asked_in_order_with_its_conditions(offline: App) -> None:
    version = await designed(offline)
    survey = await invited(offline, 71)
    assert (survey.version, survey.step) == (version, "nps")
    sid = survey.id
    await feed(offline, press(1, 71, f"sv:{sid}:nps:3"))  # a detractor: asked the CES
    ces = await last(offline, 71, "EditMessageText")
    assert ces["text"] == "How easy was it to buy?\n\n1 — very hard\n7 — very easy"
    assert buttons(ces) == [[(str(n), f"sv:{sid}:ces:{n}") for n in range(1, 8)]]
    await feed(offline, press(2, 71, f"sv:{sid}:ces:2"))
    where = await last(offline, 71, "EditMessageText")
    assert where["text"] == "Where did you buy?"
    assert buttons(where) == [
        [("In the shop", f"sv:{sid}:where:shop")],
        [("Online", f"sv:{sid}:where:online")],
    ]
    await feed(offline, press(3, 71, f"sv:{sid}:where:online"))
    note = await last(offline, 71, "EditMessageText")
    assert (note["text"], buttons(note)) == ("Anything else?", [[("Skip", f"sv:{sid}:note:skip")]])
    await feed(offline, message(4, 71, "Кофе остыл"))
    thanks = await last(offline, 71, "SendMessage")
    assert thanks["text"].startswith("Thank you")
    done = await stored(offline, sid)
    assert (done.status, done.step) == (SurveyStatus.ANSWERED, "done")
    assert await answers(offline, sid) == {
        "ces": Answer(number=2),
        "where": Answer(options=("online",)),
        "note": Answer(text="Кофе остыл"),
    }
    # What the customer wrote is the survey's comment, for the card, /find, the themes and
    # the exports; its scale is no CSAT and its choice no expectation.
    assert (done.csat, done.expectation, done.comment) == (None, None, "Кофе остыл")
    async with offline.db.read() as tx:  # the CES of 2 opens a complaint, as the rule says
        assert await tx.complaints.for_survey(sid) is not None


async def test_a_promoter_is_not_asked_what_only_detractors_are(offline: App) -> None:
    await designed(offline)
    sid = (await invited(offline, 72)).id
    await feed(offline, press(1, 72, f"sv:{sid}:nps:10"))
    assert (await last(offline, 72, "EditMessageText"))["text"] == "Where did you buy?"
    async with offline.db.read() as tx:
        assert await tx.complaints.for_survey(sid) is None


async def test_a_survey_started_finishes_its_version_after_a_new_one_is_stored(
    offline: App,
) -> None:
    before = await invited(offline, 73)
    assert before.version == 0
    await feed(offline, press(1, 73, f"sv:{before.id}:nps:9"))
    await designed(offline)
    await feed(offline, press(2, 73, f"sv:{before.id}:liked_most:skip"))  # today's next page
    csat = await last(offline, 73, "EditMessageText")
    assert csat["text"].startswith("How satisfied are you with this purchase?")
    after = await invited(offline, 74)
    assert after.version == 1  # a survey sent now asks the new one


async def test_stale_and_repeated_presses_answer_kindly_and_change_nothing(
    offline: App,
) -> None:
    await designed(offline)
    sid = (await invited(offline, 75)).id
    await feed(offline, press(1, 75, f"sv:{sid}:nps:2"))
    await feed(offline, press(1, 75, f"sv:{sid}:nps:2"))  # Telegram delivers it again
    await feed(offline, press(2, 75, f"sv:{sid}:nps:8"))  # the NPS button, pressed again
    await feed(offline, press(3, 75, f"sv:{sid}:csat:5"))  # a question of another version
    assert await alerts(offline) == [
        None,  # the first press: moved on, no alert
        "Already answered, thank you!",
        "This button is no longer active.",
    ]
    survey = await stored(offline, sid)
    assert (survey.nps, survey.step) == (2, "ces")
    assert await answers(offline, sid) == {}
    edits = [p for m, p in await outbox_rows(offline, 75) if m == "EditMessageText"]
    assert len(edits) == 1  # only the first press moved the survey on


async def test_the_follow_up_buttons_sent_before_still_work(offline: App) -> None:
    sid = (await invited(offline, 76)).id
    await feed(offline, press(1, 76, f"sv:{sid}:nps:4"))
    await feed(offline, press(2, 76, f"sv:{sid}:aspect:quality"))
    async with offline.db.transaction() as tx:  # as a survey stored before the upgrade
        await tx.surveys.update(sid, step="followup")
    await feed(offline, press(3, 76, f"sv:{sid}:followup:next"))
    csat = await last(offline, 76, "EditMessageText")
    assert csat["text"].startswith("How satisfied are you with this purchase?")
    assert await answers(offline, sid) == {"aspect": Answer(options=("quality",))}


async def test_a_designed_survey_keeping_the_built_in_questions_fills_what_staff_read(
    offline: App,
) -> None:
    """An owner who takes GET's survey and adds a question: the built-in questions' answers
    still reach the complaint card, /mydata, the exports and the themes, as before the PUT."""
    default = offline.surveys.design.default
    mine = Definition(questions=[*default.questions, WHERE], variants=default.variants)
    async with offline.db.transaction() as tx:
        await replace(tx, offline.surveys.design, mine, "api", offline.surveys.core.now())
    sid = (await invited(offline, 74)).id
    await feed(offline, press(1, 74, f"sv:{sid}:nps:2"))
    await feed(offline, press(2, 74, f"sv:{sid}:aspect:staff"))
    await feed(offline, message(3, 74, "Бариста грубил, кофе холодный"))
    await feed(offline, press(4, 74, f"sv:{sid}:csat:2"))
    await feed(offline, press(5, 74, f"sv:{sid}:expectation:worse"))
    done = await stored(offline, sid)
    assert (done.csat, done.expectation, done.comment) == (
        2,
        "worse",
        "Бариста грубил, кофе холодный",
    )
    async with offline.db.read() as tx:
        aspects = await tx.conn.fetch_all(
            "SELECT aspect FROM survey_aspects WHERE survey_id = ?", (sid,)
        )
        themes = await tx.conn.fetch_all(
            "SELECT theme FROM text_themes WHERE survey_id = ? ORDER BY theme", (sid,)
        )
    assert [r[0] for r in aspects] == ["staff"]
    assert "staff" in [r[0] for r in themes]


async def test_a_complaint_opened_by_an_answer_of_a_promoter_is_not_called_a_bad_time(
    offline: App,
) -> None:
    """A 9 and "waited over 10 minutes", which the owner made a complaint: the customer is
    thanked and told a person will write, not told "we are sorry it was not good"."""
    wait = Question(
        id="wait",
        type="choice",
        text=texts("How long did you wait?", "Сколько вы ждали?", "Hur länge väntade du?"),
        options=[
            Option(id="fast", text=texts("Not at all", "Совсем нет", "Inte alls")),
            Option(id="slow", text=texts("Over 10 minutes", "Больше 10 минут", "Över 10 min")),
        ],
        complaint=Complaint(options=["slow"]),
    )
    mine = Definition(questions=[Question(id="nps", type="nps"), wait])
    async with offline.db.transaction() as tx:
        await replace(tx, offline.surveys.design, mine, "api", offline.surveys.core.now())
    sid = (await invited(offline, 75)).id
    await feed(offline, press(1, 75, f"sv:{sid}:nps:9"))
    await feed(offline, press(2, 75, f"sv:{sid}:wait:slow"))
    async with offline.db.read() as tx:
        complaint = await tx.complaints.for_survey(sid)
    assert complaint is not None
    rows = await outbox_rows(offline, 75)
    told = [p["text"] for m, p in rows if m in ("SendMessage", "EditMessageText")]
    opened = [text for text in told if f"#{complaint.id}" in text]
    assert opened and not any("sorry" in text for text in opened), told
    # Told in the survey's closing message (tests/dispatch/test_survey_endings.py).
    assert opened[0].startswith("Thank you! We passed your answers on")


async def test_help_says_how_long_the_shops_survey_takes(offline: App) -> None:
    await feed(offline, message(1, 91, "/help"))
    built_in = (await last(offline, 91, "SendMessage"))["text"]
    assert "it takes about a minute." in built_in  # NPS, the follow-up's taps and words, two
    await designed(offline)  # NPS, a scale, a choice and a comment: 35 s
    await feed(offline, message(2, 91, "/help", lang="ru"))
    designed_help = (await last(offline, 91, "SendMessage"))["text"]
    assert "это займёт около 40 секунд." in designed_help


async def test_the_reminder_says_how_long_the_survey_it_reminds_of_takes(offline: App) -> None:
    await designed(offline)
    survey = await invited(offline, 92)
    due = offline.surveys.core.now() - timedelta(seconds=1)
    async with offline.db.transaction() as tx:  # the reminder is due
        await tx.surveys.update(survey.id, due_at=due)
        await advance_due(tx, offline.surveys)
    reminder = (await last(offline, 92, "SendMessage"))["text"]
    assert reminder.startswith(
        "A gentle reminder: your answer takes about 40 seconds and helps us a lot."
    )

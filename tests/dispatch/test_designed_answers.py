"""Dispatcher level: the answers to the questions a shop designed reach what staff and the
customer read: the complaint card (in the staff language) and /mydata (in theirs)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.complaints.cards import card_text, load_view
from bot.surveys.design import Complaint, Definition, Question
from bot.surveys.design_versions import replace
from storage.search import Query
from tests.dispatch.test_survey_engine import NOTE, designed, invited, texts
from tests.support.helpers import make_settings
from tests.support.updates import feed, message, outbox_rows, press


@pytest.fixture(params=["en", "ru"])
async def staff_language(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path, staff_language=request.param))
    yield app
    await app.stop()


async def answered(app: App, customer: int) -> int:
    """A detractor's answers to the designed survey: NPS 3, CES 2, online, two words."""
    await designed(app)
    sid = (await invited(app, customer)).id
    await feed(app, press(1, customer, f"sv:{sid}:nps:3"))
    await feed(app, press(2, customer, f"sv:{sid}:ces:2"))
    await feed(app, press(3, customer, f"sv:{sid}:where:online"))
    await feed(app, message(4, customer, "Кофе остыл"))
    return sid


async def card_of(app: App, survey_id: int) -> str:
    async with app.db.read() as tx:
        complaint = await tx.complaints.for_survey(survey_id)
        assert complaint is not None
        view = await load_view(tx, complaint.id)
    assert view is not None
    return card_text(app.complaints, view)


async def test_the_card_names_each_designed_answer_in_the_staff_language(
    staff_language: App,
) -> None:
    app = staff_language
    sid = await answered(app, 81)
    card = await card_of(app, sid)
    print(card)
    if app.complaints.core.staff_t.language == "ru":
        assert "Насколько легко было купить? (1–7): 2" in card
        assert "Где вы купили? — На сайте" in card
    else:
        assert "How easy was it to buy? (1–7): 2" in card
        assert "Where did you buy? — Online" in card
    assert "«Кофе остыл»" in card  # the text question, quoted as a comment is
    assert "NPS 3" in card


async def test_mydata_lists_the_answers_to_every_question(staff_language: App) -> None:
    app = staff_language
    await answered(app, 82)
    await feed(app, message(5, 82, "/mydata"))
    text = (await outbox_rows(app, 82))[-1][1]["text"]
    print(text)
    assert "How easy was it to buy? (1–7): 2" in text  # the customer's language (en)
    assert "Where did you buy? — Online" in text
    assert "Кофе остыл" in text
    async with app.db.transaction() as tx:  # in Russian once they choose it
        await tx.conn.execute("UPDATE customers SET language = 'ru' WHERE telegram_id = 82")
    await feed(app, message(6, 82, "/mydata"))
    text = (await outbox_rows(app, 82))[-1][1]["text"]
    print(text)
    assert "  Насколько легко было купить? (1–7): 2\n  Где вы купили? — На сайте" in text


async def test_mydata_lists_the_aspects_a_detractor_picked(staff_language: App) -> None:
    app = staff_language
    sid = (await invited(app, 84)).id
    await feed(app, press(1, 84, f"sv:{sid}:nps:2"))
    await feed(app, press(2, 84, f"sv:{sid}:aspect:quality"))
    await feed(app, message(3, 84, "/mydata"))
    text = (await outbox_rows(app, 84))[-1][1]["text"]
    assert "\n  What went wrong: Quality\n" in text


async def test_every_text_a_survey_got_is_found_and_tagged(staff_language: App) -> None:
    """Two text questions: the second answer reaches /find and the themes as the first."""
    app = staff_language
    why = Question(id="why", type="text", text=texts("Why?", "Почему?", "Varför?"))
    nps = Question(id="nps", type="nps", complaint=Complaint(at_most=6))
    mine = Definition(questions=[nps, why, NOTE])
    async with app.db.transaction() as tx:
        await replace(tx, app.surveys.design, mine, "api", app.surveys.core.now())
    sid = (await invited(app, 85)).id
    await feed(app, press(1, 85, f"sv:{sid}:nps:1"))
    await feed(app, message(2, 85, "Очередь у кассы"))
    await feed(app, message(3, 85, "Курьер опоздал на час"))
    async with app.db.read() as tx:
        complaint = await tx.complaints.for_survey(sid)
        assert complaint is not None
        assert await tx.complaints.search.find(Query.parse("курьер"), 5) == [complaint.id]
        tagged = await tx.conn.fetch_all(
            "SELECT theme FROM text_themes WHERE survey_id = ?", (sid,)
        )
    assert "delivery" in [row[0] for row in tagged]
    assert "«Очередь у кассы\nКурьер опоздал на час»" in await card_of(app, sid)

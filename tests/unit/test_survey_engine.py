"""The survey engine asks the built-in survey exactly as today's screens show it: the same
texts, buttons, rows, colours and callback data in every language, for every NPS category
(only the follow-up page's Next and Skip now name their question instead of `followup`)."""

from __future__ import annotations

import pytest
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Catalog
from bot.surveys.design import When
from bot.surveys.design_default import default_definition
from bot.surveys.engine import Page, asked, next_page, page_of, pages, render
from bot.surveys.screens import (
    Screen,
    csat_screen,
    expectation_screen,
    followup_screen,
    nps_screen,
    reminder_line,
)
from storage.models import Answer

CATALOG = Catalog.load()
ASPECTS = ["quality", "price", "delivery", "staff", "speed", "other"]
TODAY = default_definition(CATALOG, ASPECTS, nps_max=6, csat_max=2).questions
SURVEY = 4242


def shown(screen: Screen, follow_up: str | None = None) -> list[list[dict[str, str | None]]]:
    """Each button as sent; `follow_up`: the question today's `followup` controls now name."""
    assert isinstance(screen.markup, InlineKeyboardMarkup)
    rows = []
    for row in screen.markup.inline_keyboard:
        sent = []
        for b in row:
            data = b.callback_data or ""
            if follow_up is not None:
                data = data.replace(":followup:", f":{follow_up}:")
            sent.append({"text": b.text, "data": data, "style": b.style})
        rows.append(sent)
    return rows


def same(engine: Screen, today: Screen, follow_up: str | None = None) -> None:
    assert engine.text == today.text
    assert shown(engine) == shown(today, follow_up)


@pytest.mark.parametrize("language", CATALOG.languages)
@pytest.mark.parametrize("reminder", [False, True])
def test_the_first_page_is_todays_invitation(language: str, reminder: bool) -> None:
    t = CATALOG.bind(language)
    first = next_page(TODAY, None, None, {})
    assert first is not None
    line = reminder_line(t, 45) if reminder else None
    same(render(t, SURVEY, first, None, line), nps_screen(t, SURVEY, line))


@pytest.mark.parametrize("language", CATALOG.languages)
@pytest.mark.parametrize("nps", [0, 6, 7, 8, 9, 10])
def test_each_category_follows_up_with_todays_screen_then_csat_and_expectation(
    language: str, nps: int
) -> None:
    t = CATALOG.bind(language)
    chosen = ["price", "staff"]
    follow = next_page(TODAY, page_of(TODAY, "nps"), nps, {})
    assert follow is not None
    answer = Answer(options=tuple(chosen))
    same(
        render(t, SURVEY, follow, answer),
        followup_screen(t, SURVEY, nps, ASPECTS, chosen),
        follow.first.id,
    )
    csat = next_page(TODAY, follow, nps, {})
    assert csat is not None and csat.first.id == "csat"
    same(render(t, SURVEY, csat, None), csat_screen(t, SURVEY))
    expectation = next_page(TODAY, csat, nps, {"csat": Answer(number=4)})
    assert expectation is not None
    same(render(t, SURVEY, expectation, None), expectation_screen(t, SURVEY))
    assert next_page(TODAY, expectation, nps, {}) is None  # then the thanks


def test_the_detractors_choice_and_comment_are_one_page() -> None:
    assert [tuple(q.id for q in p.questions) for p in pages(TODAY)] == [
        ("nps",),
        ("aspect", "comment"),
        ("make_it_ten",),
        ("liked_most",),
        ("csat",),
        ("expectation",),
    ]
    detractor = Page(tuple(q for q in TODAY if q.id in ("aspect", "comment")))
    assert detractor.typed is not None and detractor.typed.id == "comment"


def test_a_condition_on_an_earlier_answer_holds_for_its_score_or_option() -> None:
    [expectation] = [q for q in TODAY if q.id == "expectation"]
    assert asked(expectation, None, {})  # no condition: always
    on_csat = expectation.model_copy(update={"when": When(question="csat", in_=[1, 2])})
    on_choice = expectation.model_copy(
        update={"when": When(question="expectation", in_=["worse"])}
    )
    assert asked(on_csat, 9, {"csat": Answer(number=2)})
    assert not asked(on_csat, 9, {"csat": Answer(number=3)})
    assert not asked(on_csat, 9, {})  # not answered (skipped): not asked
    assert asked(on_choice, 9, {"expectation": Answer(options=("worse",))})
    assert not asked(on_choice, 9, {"expectation": Answer(options=("better",))})

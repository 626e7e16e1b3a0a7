"""With no definition stored, the survey is today's (DESIGN §9): the default definition is
valid, and asks what today's screens ask, in their words, with their buttons' values, in the
conditions and order the survey steps follow, opening complaints where today's do."""

from __future__ import annotations

import pytest
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Catalog
from bot.surveys.callbacks import SurveyPress
from bot.surveys.design import Definition, Question
from bot.surveys.design_check import parse_definition
from bot.surveys.design_default import default_definition
from bot.surveys.screens import (
    Screen,
    csat_screen,
    expectation_screen,
    followup_screen,
    nps_screen,
)

CATALOG = Catalog.load()
ASPECTS = ["quality", "price", "delivery", "staff", "speed", "other"]


def today(nps_max: int = 6, csat_max: int = 2, aspects: list[str] = ASPECTS) -> Definition:
    return default_definition(CATALOG, aspects, nps_max=nps_max, csat_max=csat_max)


def buttons(screen: Screen) -> list[tuple[str, str, str]]:
    """(text, question, value) of each button, in order."""
    assert isinstance(screen.markup, InlineKeyboardMarkup)
    pressed = [
        (b.text, SurveyPress.unpack(b.callback_data or ""))
        for row in screen.markup.inline_keyboard
        for b in row
    ]
    return [(text, str(p.step), p.value) for text, p in pressed]


def by_id(definition: Definition) -> dict[str, Question]:
    return {q.id: q for q in definition.questions}


def test_the_default_is_valid_in_every_language_the_shop_serves() -> None:
    body = today().as_json()
    definition, found = parse_definition(body, CATALOG.languages)
    assert found == [] and definition == today()
    assert today().estimated_seconds() <= 60 and today().warnings() == []


def test_the_default_asks_todays_questions_in_todays_order_and_conditions() -> None:
    shape = [
        (q.id, q.type, q.when.question if q.when else None, q.when.in_ if q.when else None)
        for q in today().questions
    ]
    assert shape == [
        ("nps", "nps", None, None),
        ("aspect", "choice", "nps", ["detractor"]),
        ("comment", "text", "nps", ["detractor"]),
        ("make_it_ten", "text", "nps", ["passive"]),
        ("liked_most", "text", "nps", ["promoter"]),
        ("csat", "scale", None, None),
        ("expectation", "choice", None, None),
    ]
    assert today().variants == []


@pytest.mark.parametrize("language", CATALOG.languages)
def test_the_default_reads_as_todays_screens(language: str) -> None:
    t = CATALOG.bind(language)
    q = by_id(today())
    nps = nps_screen(t, 1)
    assert q["nps"].text == {**(q["nps"].text or {}), language: nps.text}
    assert [v for _, step, v in buttons(nps) if step == "nps"] == q["nps"].values()

    detractor = followup_screen(t, 1, 3, ASPECTS, [])
    aspect = q["aspect"]
    assert aspect.text is not None and aspect.text[language] == detractor.text
    assert aspect.multiple is True and aspect.options is not None
    assert [(o.text[language], "aspect", o.id) for o in aspect.options] == [
        b for b in buttons(detractor) if b[1] == "aspect"
    ]
    assert (q["comment"].text or {})[language] == detractor.text  # one screen, as today
    passive, promoter = followup_screen(t, 1, 7, [], []), followup_screen(t, 1, 10, [], [])
    assert (q["make_it_ten"].text or {})[language] == passive.text
    assert (q["liked_most"].text or {})[language] == promoter.text

    csat = csat_screen(t, 1)
    assert (q["csat"].text or {})[language] == csat.text and q["csat"].labels is None
    assert [v for _, _, v in buttons(csat)] == q["csat"].values()

    expectation = expectation_screen(t, 1)
    assert (q["expectation"].text or {})[language] == expectation.text
    assert q["expectation"].multiple is None and q["expectation"].options is not None
    assert [(o.text[language], "expectation", o.id) for o in q["expectation"].options] == (
        buttons(expectation)
    )


def test_complaints_open_where_todays_thresholds_open_them() -> None:
    q = by_id(today(nps_max=6, csat_max=2))
    assert q["nps"].complaint is not None and q["nps"].complaint.at_most == 6
    assert q["csat"].complaint is not None and q["csat"].complaint.at_most == 2
    assert [name for name, question in q.items() if question.complaint] == ["nps", "csat"]
    changed = by_id(today(nps_max=4, csat_max=3))
    assert changed["nps"].complaint is not None and changed["nps"].complaint.at_most == 4
    assert changed["csat"].complaint is not None and changed["csat"].complaint.at_most == 3


def test_a_trigger_turned_off_opens_nothing() -> None:
    """COMPLAINT_NPS_MAX=-1 and COMPLAINT_CSAT_MAX=0 turn the triggers off."""
    q = by_id(today(nps_max=-1, csat_max=0))
    assert q["nps"].complaint is None and q["csat"].complaint is None


def test_the_shops_own_aspects_are_the_options() -> None:
    q = by_id(today(aspects=["wifi", "price"]))
    assert q["aspect"].options is not None
    assert [o.id for o in q["aspect"].options] == ["wifi", "price"]
    t = CATALOG.bind("ru")
    assert [o.text["ru"] for o in q["aspect"].options] == [
        text for text, _, _ in buttons(followup_screen(t, 1, 0, ["wifi", "price"], []))[:2]
    ]

"""The time a survey takes, as /help and the reminder say it: the designer's estimate rounded to
what a person says, in each language with its plural forms."""

from __future__ import annotations

import pytest

from bot.i18n import Catalog
from bot.surveys.design import Definition, Question, Variant
from bot.surveys.duration import customer_seconds, spoken

CATALOG = Catalog.load()


@pytest.mark.parametrize(
    ("seconds", "en", "ru", "sv"),
    [
        (5, "about 10 seconds", "около 10 секунд", "ungefär 10 sekunder"),
        (20, "about 20 seconds", "около 20 секунд", "ungefär 20 sekunder"),
        (35, "about 40 seconds", "около 40 секунд", "ungefär 40 sekunder"),
        (45, "about a minute", "около минуты", "ungefär en minut"),
        (85, "about a minute", "около минуты", "ungefär en minut"),
        (90, "about 2 minutes", "около 2 минут", "ungefär 2 minuter"),
        (150, "about 3 minutes", "около 3 минут", "ungefär 3 minuter"),
        (300, "about 5 minutes", "около 5 минут", "ungefär 5 minuter"),
        (21 * 60, "about 21 minutes", "около 21 минуты", "ungefär 21 minuter"),
    ],
)
def test_the_estimate_is_said_as_a_person_says_it(seconds: int, en: str, ru: str, sv: str) -> None:
    said = {lang: spoken(CATALOG.bind(lang), seconds) for lang in ("en", "ru", "sv")}
    assert said == {"en": en, "ru": ru, "sv": sv}


def test_a_customer_is_told_the_longest_survey_they_may_be_asked() -> None:
    nps = Question(id="nps", type="nps")
    note = Question(id="note", type="text", text={"en": "Why?"})
    definition = Definition(
        questions=[nps],
        variants=[
            Variant(segment="vip", questions=[nps, note]),
            Variant(segment="new", questions=[nps, note, note.model_copy(update={"id": "n2"})]),
        ],
    )
    assert customer_seconds(definition, "") == 5
    assert customer_seconds(definition, "vip") == 25
    assert customer_seconds(definition, "new") == 45

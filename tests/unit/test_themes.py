"""Themes: definitions and their validator, words by lemma in ru/en/sv, negation, Swedish
compounds, typos, the language guess, and the words that come up often in no theme."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from bot.themes.defaults import DEFAULT_THEMES, default_themes
from bot.themes.definitions import ThemesInvalid, parse_themes, themes_as_json
from bot.themes.lemmas import detect_language
from bot.themes.tagger import Mention, Tagger
from bot.themes.unthemed import unthemed_words

TAGGER = Tagger(default_themes())


def _theme(**changes: Any) -> dict[str, Any]:
    theme: dict[str, Any] = {"theme": "parking", "name": {"en": "Parking"}, "words": {"en": []}}
    return theme | changes


# --- definitions ---------------------------------------------------------------------------


def test_the_defaults_are_the_eight_themes_of_the_contract_in_every_language() -> None:
    themes = default_themes()
    assert [t.theme for t in themes] == [
        "delivery", "staff", "price", "quality", "speed", "cleanliness", "assortment", "payment",
    ]  # fmt: skip
    for theme in themes:
        assert set(theme.name) == set(theme.words) == {"ru", "en", "sv"}
        assert all(len(words) >= 5 for words in theme.words.values())


def test_definitions_read_back_as_the_json_they_came_from() -> None:
    assert themes_as_json(parse_themes(DEFAULT_THEMES)) == DEFAULT_THEMES
    assert parse_themes(themes_as_json(default_themes())) == default_themes()


def test_words_are_kept_lowercased_with_single_spaces() -> None:
    (theme,) = parse_themes([_theme(words={"en": ["  Car   Park ", "Valet"]})])
    assert theme.words == {"en": ("car park", "valet")}


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"theme": "x"}, "themes: a list"),
        ([_theme(theme="Parking")], "[0].theme"),
        ([_theme(), _theme()], "[1].theme: 'parking' is used twice"),
        ([_theme(colour="red")], "[0]: unknown field 'colour'"),
        ([_theme(name={})], "[0].name"),
        ([_theme(name={"de": "Parken"})], "[0].name: unknown language 'de'"),
        ([_theme(name={"en": " "})], "[0].name.en"),
        ([_theme(words={"en": "parking"})], "[0].words.en: a list"),
        ([_theme(words={"en": ["car park", 7]})], "[0].words.en[1]: a text"),
        ([_theme(words={"en": ["car park", "Car Park"]})], "[0].words.en[1]: 'car park' is"),
        ([_theme(words={"en": ["p4rking"]})], "[0].words.en[0]: a word or phrase"),
        ([_theme(words={"en": ["park!"]})], "[0].words.en[0]: a word or phrase"),
        ([_theme(words={"en": [f"w{'a' * i}" for i in range(301)]})], "[0].words.en: at most 300"),
    ],
)
def test_the_validator_says_what_is_wrong_and_where(raw: object, where: str) -> None:
    with pytest.raises(ThemesInvalid, match=r"^" + where.replace("[", r"\[").replace("]", r"\]")):
        parse_themes(raw)


# --- words by lemma ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "themes"),
    [
        ("курьер опоздал", "ru", ("delivery", "speed")),
        ("курьера не было", "ru", ("delivery",)),
        ("курьеры хамят", "ru", ("delivery", "staff")),
        ("Доставкой довольна, продавщицы вежливые", "ru", ("delivery", "staff")),
        ("The deliveries were late", "en", ("delivery", "speed")),
        ("they delivered the wrong parcel", "en", ("delivery",)),
        ("Leveransen var försenad", "sv", ("delivery", "speed")),
        ("leveranser och priserna", "sv", ("delivery", "price")),
        ("Всё отлично, спасибо!", "ru", ()),
        ("Would recommend", "en", ()),
    ],
)
def test_every_form_of_a_theme_word_tags_its_theme(
    text: str, language: str, themes: tuple[str, ...]
) -> None:
    assert TAGGER.tag(text, language) == themes


def test_a_phrase_matches_its_words_in_a_row_in_one_clause() -> None:
    tagger = Tagger(
        parse_themes([_theme(words={"en": ["gift card"], "ru": ["подарочная карта"]})])
    )
    assert tagger.tag("My gift cards did not work", "en") == ("parking",)
    assert tagger.tag("a card for a gift", "en") == ()
    assert tagger.tag("the gift, card", "en") == ()
    assert tagger.tag("подарочную карту не приняли", "ru") == ("parking",)


def test_looking_forward_is_not_a_wait() -> None:
    # "жду" alone is "I look forward to it", not a complaint about waiting; a wait said as
    # one still is.
    assert TAGGER.tag("Спасибо, жду", "ru") == ()
    assert TAGGER.tag("Ждём новых поступлений!", "ru") == ()
    assert TAGGER.tag("Покупатели ждут у кассы", "ru") == ("speed",)
    assert TAGGER.tag("Жду заказ уже неделю", "ru") == ("speed",)


def test_wilted_flowers_are_quality_and_a_day_alone_is_no_wait() -> None:
    # "через день" dates what happened; it is not a wait (a flower shop's first trial read
    # «цветы завяли через день» as Speed).
    assert TAGGER.tag("Цветы завяли через день", "ru") == ("quality",)
    assert TAGGER.tag("The roses wilted the next day", "en") == ("quality",)
    assert TAGGER.tag("Blommorna vissnade efter en dag", "sv") == ("quality",)
    assert TAGGER.tag("Ждали курьера два часа", "ru") == ("delivery", "speed")


def test_an_owners_word_matches_even_if_it_is_a_stop_word() -> None:
    tagger = Tagger(parse_themes([_theme(words={"ru": ["магазин"], "en": ["store"]})]))
    assert tagger.tag("магазина", "ru") == tagger.tag("the stores", "en") == ("parking",)


def test_swedish_definite_forms_and_compounds_are_their_words() -> None:
    assert TAGGER.tag("Kassörskan var otrevlig", "sv") == ("staff",)
    assert TAGGER.tag("Sortimentet är litet", "sv") == ("assortment",)
    assert TAGGER.tag("Kortterminalen fungerade inte", "sv") == ("payment",)
    assert TAGGER.tag("kassapersonalen", "sv") == ("staff",)
    assert TAGGER.tag("Leveransavgiften", "sv") == ("delivery", "price")
    # "vänta" is not "vän" (friend, of "vänlig") with an ending
    assert TAGGER.tag("Fick vänta", "sv") == ("speed",)


def test_a_typo_of_one_letter_still_finds_a_long_word() -> None:
    assert TAGGER.tag("курер заблудился", "ru") == ("delivery",)
    assert TAGGER.tag("качесво ужасное", "ru") == ("quality",)
    assert TAGGER.tag("The staf were amazing", "en") == ("staff",)
    assert TAGGER.tag("Delievery was fine", "en") == ("delivery",)
    assert TAGGER.tag("Personallen var super", "sv") == ("staff",)
    assert TAGGER.tag("дoставкa oпoздала", "ru") == ("delivery", "speed")  # Latin a, o
    # a real word one letter from a short theme word is that word, not a typo
    assert TAGGER.tag("All the stuff I needed", "en") == ()


# --- negation ------------------------------------------------------------------------------


def test_a_negation_keeps_the_theme_and_is_said_on_the_mention() -> None:
    assert TAGGER.mentions("Курьер не опоздал", "ru") == [
        Mention("delivery", "курьер", negated=False),
        Mention("speed", "опоздал", negated=True),
    ]
    assert TAGGER.mentions("Not expensive at all", "en") == [Mention("price", "expensive", True)]
    assert TAGGER.mentions("Inte färskt", "sv") == [Mention("quality", "färskt", True)]
    assert TAGGER.mentions("The staff weren't friendly", "en")[1] == Mention(
        "staff", "friendly", True
    )
    assert TAGGER.mentions("претензий к доставке нет", "ru") == [
        Mention("delivery", "доставке", True)
    ]


def test_a_negation_reaches_to_the_end_of_its_clause_only() -> None:
    mentions = TAGGER.mentions("Доставка не быстрая, но курьер вежливый", "ru")
    assert [(m.theme, m.negated) for m in mentions] == [
        ("delivery", False),
        ("speed", True),
        ("delivery", False),
        ("staff", False),
    ]
    assert not TAGGER.mentions("not bad but slow", "en")[0].negated


# --- the language --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "customer", "language"),
    [
        ("курьер опоздал", None, "ru"),
        ("курьер опоздал", "sv", "ru"),  # the script decides first
        ("Delivery ok, курьер вежливый", None, "ru"),
        ("Bra service", "sv", "sv"),
        ("Bra service", None, "sv"),  # a common Swedish word
        ("Lång kö", None, "sv"),  # Swedish letters
        ("Good service", "en", "en"),
        ("Service", None, "en"),
        ("Good service", "ru", "en"),  # a Russian speaker writing in Latin letters
        ("", None, "en"),
    ],
)
def test_the_language_is_the_scripts_then_the_customers_then_a_guess(
    text: str, customer: str | None, language: str
) -> None:
    assert detect_language(text, customer) == language


def test_the_russian_analyser_loads_only_when_a_russian_text_needs_it() -> None:
    """~0.3 s and ~30 MB: a shop whose customers write English never pays it."""
    code = (
        "import sys\n"
        "from bot.themes.defaults import default_themes\n"
        "from bot.themes.tagger import Tagger\n"
        "t = Tagger(default_themes())\n"
        "assert t.tag('late delivery', 'en') == ('delivery', 'speed')\n"
        "assert 'pymorphy3' not in sys.modules\n"
        "assert t.tag('курьер опоздал') == ('delivery', 'speed')\n"
        "assert 'pymorphy3' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- words in no theme ---------------------------------------------------------------------


def test_the_words_in_no_theme_are_counted_by_lemma_once_per_text() -> None:
    texts = [
        ("Парковка забита, курьер опоздал", "ru"),
        ("Негде парковаться, парковка платная", "ru"),
        ("У парковки яма, и это очень плохо", "ru"),
        ("Parking is a nightmare", "en"),
        ("parking was full and the parking staff slow", "en"),
        ("Parkeringen är full", "sv"),
        ("Ingen parkering", "sv"),
        ("Dålig parkering", "sv"),
    ]
    found = unthemed_words(texts, TAGGER, min_texts=2)
    assert [(u.language, u.lemma, u.texts) for u in found] == [
        ("ru", "парковка", 3),
        ("sv", "parkering", 3),
        ("en", "park", 2),
    ]
    # the commonest spelling, which is what an owner would add to a theme
    assert [u.word for u in found] == ["парковка", "parkering", "parking"]


def test_a_words_forms_are_one_entry_even_where_the_analyser_reads_one_otherwise() -> None:
    """ "молоку" reads likeliest as "молока", "цветах" as "цвета" (another reading of each is
    the word's): shown as separate words before. One entry a
    lemma, the texts summed, labelled with its commonest spelling; the lemma is what adding
    it stores."""
    texts = [
        ("Молоко скисло", "ru"),
        ("Молока не было", "ru"),
        ("К молоку претензии", "ru"),
        ("Молоко опять кислое", "ru"),
        ("Цвет не тот", "ru"),
        ("В цветах ошиблись", "ru"),
    ]
    found = {u.lemma: u for u in unthemed_words(texts, TAGGER, min_texts=1)}
    assert (found["молоко"].word, found["молоко"].texts) == ("молоко", 4)
    assert found["цвет"].texts == 2
    assert not {"молока", "цвета"} & set(found)
    assert found["молоко"].stored == "молоко"


def test_theme_words_stop_words_and_negators_are_never_in_no_theme() -> None:
    texts = [("Курьер не опоздал, но это очень плохо", "ru")] * 3 + [
        ("The courier was not late and it was not bad", "en"),
    ] * 3
    assert unthemed_words(texts, TAGGER, min_texts=1) == []


def test_a_stop_word_written_with_yo_is_never_in_no_theme() -> None:
    # "ещё" is a stop word, and it is written "еще" as often: both are one, left out.
    texts = [("Ещё раз спасибо", "ru"), ("Еще раз спасибо", "ru"), ("ещё", "ru")]
    assert unthemed_words(texts, TAGGER, min_texts=1) == []


def test_a_word_added_to_a_theme_leaves_the_words_in_no_theme() -> None:
    texts = [("Парковка!", "ru"), ("Парковки нет", "ru"), ("parkeringen", "sv")] * 2
    (word, *_) = unthemed_words(texts, TAGGER)
    parking = {"theme": "parking", "name": {"ru": "Парковка"}, "words": {"ru": [word.word]}}
    raw = [*themes_as_json(default_themes()), parking]
    tagger = Tagger(parse_themes(raw))
    assert tagger.tag("У парковки яма", "ru") == ("parking",)
    assert [u.lemma for u in unthemed_words(texts, tagger)] == ["parkering"]


def test_the_words_in_no_theme_are_the_most_common_first_and_at_most_limit() -> None:
    texts = [("apples pears", "en")] * 3 + [("pears plums", "en")] * 2 + [("kiwis", "en")]
    found = unthemed_words(texts, TAGGER, limit=2, min_texts=1)
    assert [(u.word, u.texts) for u in found] == [("pears", 5), ("apples", 3)]

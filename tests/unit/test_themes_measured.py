"""The themes tagger against a labelled set of made-up ru/en/sv customer comments
(`themes_labelled.jsonl`): precision and recall per theme, printed, at least 0.85 each.

The labels say what a human reader would tag, written before the tagger: `delivery` is getting
the order to the customer (courier, shipping, pick-up point, packaging in transit, items missing
from an order); `staff` the people and how they behave (a courier's rudeness too, "service");
`price` price level, discounts, fees, loyalty points; `quality` the product itself (freshness,
taste, defects, "not as described"); `speed` time and waiting (queues, late, on time, a length
of time waited); `cleanliness` premises and hygiene; `assortment` the range and what is in
stock; `payment` paying (cards, cash, terminals, receipts, change, refunds, self-checkouts).
A comment with no theme ("Всё отлично!") has none. Each comment is read in the customer's
language, as the bot knows it."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.themes.defaults import default_themes
from bot.themes.lemmas import detect_language
from bot.themes.tagger import Tagger

LABELLED = Path(__file__).with_name("themes_labelled.jsonl")
AT_LEAST = 0.85


@dataclass(frozen=True)
class Labelled:
    lang: str
    text: str
    themes: frozenset[str]


def _rows() -> list[Labelled]:
    lines = LABELLED.read_text(encoding="utf-8").splitlines()
    return [Labelled(r["lang"], r["text"], frozenset(r["themes"])) for r in map(json.loads, lines)]


def test_the_labelled_set_is_large_and_mixed() -> None:
    rows = _rows()
    assert len(rows) >= 300
    assert {row.lang for row in rows} == {"ru", "en", "sv"}
    assert sum(1 for row in rows if not row.themes) >= 20  # comments with no theme
    assert sum(1 for row in rows if len(row.themes) >= 2) >= 40


def test_every_theme_has_precision_and_recall_of_at_least_085() -> None:
    tagger = Tagger(default_themes())
    hits: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for row in _rows():
        got = set(tagger.tag(row.text, row.lang))
        want = row.themes
        hits.update(got & want)
        extra.update(got - want)
        missed.update(want - got)
    low = []
    print(f"\n{'theme':<12} {'precision':>9} {'recall':>7} {'n':>4}")
    for theme in (t.theme for t in default_themes()):
        precision = hits[theme] / ((hits[theme] + extra[theme]) or 1)
        recall = hits[theme] / ((hits[theme] + missed[theme]) or 1)
        print(f"{theme:<12} {precision:>9.2f} {recall:>7.2f} {hits[theme] + missed[theme]:>4}")
        if precision < AT_LEAST or recall < AT_LEAST:
            low.append((theme, round(precision, 3), round(recall, 3)))
    assert not low


def test_the_language_guess_agrees_with_the_customers_on_most_of_the_set() -> None:
    """When the customer's language is unknown: Cyrillic, Swedish letters or words, else English.
    Short Swedish texts without å, ä, ö ("Bra service") pass for English; that is the price."""
    rows = _rows()
    right = sum(1 for row in rows if detect_language(row.text) == row.lang)
    print(f"\nlanguage guessed right: {right}/{len(rows)}")
    assert right / len(rows) >= 0.9

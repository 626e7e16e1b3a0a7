"""Words that come up often in no theme: what an owner is shown as "not in a theme yet", to add
to one with a tap. One entry a lemma, shown as its commonest spelling, with the texts of all
its forms summed. A Russian form the analyser reads likeliest as another word ("молоку" as
"молока") counts under the reading its other forms share ("молоко"), so a word's forms are
never two entries. Adding one stores `stored`: for Russian the lemma (the dictionary form,
which every form matches); for English and Swedish, whose lemma is a stem and no word
("packag"), the commonest spelling, which stems back to it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.themes.definitions import Language
from bot.themes.lemmas import detect_language, words
from bot.themes.tagger import Tagger

MIN_LETTERS = 3  # shorter words are rarely a theme's ("ok", "да", "ja")


@dataclass(frozen=True, slots=True)
class Unthemed:
    word: str  # the commonest spelling
    lemma: str
    language: Language
    texts: int  # how many texts use it

    @property
    def stored(self) -> str:
        """What adding it to a theme stores: a word every counted form matches."""
        return self.lemma if self.language == "ru" else self.word


def unthemed_words(
    texts: Iterable[tuple[str, str | None]],
    tagger: Tagger,
    *,
    limit: int = 20,
    min_texts: int = 2,
) -> list[Unthemed]:
    """The lemmas in most of `texts` ((text, customer's language or None)) that no theme of
    `tagger` matches, stop words left out; each text counts once per lemma."""
    # Each text's words in no theme: (language, the readings of each, as written).
    kept: list[list[tuple[Language, tuple[str, ...], str]]] = []
    readings: Counter[tuple[Language, str]] = Counter()  # how many forms each reading has
    for text, customer_language in texts:
        language = detect_language(text, customer_language)
        found = words(text, language)
        themed = {
            i for _, start, end in tagger.matches(found, language) for i in range(start, end)
        }
        said = [
            (language, word.lemmas, word.text)
            for i, word in enumerate(found)
            if i not in themed and not word.stop and len(word.text) >= MIN_LETTERS
        ]
        kept.append(said)
        readings.update((language, lemma) for _, lemmas, _ in said for lemma in lemmas)
    counts: Counter[tuple[Language, str]] = Counter()
    spellings: dict[tuple[Language, str], Counter[str]] = {}
    for said in kept:
        seen: set[tuple[Language, str]] = set()
        for language, lemmas, text in said:
            # the reading most forms share (the likeliest first among equals)
            lemma = max(lemmas, key=lambda x: readings[(language, x)])
            key = (language, lemma)
            spellings.setdefault(key, Counter())[text] += 1
            if key not in seen:
                seen.add(key)
                counts[key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        Unthemed(spellings[key].most_common(1)[0][0], key[1], key[0], n)
        for key, n in ranked[:limit]
        if n >= min_texts
    ]

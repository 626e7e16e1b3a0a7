"""Words that come up often in no theme: what an owner is shown as "not in a theme yet", to add
to one with a tap. Each is given as its commonest spelling, which lemmatises back to the same
lemma, so adding it to a theme's words matches every form counted here."""

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


def unthemed_words(
    texts: Iterable[tuple[str, str | None]],
    tagger: Tagger,
    *,
    limit: int = 20,
    min_texts: int = 2,
) -> list[Unthemed]:
    """The lemmas in most of `texts` ((text, customer's language or None)) that no theme of
    `tagger` matches, stop words left out; each text counts once per lemma."""
    counts: Counter[tuple[Language, str]] = Counter()
    spellings: dict[tuple[Language, str], Counter[str]] = {}
    for text, customer_language in texts:
        language = detect_language(text, customer_language)
        found = words(text, language)
        themed = {
            i for _, start, end in tagger.matches(found, language) for i in range(start, end)
        }
        seen: set[tuple[Language, str]] = set()
        for i, word in enumerate(found):
            if i in themed or word.stop or len(word.text) < MIN_LETTERS:
                continue
            key = (language, word.lemmas[0])
            spellings.setdefault(key, Counter())[word.text] += 1
            if key not in seen:
                seen.add(key)
                counts[key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        Unthemed(spellings[key].most_common(1)[0][0], key[1], key[0], n)
        for key, n in ranked[:limit]
        if n >= min_texts
    ]

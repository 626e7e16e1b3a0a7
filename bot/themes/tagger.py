"""Which themes a text mentions.

A theme is mentioned when one of its words is in the text, compared by lemma (`lemmas.py`):
1. the word's lemma (for Russian, any reading the analyser finds likely: "стекло");
2. a phrase: its lemmas in a row, in one clause ("пункт выдачи", "out of stock");
3. Swedish only, because its stemmer leaves definite forms and compounds whole: a theme's word
   of at least 4 letters followed by an ending ("kassörsk" + "an", "sortiment" + "et"), at the
   end of a compound when it has at least 4 letters ("kortterminalen", "kassapersonalen"), at
   its start when at least 5
   ("leveransavgiften" is delivery and, by its end, price);
4. a typo: a Russian word the dictionary does not know, or an English or Swedish word, one edit
   (a letter missing, added, changed or two swapped) from a theme's word of at least 6 letters,
   or missing one letter of a 5-letter one ("курер", "качесво", "staf", "delievery").

Negation. A theme is about what the customer talks about, not whether they liked it: "курьер
не опоздал", "no complaints about the delivery", "inte färskt" are all mentions of their theme,
and the theme is tagged whatever the negation. So a negation never removes a theme, and it never
turns one into praise either: the tagger says nothing of polarity at all. Whether a mention is
praise or complaint is read from the customer's score (detractor, passive, promoter: the stats
API's breakdown), never from a word like "быстро" that a "не" before it would invert. Each
`Mention` still says `negated` (a negator up to three words before it in the same clause, or a
Russian "нет" up to two words after), so a quote shown as an example can be read as written and
a later sentiment step, if any, has it; nothing counts a negated word as praise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.themes.definitions import LANGUAGES, Language, Theme
from bot.themes.lemmas import Word, detect_language, lemmas_of, words
from bot.themes.stopwords import word_set

NEGATION_REACH = 3  # words before a theme's word that a negator still applies to
_SV_ENDINGS = word_set("a e n t s en et na an ar er or ts ns ra arna erna orna ade ades")
_SV_INFLECTED = 4  # letters a theme's word needs to take an ending ("vän" + "t" is not "vänt")
_SV_HEAD = 4  # letters a theme's word needs to count at the end of a Swedish compound
_SV_MODIFIER = 5  # ... and at its start
_SV_REST = 3  # letters the other part of a compound needs
_TYPO = 6  # letters a theme's word needs for any one-edit typo to match it
_TYPO_MISSING = 5  # ... and for a typo that only misses one of its letters
_CACHE = 100_000  # words whose themes are remembered, per language


@dataclass(frozen=True, slots=True)
class Mention:
    theme: str
    words: str  # as the customer wrote them, lowercased
    negated: bool


@dataclass
class _Compiled:
    """One language's theme words, as lemmas."""

    single: dict[str, list[str]]  # lemma → theme ids
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]  # by their first lemma
    cache: dict[tuple[tuple[str, ...], bool, bool], tuple[str, ...]] = field(default_factory=dict)


class Tagger:
    """Built once per set of themes; cheap to keep, the analysers load on first use."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.themes = tuple(themes)
        self._order = {theme.theme: i for i, theme in enumerate(self.themes)}
        self._compiled: dict[Language, _Compiled] = {}

    def prepare(self) -> None:
        """Compile every language's words now (~0.1 s, loading the analysers the first time:
        ~0.5 s more) rather than in the first request that tags a text."""
        for language in LANGUAGES:
            self._compile(language)

    def tag(self, text: str, customer_language: str | None = None) -> tuple[str, ...]:
        """The ids of the themes `text` mentions, in the themes' order."""
        found = {mention.theme for mention in self.mentions(text, customer_language)}
        return tuple(sorted(found, key=self._order.__getitem__))

    def mentions(self, text: str, customer_language: str | None = None) -> list[Mention]:
        language = detect_language(text, customer_language)
        found = words(text, language)
        return [
            Mention(theme, " ".join(w.text for w in found[start:end]), _negated(found, start))
            for theme, start, end in self.matches(found, language)
        ]

    def matches(self, found: Sequence[Word], language: Language) -> list[tuple[str, int, int]]:
        """(theme, first word, after the last word) for every theme word in `found`."""
        compiled = self._compile(language)
        out: list[tuple[str, int, int]] = []
        for i, word in enumerate(found):
            for first in word.lemmas:
                for lemmas, theme in compiled.phrases.get(first, ()):
                    if _phrase_at(found, i, lemmas):
                        out.append((theme, i, i + len(lemmas)))
            # a stop word counts too: an owner who adds "магазин" to a theme means it
            out.extend((theme, i, i + 1) for theme in self._word_themes(word, language))
        return out

    def _word_themes(self, word: Word, language: Language) -> tuple[str, ...]:
        compiled = self._compile(language)
        key = (word.lemmas, word.known, word.stop)
        if key not in compiled.cache:
            if len(compiled.cache) >= _CACHE:
                compiled.cache.clear()
            compiled.cache[key] = self._lookup(compiled, word, language)
        return compiled.cache[key]

    def _lookup(self, compiled: _Compiled, word: Word, language: Language) -> tuple[str, ...]:
        themes = [t for lemma in word.lemmas for t in compiled.single.get(lemma, ())]
        if language == "sv":
            themes += [
                t
                for lemma, ts in compiled.single.items()
                for t in ts
                if _swedish_form(word.lemmas[0], lemma)
            ]
        if not themes and not word.stop and (language != "ru" or not word.known):
            candidates = {word.lemmas[0], word.text}
            themes = [
                t
                for lemma, ts in compiled.single.items()
                for t in ts
                if any(_typo_of(c, lemma) for c in candidates)
            ]
        return tuple(dict.fromkeys(themes))

    def _compile(self, language: Language) -> _Compiled:
        if language not in self._compiled:
            self._compiled[language] = _compile(self.themes, language)
        return self._compiled[language]


def _compile(themes: Iterable[Theme], language: Language) -> _Compiled:
    single: dict[str, list[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for theme in themes:
        for text in theme.words.get(language, ()):
            lemmas = lemmas_of(text, language)
            if len(lemmas) == 1:
                ids = single.setdefault(lemmas[0], [])
                if theme.theme not in ids:
                    ids.append(theme.theme)
            elif lemmas and (lemmas, theme.theme) not in phrases.get(lemmas[0], []):
                phrases.setdefault(lemmas[0], []).append((lemmas, theme.theme))
    return _Compiled(single, phrases)


def _phrase_at(found: Sequence[Word], i: int, lemmas: tuple[str, ...]) -> bool:
    if i + len(lemmas) > len(found):
        return False
    run = found[i : i + len(lemmas)]
    return all(
        w.clause == run[0].clause and lemma in w.lemmas
        for w, lemma in zip(run, lemmas, strict=True)
    )


def _negated(found: Sequence[Word], i: int) -> bool:
    clause = found[i].clause
    before = found[max(0, i - NEGATION_REACH) : i]
    after = found[i + 1 : i + 3]
    return any(w.negator and w.clause == clause for w in before) or any(
        w.text == "нет" and w.clause == clause for w in after
    )


def _swedish_form(stem: str, lemma: str) -> bool:
    """`stem` is `lemma` inflected, or a compound of it, as the Swedish stemmer leaves them."""
    if stem == lemma or len(stem) <= len(lemma):
        return False
    if (
        len(lemma) >= _SV_INFLECTED
        and stem.startswith(lemma)
        and stem[len(lemma) :] in _SV_ENDINGS
    ):
        return True
    if len(lemma) >= _SV_MODIFIER and stem.startswith(lemma):
        return len(stem) - len(lemma) >= _SV_REST
    if len(lemma) < _SV_HEAD:
        return False
    at = stem.rfind(lemma)
    return at >= _SV_REST and (
        at + len(lemma) == len(stem) or stem[at + len(lemma) :] in _SV_ENDINGS
    )


def _typo_of(word: str, lemma: str) -> bool:
    if len(lemma) >= _TYPO and len(word) >= _TYPO - 1:
        return _one_edit(word, lemma)
    return len(lemma) >= _TYPO_MISSING and len(word) == len(lemma) - 1 and _one_edit(word, lemma)


def _one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by one letter added, missing or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]

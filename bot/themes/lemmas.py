"""A text's language and its words by lemma.

Russian: `pymorphy3` with its dictionary gives each word's normal form ("курьера", "курьеры" →
"курьер", "опоздал" → "опоздать"), so a theme's word list names a word once. English and
Swedish: the Snowball stemmers (`snowballstemmer`): "delivered", "deliver" → "deliv";
"leveransen", "leveranser" → "leverans". Chosen over `simplemma` by measurement: the stemmers
load in ~0.05 s and ~4 MB against simplemma's ~4.8 s and ~126 MB for en+sv, and on the
labelled set's English and Swedish comments they do as well or better (precision and recall
per theme within 0.03), once the tagger accepts Swedish's definite endings and compounds
(`tagger.py`). The analysers load once per process, on the first text that needs them.

The language: the script decides first (a text mostly in Cyrillic is Russian, whatever the
customer's language), then the customer's language if it is English or Swedish, else a cheap
guess: å, ä, ö or a common Swedish word make it Swedish, anything else is English. A text is
read in one language: the English words of a mostly Russian text match no theme.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from bot.themes.definitions import Language
from bot.themes.stopwords import CLAUSE_BREAKS, NEGATORS, STOP_WORDS, word_set

# Words, and the marks that end a clause (a negation's reach ends there).
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[.!?;:,()\n—–]")
_SV_LETTERS = frozenset("åäö")
_SV_WORDS = word_set(
    "och inte är jag det att för med mycket bra som ett har hade kan fick vi ni till av om "
    "så inga ingen inget tack alltid fel väldigt jätte"
)
# Latin letters that look Cyrillic, typed by a keyboard switched mid-word ("доставкa").
_LOOKALIKES = str.maketrans("aeopcxykmthb", "аеорсхукмтнв")
# Parts of speech that are never a theme's word (prepositions, conjunctions, particles,
# pronouns, interjections, numerals).
_RU_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "NUMR"})
# Another reading of a Russian word counts when the analyser finds it this likely, so
# "стекло" is both "стекло" and "стечь" but a rare reading does not make a theme.
_RU_OTHER_READING = 0.25
# "жду", "ждём" with nothing else about time is looking forward ("Спасибо, жду"), not a wait:
# these forms are kept as their own lemma, so "ждать" (speed) does not match them; a wait
# said as one ("жду уже неделю", "долго жду") is speed by its other words.
_RU_OWN_LEMMA = frozenset({"жду", "ждем"})


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # as written, lowercased
    lemmas: tuple[str, ...]  # the likeliest first
    known: bool  # in the Russian dictionary (a word it does not know may be a typo)
    stop: bool
    negator: bool
    clause: int  # words in one clause share it


def detect_language(text: str, customer: str | None = None) -> Language:
    """The language to read `text` in; `customer` is the customer's language when known."""
    letters = [c for c in text.lower() if c.isalpha()]
    cyrillic = sum(1 for c in letters if "а" <= c <= "я" or c == "ё")
    if letters and cyrillic * 2 >= len(letters):
        return "ru"
    if customer in ("en", "sv"):
        return "sv" if customer == "sv" else "en"
    if _SV_LETTERS.intersection(letters) or _SV_WORDS.intersection(
        re.findall(r"\w+", text.lower())
    ):
        return "sv"
    return "en"


def words(text: str, language: Language) -> list[Word]:
    """The words of `text` with their lemmas, each with the clause it is in."""
    out: list[Word] = []
    clause = 0
    for match in _TOKEN.finditer(_normalise(text)):
        token = match.group()
        if not token[0].isalpha():
            clause += 1
            continue
        if token in CLAUSE_BREAKS[language]:
            clause += 1
        out.append(_word(token, language, clause))
    return out


def lemmas_of(phrase: str, language: Language) -> tuple[str, ...]:
    """A theme's word or phrase as the lemmas its words have (their likeliest reading)."""
    return tuple(w.lemmas[0] for w in words(phrase, language))


def _normalise(text: str) -> str:
    return text.lower().replace("ё", "е").replace("’", "'")


def _word(token: str, language: Language, clause: int) -> Word:
    if language == "ru":
        if any("а" <= c <= "я" for c in token):
            token = token.translate(_LOOKALIKES)
        lemmas, known, function = _russian(token)
        stop = function or lemmas[0] in STOP_WORDS["ru"] or token in CLAUSE_BREAKS["ru"]
        negator = token in NEGATORS["ru"]
        return Word(token, lemmas, known, stop or negator, negator, clause)
    negator = token in NEGATORS[language] or (language == "en" and token.endswith("n't"))
    lemma = "not" if negator and language == "en" else stem(token, language)
    stop = (
        negator
        or token in CLAUSE_BREAKS[language]
        or lemma in _stemmed_stop_words(language)
        or len(token) < 2
    )
    return Word(token, (lemma,), True, stop, negator, clause)


@functools.cache
def _morph() -> Any:
    import pymorphy3  # ~0.3 s and ~30 MB, paid by the first Russian text only

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=100_000)
def _russian(token: str) -> tuple[tuple[str, ...], bool, bool]:
    """(lemmas, known to the dictionary, a function word) of a lowercased Russian word."""
    if token in _RU_OWN_LEMMA:
        return (token,), True, False
    morph = _morph()
    parses = morph.parse(token)
    lemmas = [parses[0].normal_form.replace("ё", "е")]
    for parse in parses[1:]:
        lemma = parse.normal_form.replace("ё", "е")
        if parse.score >= _RU_OTHER_READING and lemma not in lemmas:
            lemmas.append(lemma)
    return tuple(lemmas), bool(morph.word_is_known(token)), parses[0].tag.POS in _RU_FUNCTION


@functools.cache
def _stemmer(language: Language) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer({"en": "english", "sv": "swedish"}[language])


@functools.lru_cache(maxsize=100_000)
def stem(token: str, language: Language) -> str:
    return str(_stemmer(language).stemWord(token.replace("'", "")))


@functools.cache
def _stemmed_stop_words(language: Language) -> frozenset[str]:
    return frozenset(stem(word, language) for word in STOP_WORDS[language])

"""Words for finding complaints: what is indexed and how a search is read.

A complaint is indexed by the words of its text and of what the customer wrote (their messages
and the comment of the survey whose score opened it), the customer's names (the shop's and
Telegram's), the digits of their phone (whole and the last ten: with or without a country code)
and the order id. Words are lower-cased with "ё" as "е"; a search matches each of its words as the
start of an indexed word (all of them must match), a number as the complaint's number too, and
a phone written any way (`+7 999 123-45-67`, `89991234567`) by its digits. A search may also
name themes (`themes`): a complaint matches when one of its texts mentions each of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"\w+")
SHORTEST = 2  # one letter finds everything
LONGEST = 40  # longer words are kept by their start
MOST_TERMS = 400  # per text: a pasted novel does not flood the index
MOST_ASKED = 6  # words of one search
PHONE_DIGITS = 7  # a search of this many digits and separators only is a phone
NATIONAL = 10  # a phone's digits without the country code
END = "\U0010ffff"  # after every character: `prefix + END` bounds the prefix's range


def words(text: str | None) -> list[str]:
    """The distinct searchable words of `text`, in order."""
    if not text:
        return []
    found = WORD.findall(text.casefold().replace("ё", "е"))
    kept = (w[:LONGEST] for w in found if len(w) >= SHORTEST)
    return list(dict.fromkeys(kept))[:MOST_TERMS]


def phone_terms(phone: str | None) -> list[str]:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < PHONE_DIGITS:
        return []
    return list(dict.fromkeys((digits, digits[-NATIONAL:])))


def terms(*texts: str | None, phone: str | None = None) -> list[str]:
    """Everything to index for a complaint, from its texts and the customer's phone."""
    found: list[str] = []
    for text in texts:
        found += words(text)
    return list(dict.fromkeys(found + phone_terms(phone)))


# Complaints one of whose texts mentions a theme (`text_themes`): its own text, the customer's
# later messages, the comment of the survey whose score opened it.
_ABOUT_THEME = (
    "SELECT text_id FROM text_themes WHERE source = 'complaint' AND theme = ?"
    " UNION SELECT m.complaint_id FROM complaint_messages m JOIN text_themes tm"
    " ON tm.source = 'message' AND tm.text_id = m.id WHERE tm.theme = ?"
    " UNION SELECT sc.id FROM complaints sc JOIN text_themes ts"
    " ON ts.source = 'comment' AND ts.text_id = sc.survey_id WHERE ts.theme = ?"
)


@dataclass(frozen=True)
class Query:
    """A search as typed: the prefixes every match must have, and the complaint number it may
    name."""

    prefixes: tuple[str, ...]
    number: int | None = None
    themes: tuple[str, ...] = ()  # theme ids a text of the complaint must mention, each

    @classmethod
    def parse(cls, text: str) -> Query:
        typed = text.strip()
        bare = typed.lstrip("#")
        number = int(bare) if bare.isdigit() and len(bare) < 16 else None
        if re.fullmatch(r"[+\d\s().-]+", typed):
            digits = re.sub(r"\D", "", typed)
            if len(digits) >= PHONE_DIGITS:
                return cls((digits[-NATIONAL:],), number)
        return cls(tuple(words(typed)[:MOST_ASKED]), number)

    @property
    def empty(self) -> bool:
        return not self.prefixes and self.number is None and not self.themes

    def condition(self, column: str = "c.id") -> tuple[str, list[object]]:
        """SQL true for the complaints (`column` holds their id) this search finds, with its
        parameters; each word is one range of the index's primary key."""
        found: list[str] = []
        params: list[object] = []
        for prefix in self.prefixes:
            found.append(
                f"{column} IN (SELECT complaint_id FROM search_terms WHERE term >= ? AND term < ?)"
            )
            params += [prefix, prefix + END]
        for theme in self.themes:
            found.append(f"{column} IN ({_ABOUT_THEME})")
            params += [theme, theme, theme]
        sql = " AND ".join(found) if found else "1 = 0"
        if self.number is not None:
            sql = f"({column} = ? OR ({sql}))"
            params = [self.number, *params]
        return f"({sql})", params


def rows(complaint_id: int, found: Iterable[str]) -> list[tuple[str, int]]:
    return [(term, complaint_id) for term in found]

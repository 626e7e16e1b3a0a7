"""Theme definitions as data, in the stats API's format, and the validator an owner's edit
(dashboard or `PUT /api/v1/themes`) goes through before it is stored."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeGuard

Language = Literal["ru", "en", "sv"]
LANGUAGES: tuple[Language, ...] = ("ru", "en", "sv")

MAX_THEMES = 50
MAX_WORDS = 300  # per theme and language
MAX_NAME = 60
MAX_WORD = 60
_ID = re.compile(r"[a-z][a-z0-9_]{0,31}")
# A word or a phrase: letters, with spaces, hyphens or apostrophes between them.
_WORD = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


class ThemesInvalid(ValueError):
    """What is wrong, and where (`[2].words.ru[3]: ...`), for the owner who sent it."""


@dataclass(frozen=True, slots=True)
class Theme:
    theme: str
    name: Mapping[Language, str]
    words: Mapping[Language, tuple[str, ...]]

    def as_json(self) -> dict[str, Any]:
        return {
            "theme": self.theme,
            "name": dict(self.name),
            "words": {lang: list(words) for lang, words in self.words.items()},
        }


def is_language(value: object) -> TypeGuard[Language]:
    return value in LANGUAGES


def parse_themes(raw: object) -> tuple[Theme, ...]:
    """The themes in `raw` (decoded JSON), or ThemesInvalid saying the first thing wrong."""
    if not isinstance(raw, list):
        raise ThemesInvalid("themes: a list is expected")
    if len(raw) > MAX_THEMES:
        raise ThemesInvalid(f"themes: at most {MAX_THEMES}")
    themes = tuple(_theme(item, f"[{i}]") for i, item in enumerate(raw))
    seen: set[str] = set()
    for i, theme in enumerate(themes):
        if theme.theme in seen:
            raise ThemesInvalid(f"[{i}].theme: {theme.theme!r} is used twice")
        seen.add(theme.theme)
    return themes


def themes_as_json(themes: Sequence[Theme]) -> list[dict[str, Any]]:
    return [theme.as_json() for theme in themes]


def _theme(item: object, where: str) -> Theme:
    if not isinstance(item, dict):
        raise ThemesInvalid(f"{where}: an object is expected")
    extra = set(item) - {"theme", "name", "words"}
    if extra:
        raise ThemesInvalid(f"{where}: unknown field {sorted(extra)[0]!r}")
    ident = item.get("theme")
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        raise ThemesInvalid(f"{where}.theme: lowercase latin letters, digits and _, at most 32")
    return Theme(
        ident,
        _names(item.get("name"), f"{where}.name"),
        _words(item.get("words"), f"{where}.words"),
    )


def _by_language(value: object, where: str) -> dict[Language, object]:
    if not isinstance(value, dict) or not value:
        raise ThemesInvalid(f"{where}: an object by language (ru, en, sv) is expected")
    out: dict[Language, object] = {}
    for lang, item in value.items():
        if not is_language(lang):
            raise ThemesInvalid(f"{where}: unknown language {lang!r}")
        out[lang] = item
    return out


def _names(value: object, where: str) -> dict[Language, str]:
    names: dict[Language, str] = {}
    for lang, name in _by_language(value, where).items():
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            raise ThemesInvalid(f"{where}.{lang}: a text of 1 to {MAX_NAME} characters")
        names[lang] = name.strip()
    return names


def _words(value: object, where: str) -> dict[Language, tuple[str, ...]]:
    words: dict[Language, tuple[str, ...]] = {}
    for lang, items in _by_language(value, where).items():
        if not isinstance(items, list):
            raise ThemesInvalid(f"{where}.{lang}: a list of words is expected")
        if len(items) > MAX_WORDS:
            raise ThemesInvalid(f"{where}.{lang}: at most {MAX_WORDS} words")
        words[lang] = _word_list(items, f"{where}.{lang}")
    return words


def _word_list(items: list[object], where: str) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for i, word in enumerate(items):
        if not isinstance(word, str):
            raise ThemesInvalid(f"{where}[{i}]: a text is expected")
        clean = " ".join(word.split()).lower()
        if len(clean) > MAX_WORD or not _WORD.fullmatch(clean):
            raise ThemesInvalid(
                f"{where}[{i}]: a word or phrase of letters, at most {MAX_WORD} characters"
            )
        if clean in seen:
            raise ThemesInvalid(f"{where}[{i}]: {clean!r} is listed twice")
        seen.add(clean)
        out.append(clean)
    return tuple(out)

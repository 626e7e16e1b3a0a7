"""Message catalogs in Fluent (bot/locales/<lang>.ftl), read with fluent.runtime.

Keys are the stable dotted names the code uses (`complaint.card.title`), written in Fluent with
dashes (`complaint-card-title`). Plurals follow CLDR rules per language (Russian one/few/many:
1 обращение, 2 обращения, 5 обращений, 21 обращение), chosen by Fluent's select expressions.
Numbers a message selects on are formatted for the language (1 234 in Russian); every other
value is shown as given, so complaint #1234 stays #1234.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast as ftl

from bot.localized import clock, clock_text


def fluent_id(key: str) -> str:
    return key.replace(".", "-")


class Catalog:
    def __init__(
        self, sources: dict[str, str], default: str, segment_names: dict[str, str] | None = None
    ) -> None:
        if default not in sources:
            raise ValueError(f"no catalog for the default language {default!r}")
        self.default = default
        self.segment_names = dict(segment_names or {})  # SEGMENT_NAMES: the owners' own
        parsed = _parse(tuple(sorted(sources.items())))
        self.bundles: dict[str, FluentBundle] = parsed.bundles
        self.messages: dict[str, dict[str, ftl.Message]] = parsed.messages  # lang -> id -> msg
        self._selectors = parsed.selectors

    @classmethod
    def load(cls, default: str = "en", segment_names: dict[str, str] | None = None) -> Catalog:
        sources = {}
        for entry in resources.files("bot.locales").iterdir():
            if entry.name.endswith(".ftl"):
                sources[entry.name.removesuffix(".ftl")] = entry.read_text("utf-8")
        return cls(sources, default, segment_names)

    @property
    def languages(self) -> list[str]:
        return sorted(self.bundles)

    def keys(self, language: str) -> set[str]:
        return set(self.messages[language])

    def pick(self, telegram_code: str | None) -> str:
        """The catalog language for a Telegram language_code such as 'ru' or 'en-US'."""
        if telegram_code:
            base = telegram_code.split("-")[0].lower()
            if base in self.bundles:
                return base
        return self.default

    def text(self, language: str, key: str, /, **params: Any) -> str:
        ident = fluent_id(key)
        if language not in self.bundles or not self.bundles[language].has_message(ident):
            language = self.default
        bundle = self.bundles[language]
        if not bundle.has_message(ident):
            return key
        counted = self._selectors[language].get(ident, set())
        args = {
            name: value if name in counted or not isinstance(value, int) else str(value)
            for name, value in params.items()
        }
        message = bundle.get_message(ident)
        assert message.value is not None
        text, errors = bundle.format_pattern(message.value, args)
        if errors:
            raise KeyError(f"{language}:{key}: {errors[0]}")
        return str(text)

    def bind(self, language: str) -> Translator:
        return Translator(self, language if language in self.bundles else self.default)


@dataclass(frozen=True)
class _Parsed:
    bundles: dict[str, FluentBundle]
    messages: dict[str, dict[str, ftl.Message]]
    selectors: dict[str, dict[str, set[str]]]


@lru_cache(maxsize=4)
def _parse(sources: tuple[tuple[str, str], ...]) -> _Parsed:
    """The catalogs parsed once per process (~0.2 s each time otherwise: every app, CLI
    command and test builds a Catalog); shared read-only by every Catalog of those texts."""
    bundles: dict[str, FluentBundle] = {}
    messages: dict[str, dict[str, ftl.Message]] = {}
    for language, text in sources:
        # No Unicode isolation marks around values: Telegram shows them as they are.
        bundle = FluentBundle([language], use_isolating=False)
        resource = FluentResource(text)
        bundle.add_resource(resource)
        bundles[language] = bundle
        messages[language] = {
            entry.id.name: entry for entry in resource.body if isinstance(entry, ftl.Message)
        }
    selectors = {
        language: {ident: _selector_names(entry) for ident, entry in found.items()}
        for language, found in messages.items()
    }
    return _Parsed(bundles, messages, selectors)


class Translator:
    """`t("key", name=...)` in the language of whoever the update came from."""

    def __init__(self, catalog: Catalog, language: str) -> None:
        self.catalog = catalog
        self.language = language

    def __call__(self, key: str, /, **params: Any) -> str:
        return self.catalog.text(self.language, key, **params)


def _walk(node: object) -> list[ftl.BaseNode]:
    found: list[ftl.BaseNode] = []

    def visit(item: object) -> None:
        if isinstance(item, ftl.BaseNode):
            found.append(item)
            for value in vars(item).values():
                visit(value)
        elif isinstance(item, list):
            for value in item:
                visit(value)

    visit(node)
    return found


def _selector_names(message: ftl.Message) -> set[str]:
    """Variables a message chooses a plural form by."""
    names = set()
    for node in _walk(message):
        if isinstance(node, ftl.SelectExpression):
            names |= {
                ref.id.name
                for ref in _walk(node.selector)
                if isinstance(ref, ftl.VariableReference)
            }
    return names


def placeholders(catalog: Catalog, language: str, key: str) -> set[str]:
    """Variables a message uses, in any of its variants."""
    message = catalog.messages[language][fluent_id(key)]
    return {ref.id.name for ref in _walk(message) if isinstance(ref, ftl.VariableReference)}


TEXT_LIMIT = 4096  # Telegram's message length


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(text: str, limit: int) -> str:
    """Someone else's words as a message may quote them: printable characters only, every
    run of spaces and line breaks one space, at most `limit` characters (see `clip`)."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return clip(" ".join(printable.split()), limit)


def duration(t: Translator, seconds: float) -> str:
    """A span as people read it: 40 s, 15 min, 26 h 5 min (catalog keys duration.*)."""
    whole = round(seconds)
    if whole < 60:
        return t("duration.seconds", n=whole)
    if whole < 3600:
        return t("duration.minutes", n=round(whole / 60))
    minutes = round(whole / 60)
    if minutes % 60 == 0:
        return t("duration.whole_hours", h=minutes // 60)
    return t("duration.hours", h=minutes // 60, m=minutes % 60)


def moment_words(t: Translator, moment: datetime, now: datetime, zone: ZoneInfo) -> str:
    """A deadline as the person reads it in their zone and language: "10:15 CET today",
    "сегодня до 10:15 МСК", "tomorrow", else a date (catalog keys time.*)."""
    at, today = moment.astimezone(zone), now.astimezone(zone).date()
    if at.date() == today:
        return t("time.today", time=clock(moment, zone, t.language))
    if at.date() == today + timedelta(days=1):
        return t("time.tomorrow", time=clock(moment, zone, t.language))
    return t("time.date", time=clock_text(moment, zone, t.language))

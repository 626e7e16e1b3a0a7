"""Message catalogs (bot/locales/<lang>.toml, stable keys) and the translator handlers receive."""

from __future__ import annotations

import string
import tomllib
from importlib import resources
from typing import Any


class Catalog:
    def __init__(self, messages: dict[str, dict[str, str]], default: str) -> None:
        if default not in messages:
            raise ValueError(f"no catalog for the default language {default!r}")
        self.messages = messages
        self.default = default

    @classmethod
    def load(cls, default: str = "en") -> Catalog:
        messages = {}
        for entry in resources.files("bot.locales").iterdir():
            if entry.name.endswith(".toml"):
                data = tomllib.loads(entry.read_text("utf-8"))
                messages[entry.name.removesuffix(".toml")] = {k: str(v) for k, v in data.items()}
        return cls(messages, default)

    @property
    def languages(self) -> list[str]:
        return sorted(self.messages)

    def pick(self, telegram_code: str | None) -> str:
        """The catalog language for a Telegram language_code such as 'ru' or 'en-US'."""
        if telegram_code:
            base = telegram_code.split("-")[0].lower()
            if base in self.messages:
                return base
        return self.default

    def text(self, language: str, key: str, /, **params: Any) -> str:
        template = self.messages.get(language, {}).get(key)
        if template is None:
            template = self.messages[self.default].get(key, key)
        return template.format(**params) if params else template

    def bind(self, language: str) -> Translator:
        return Translator(self, language if language in self.messages else self.default)


class Translator:
    """`t("key", name=...)` in the language of whoever the update came from."""

    def __init__(self, catalog: Catalog, language: str) -> None:
        self.catalog = catalog
        self.language = language

    def __call__(self, key: str, /, **params: Any) -> str:
        return self.catalog.text(self.language, key, **params)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def duration(t: Translator, seconds: float) -> str:
    """A span as people read it: 40 s, 15 min, 26 h 5 min (catalog keys duration.*)."""
    whole = round(seconds)
    if whole < 60:
        return t("duration.seconds", n=whole)
    if whole < 3600:
        return t("duration.minutes", n=round(whole / 60))
    minutes = round(whole / 60)
    return t("duration.hours", h=minutes // 60, m=minutes % 60)

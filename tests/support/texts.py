"""The bot's texts as tests expect them: looked up in the catalog by key, so a reworded text
changes the catalog, not the tests; only what a test is about is spelled out in it. A key the
catalog lacks fails the test (the bot itself would show the key: a test must not agree)."""

from __future__ import annotations

from typing import Any

from bot.i18n import Catalog, Translator, fluent_id


class Strict(Translator):
    def __call__(self, key: str, /, **params: Any) -> str:
        if not self.catalog.bundles[self.language].has_message(fluent_id(key)):
            raise KeyError(f"no text {key!r} in the {self.language} catalog")
        return super().__call__(key, **params)


_CATALOG = Catalog.load()
EN = Strict(_CATALOG, "en")

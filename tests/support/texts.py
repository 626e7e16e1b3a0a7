"""The bot's texts as tests expect them: looked up in the catalog by key, so a reworded text
changes the catalog, not the tests; only what a test is about is spelled out in it."""

from __future__ import annotations

from bot.i18n import Catalog

EN = Catalog.load().bind("en")

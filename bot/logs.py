"""Logging: the level from LOG_LEVEL, and no personal data at any level. The bot's own lines
carry ids, never texts, names or phones; a library that logs what it handles (aiosqlite writes
every statement with its parameters at DEBUG) is held at INFO whatever LOG_LEVEL says."""

from __future__ import annotations

import logging

# Libraries whose DEBUG lines would carry what customers wrote, their names and phones.
TELLING = ("aiosqlite",)


def configure(level: str | None, default: str = "INFO") -> None:
    """LOG_LEVEL from the environment or .env, else `default` (the demo prints its own story
    and logs from WARNING)."""
    chosen = level or default
    logging.basicConfig(level=chosen, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if chosen != "DEBUG":  # two lines per job run, every few seconds: only when debugging
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    keep_personal_data_out()


def keep_personal_data_out() -> None:
    for name in TELLING:
        logger = logging.getLogger(name)
        logger.setLevel(max(logger.getEffectiveLevel(), logging.INFO))

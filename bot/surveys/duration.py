"""How long a survey takes, as /help and the reminder tell a customer: the designer's estimate
(`Definition.estimated_seconds`, the longest path) rounded to what a person says: "about 40
seconds", "about a minute", "about 3 minutes". Never more precise than the estimate is."""

from __future__ import annotations

from bot.i18n import Translator
from bot.surveys.design import Definition, estimated_seconds
from bot.surveys.design_versions import Design, current
from storage.db import Tx

SECONDS_STEP = 10  # under a minute, said to the nearest ten seconds
LEAST = 10  # "about 5 seconds" promises too much: a message is read first
MINUTE = 60


def _half_up(value: float) -> int:
    return int(value + 0.5)  # round() rounds 2.5 to 2: a person says 3


def rounded(seconds: int) -> tuple[int, int]:
    """(seconds, minutes) as said: seconds when under a minute (minutes 0), else minutes."""
    tens = max(LEAST, _half_up(seconds / SECONDS_STEP) * SECONDS_STEP)
    if tens < MINUTE - SECONDS_STEP:  # 50 seconds and more: "about a minute"
        return tens, 0
    return 0, max(1, _half_up(seconds / MINUTE))


def spoken(t: Translator, seconds: int) -> str:
    said_seconds, minutes = rounded(seconds)
    return t("survey.duration", seconds=said_seconds, minutes=minutes)


def customer_seconds(definition: Definition, segment: str) -> int:
    """The longest survey a customer of `segment` may be asked at their next purchase: the
    main questions or a variant for their segment (or for a branch: any purchase may be
    there)."""
    lists = [definition.questions] + [
        v.questions for v in definition.variants if v.segment in (None, segment)
    ]
    return max(estimated_seconds(questions) for questions in lists)


async def help_duration(tx: Tx, design: Design, t: Translator, segment: str) -> str:
    """How long the shop's current survey takes, said for /help (what the customer is asked
    at their next purchase, not the survey they may be answering now)."""
    survey = await current(tx, design)
    return spoken(t, customer_seconds(survey.definition, segment))

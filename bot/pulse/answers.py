"""A staff member's answers to the pulse: a score (0-10), then optionally one message of free
text. Stored without the person; their row in `pulse_asked` only moves on (score → comment →
done), so each question is answered once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator, clip
from bot.pulse.callbacks import SKIP, PulsePress
from bot.pulse.config import COMMENT_LIMIT
from storage.db import Tx
from storage.repos.pulse import COMMENT, DONE, SCORE


@dataclass(frozen=True)
class PulseAnswer:
    alert: str | None = None  # shown to whoever pressed
    text: str | None = None  # the question message's new text
    markup: InlineKeyboardMarkup | None = None


async def press(tx: Tx, t: Translator, user_id: int, data: PulsePress) -> PulseAnswer:
    start = datetime.fromtimestamp(data.round, UTC)
    step = await tx.pulse.step(start, user_id)
    if step is None:
        return PulseAnswer(alert=t("button.stale"))  # forged, or someone else's round
    if data.score == SKIP:
        if step != COMMENT:
            return PulseAnswer(alert=t("pulse.already"))
        await tx.pulse.set_step(start, user_id, DONE)
        return PulseAnswer(text=t("pulse.thanks"))
    if step != SCORE:
        return PulseAnswer(alert=t("pulse.already"))
    await tx.pulse.add_score(start, data.score)
    await tx.pulse.set_step(start, user_id, COMMENT)
    skip = InlineKeyboardButton(
        text=t("pulse.skip"), callback_data=PulsePress(round=data.round, score=SKIP).pack()
    )
    return PulseAnswer(
        text=t("pulse.comment"), markup=InlineKeyboardMarkup(inline_keyboard=[[skip]])
    )


async def owed_comment(tx: Tx, user_id: int) -> datetime | None:
    """The round whose free-text question this person has yet to answer, if any: their next
    message is that answer."""
    return await tx.pulse.waiting_comment(user_id)


async def comment(tx: Tx, t: Translator, start: datetime, user_id: int, words: str | None) -> str:
    """The free-text answer to the round that began at `start`: the reply to give."""
    text = " ".join((words or "").split())
    if not text:
        return t("pulse.comment_text_only")
    await tx.pulse.add_comment(start, clip(text, COMMENT_LIMIT))
    await tx.pulse.set_step(start, user_id, DONE)
    return t("pulse.thanks")

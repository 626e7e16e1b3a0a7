"""/actions for owners: the fixes the business owes (marked on resolved complaints), and
marking one done."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.complaints import events
from bot.complaints.callbacks import FixDonePress
from bot.complaints.causes import cause_label
from bot.complaints.config import Complaints
from bot.complaints.corrective import show
from bot.i18n import TEXT_LIMIT, Translator, clip
from bot.incoming import Actor
from storage.db import Tx
from storage.models import CorrectiveAction

LIST_LIMIT = 20  # fixes shown (and buttons) in one message; the oldest first
PER_ROW = 4


async def fix_list(
    tx: Tx, complaints: Complaints, t: Translator
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The open fixes as one message (in the owner's language) with a "done" button each."""
    found = await tx.corrective.open_fixes(LIST_LIMIT + 1)
    shown = found[:LIST_LIMIT]
    lines = [t("fixes.title", count=len(shown))]
    lines += [_line(complaints, t, record) for record in shown]
    if not found:
        lines.append(t("fixes.none"))
    elif len(found) > LIST_LIMIT:
        lines.append(t("fixes.more"))
    else:
        lines.append(t("fixes.hint"))
    while len("\n".join(lines)) > TEXT_LIMIT:  # whole lines only: never cut a tag
        del lines[-2]
    if not shown:
        return "\n".join(lines), None
    buttons = [
        InlineKeyboardButton(
            text=t("fixes.button", number=record.complaint_id),
            callback_data=FixDonePress(complaint_id=record.complaint_id).pack(),
        )
        for record in shown
    ]
    rows = [buttons[i : i + PER_ROW] for i in range(0, len(buttons), PER_ROW)]
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


def _line(complaints: Complaints, t: Translator, record: CorrectiveAction) -> str:
    assert record.fix_needed_at is not None
    parts = [f"🔧 <b>#{record.complaint_id}</b>"]
    if record.cause is not None:
        parts.append(escape(cause_label(t, record.cause)))
    if record.action:
        parts.append(f"«{escape(clip(record.action, 120))}»")
    parts.append(
        t(
            "fixes.since",
            name=escape(record.fix_by_name or "—"),
            at=complaints.core.local(record.fix_needed_at),
        )
    )
    return " · ".join(parts)


async def mark_done(
    tx: Tx, complaints: Complaints, t: Translator, who: Actor, complaint_id: int
) -> str:
    """An owner marks a fix done (the caller checked they are an owner): the alert to show."""
    record = await tx.corrective.get(complaint_id)
    if record is None or record.fix_needed_at is None:
        return t("button.stale")
    if record.fix_done_at is not None:
        return t("fixes.already", number=complaint_id)
    now = complaints.core.now()
    await tx.corrective.update(complaint_id, fix_done_at=now, fix_done_by_name=clip(who.name, 64))
    await events.fix_done(tx, complaint_id, record.cause, now)
    await show(tx, complaints, complaint_id)  # the staff chat sees it too
    return t("fixes.done", number=complaint_id)

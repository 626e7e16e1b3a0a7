"""After a complaint is resolved: its cause, one line of what was done, and whether the business
itself needs a fix. Asked in the complaint's thread, answered with buttons and one reply."""

from __future__ import annotations

from aiogram.methods import EditMessageText
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.complaints.callbacks import CausePress
from bot.complaints.cards import corrective_lines
from bot.complaints.causes import SKIPPED, cause_label, causes
from bot.complaints.config import Complaints
from bot.complaints.posting import refresh, to_staff_about
from bot.i18n import clip
from bot.incoming import Actor, ChatMessage
from bot.outbox.codec import message_id_of
from bot.outbox.service import Priority
from storage.db import Tx
from storage.models import CorrectiveAction
from storage.states import ComplaintStatus, Purpose

SKIP, FIX = "skip", "fix"
ACTION_LIMIT = 200  # one line of what was done
PER_ROW = 3


async def ask(tx: Tx, complaints: Complaints, complaint_id: int) -> None:
    """The complaint was resolved: ask what caused it, in its thread."""
    await tx.corrective.ask(complaint_id, complaints.core.now())
    record = await tx.corrective.get(complaint_id)
    complaint = await tx.complaints.get(complaint_id)
    assert record is not None and complaint is not None
    await to_staff_about(
        tx,
        complaints,
        complaint,
        question_text(complaints, record),
        reply_markup=question_markup(complaints, record),
        purpose=Purpose.CAUSE_QUESTION,
    )


def question_text(complaints: Complaints, record: CorrectiveAction) -> str:
    staff_t = complaints.staff_t
    lines = [staff_t("corrective.question.title", number=record.complaint_id)]
    lines += corrective_lines(complaints, record)
    if record.cause is None:
        lines.append(staff_t("corrective.question.cause"))
    if record.action is None:
        lines.append(staff_t("corrective.question.action"))
    return "\n".join(lines)


def question_markup(complaints: Complaints, record: CorrectiveAction) -> InlineKeyboardMarkup:
    def button(choice: str, text: str) -> InlineKeyboardButton:
        data = CausePress(complaint_id=record.complaint_id, choice=choice).pack()
        return InlineKeyboardButton(text=text, callback_data=data)

    options = [
        button(c, ("✓ " if c == record.cause else "") + cause_label(complaints.staff_t, c))
        for c in causes(complaints.config.aspects)
    ]
    rows = [options[i : i + PER_ROW] for i in range(0, len(options), PER_ROW)]
    fix = "corrective.button.fix_on" if record.fix_needed_at else "corrective.button.fix"
    last = [button(FIX, complaints.staff_t(fix))]
    if record.cause is None:
        last.append(button(SKIP, complaints.staff_t("corrective.button.skip")))
    return InlineKeyboardMarkup(inline_keyboard=[*rows, last])


async def press(tx: Tx, complaints: Complaints, who: Actor, complaint_id: int, choice: str) -> str:
    """A staff member's button under the question (the caller checked they are staff): the
    alert to show them."""
    staff_t = complaints.staff_t
    record = await tx.corrective.get(complaint_id)
    complaint = await tx.complaints.get(complaint_id)
    if (
        record is None
        or complaint is None
        or choice not in {*causes(complaints.config.aspects), SKIP, FIX}
    ):
        return staff_t("button.stale")
    if complaint.status not in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED):
        return staff_t("corrective.alert.reopened", number=complaint_id)
    name = clip(who.name, 64)
    if choice == FIX:
        if record.fix_done_at is not None:
            return staff_t("corrective.alert.fix_done", number=complaint_id)
        marked = record.fix_needed_at is None
        await tx.corrective.update(
            complaint_id,
            fix_needed_at=complaints.core.now() if marked else None,
            fix_by_name=name if marked else None,
        )
        alert = "corrective.alert.fix_marked" if marked else "corrective.alert.fix_unmarked"
    else:
        cause = SKIPPED if choice == SKIP else choice
        if cause == record.cause:
            return staff_t("corrective.alert.same")
        await tx.corrective.update(complaint_id, cause=cause, cause_by_name=name)
        alert = "corrective.alert.saved"
    await show(tx, complaints, complaint_id)
    return staff_t(alert, number=complaint_id)


async def answered(tx: Tx, message: ChatMessage) -> CorrectiveAction | None:
    """The record whose question this staff-chat message replies to, if any: such a reply is
    what was done, never relayed to the customer."""
    if message.reply_to is None or message.is_command:
        return None
    return await tx.corrective.by_question(message.chat_id, message.reply_to)


async def record_action(
    tx: Tx, complaints: Complaints, record: CorrectiveAction, message: ChatMessage
) -> None:
    """One line of what was done, from a reply to the question (a sticker or a photo is no
    answer and changes nothing)."""
    words = " ".join((message.words or "").split())
    if not words:
        return
    name = clip(message.author.name, 64) if message.author else None
    await tx.corrective.update(
        record.complaint_id, action=clip(words, ACTION_LIMIT), action_by_name=name
    )
    await show(tx, complaints, record.complaint_id)


async def show(tx: Tx, complaints: Complaints, complaint_id: int) -> None:
    """The question and the card show what is recorded now."""
    record = await tx.corrective.get(complaint_id)
    if record is not None and record.question_message_id is not None:
        await complaints.core.outbox.send(
            tx,
            EditMessageText(
                chat_id=record.question_chat_id,
                message_id=record.question_message_id,
                text=question_text(complaints, record),
                parse_mode="HTML",
                reply_markup=question_markup(complaints, record),
            ),
            priority=Priority.NORMAL,
        )
    await refresh(tx, complaints, complaint_id)


async def on_question_sent(
    complaints: Complaints, tx: Tx, complaint_id: int, result: object
) -> None:
    """Outbox hook: remember the question's message, so a reply to it is recognised."""
    message_id = message_id_of(result)
    if message_id is not None:
        await tx.corrective.update(
            complaint_id,
            question_chat_id=complaints.staff_chat_id,
            question_message_id=message_id,
        )

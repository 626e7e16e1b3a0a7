"""The staff side of complaints: card buttons, replies relayed to the customer, /open, /mine.

Every action first asks the staff directory whether the person may act; a non-member gets an
alert and nothing changes.
"""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.methods import AnswerCallbackQuery, SendMessage
from aiogram.types import CallbackQuery, Message, ReplyParameters, User

from bot.complaints import corrective, relay
from bot.complaints.actions import staff_press
from bot.complaints.callbacks import CausePress, StaffPress
from bot.complaints.config import Complaints
from bot.complaints.listing import open_list
from bot.complaints.staff import StaffDirectory, Verdict
from bot.i18n import Translator
from bot.incoming import Actor, ChatMessage, topic_of
from bot.outbox.service import Outbox, Priority
from bot.updates.lookup import TryLater
from storage.db import Tx

ANONYMOUS_ADMIN = 1087968824  # Telegram's @GroupAnonymousBot, sender of anonymous admins


def router() -> Router:
    r = Router(name=__name__)
    r.callback_query.register(on_press, StaffPress.filter())
    r.callback_query.register(on_cause, CausePress.filter())
    r.message.register(list_open, Command("open"))
    r.message.register(list_mine, Command("mine"))
    r.message.register(staff_help, Command("help"))
    r.message.register(on_staff_message)
    return r


def refusal(who: User, staff: StaffDirectory, complaints: Complaints) -> str | None:
    verdict = staff.allowed(who.id)
    if verdict is Verdict.STAFF:
        return None
    return complaints.staff_t(
        "complaint.alert.check_failed"
        if verdict is Verdict.UNKNOWN
        else "complaint.alert.not_staff"
    )


async def on_press(
    query: CallbackQuery,
    callback_data: StaffPress,
    tx: Tx,
    outbox: Outbox,
    complaints: Complaints,
    staff: StaffDirectory,
) -> None:
    refused = refusal(query.from_user, staff, complaints)
    if refused is not None:
        await outbox.send(
            tx, AnswerCallbackQuery(callback_query_id=query.id, text=refused, show_alert=True)
        )
        return
    await _seen(tx, complaints, query.from_user.id)
    who = Actor.from_aiogram(query.from_user)
    answer = await staff_press(
        tx, complaints, who, callback_data.action, callback_data.complaint_id
    )
    await outbox.send(tx, AnswerCallbackQuery(callback_query_id=query.id, text=answer.alert))


async def on_cause(
    query: CallbackQuery,
    callback_data: CausePress,
    tx: Tx,
    outbox: Outbox,
    complaints: Complaints,
    staff: StaffDirectory,
) -> None:
    """A button under "what caused it?": the cause, skip, or "needs a fix in the business"."""
    refused = refusal(query.from_user, staff, complaints)
    if refused is None:
        await _seen(tx, complaints, query.from_user.id)
    alert = refused or await corrective.press(
        tx,
        complaints,
        Actor.from_aiogram(query.from_user),
        callback_data.complaint_id,
        callback_data.choice,
    )
    await outbox.send(
        tx,
        AnswerCallbackQuery(
            callback_query_id=query.id, text=alert, show_alert=refused is not None
        ),
    )


async def _member_message(
    tx: Tx, message: Message, staff: StaffDirectory, complaints: Complaints
) -> bool:
    """Whether a member sent it (a person found to be one is recorded as staff)."""
    if message.from_user is None or message.from_user.is_bot:
        return (
            message.sender_chat is not None and message.sender_chat.id == complaints.staff_chat_id
        )
    if message.from_user.id == ANONYMOUS_ADMIN:
        return True
    if staff.allowed(message.from_user.id) is Verdict.UNKNOWN:
        raise TryLater  # Telegram could not say who this is: the message waits, never dropped
    if refusal(message.from_user, staff, complaints) is not None:
        return False
    await _seen(tx, complaints, message.from_user.id)
    return True


async def staff_help(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    """What staff can do here (the staff chat's language)."""
    text = t("help.staff")
    await outbox.send(
        tx,
        SendMessage(chat_id=message.chat.id, message_thread_id=topic_of(message), text=text),
        priority=Priority.NORMAL,
    )


async def list_open(
    message: Message, tx: Tx, outbox: Outbox, complaints: Complaints, staff: StaffDirectory
) -> None:
    await _list(message, tx, outbox, complaints, staff, None)


async def list_mine(
    message: Message, tx: Tx, outbox: Outbox, complaints: Complaints, staff: StaffDirectory
) -> None:
    mine = message.from_user.id if message.from_user else 0
    await _list(message, tx, outbox, complaints, staff, mine)


async def _list(
    message: Message,
    tx: Tx,
    outbox: Outbox,
    complaints: Complaints,
    staff: StaffDirectory,
    taken_by: int | None,
) -> None:
    if not await _member_message(tx, message, staff, complaints):
        return  # a stranger in the staff chat: no answer at all spares the group's budget
    text = await open_list(tx, complaints, taken_by)
    await outbox.send(
        tx,
        SendMessage(
            chat_id=message.chat.id,
            message_thread_id=topic_of(message),
            text=text,
            parse_mode="HTML",
        ),
        priority=Priority.NORMAL,
    )


async def on_staff_message(
    message: Message, tx: Tx, outbox: Outbox, complaints: Complaints, staff: StaffDirectory
) -> None:
    said = ChatMessage.from_aiogram(message)
    record = await corrective.answered(tx, said)
    if record is not None:  # what was done: for the team, never for the customer
        if await _member_message(tx, message, staff, complaints):
            await corrective.record_action(tx, complaints, record, said)
        return
    complaint = await relay.about(tx, said)
    if complaint is None:
        return  # ordinary staff conversation
    if not await _member_message(tx, message, staff, complaints):
        return
    problem = await relay.from_staff(tx, complaints, complaint, said)
    if problem is not None:
        await outbox.send(
            tx,
            SendMessage(chat_id=message.chat.id, text=problem, **_reply_to(message)),
            priority=Priority.NORMAL,
        )


async def _seen(tx: Tx, complaints: Complaints, user_id: int) -> None:
    """A member acted in the staff chat: they are staff (the staff pulse asks them)."""
    await tx.pulse.seen(user_id, complaints.core.now())


def _reply_to(message: Message) -> dict[str, Any]:
    return {
        "reply_parameters": ReplyParameters(
            message_id=message.message_id, allow_sending_without_reply=True
        ),
        "message_thread_id": topic_of(message),
    }

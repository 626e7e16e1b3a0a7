"""The staff side of complaints: card buttons, replies relayed to the customer, /open, /mine,
/find, /saved.

Every handler here but /help is for staff only (the `IsStaff` filter, after the filters that
say what the update is): anyone else falls through to handlers/staff/refusal.py. A message in
the staff chat is one of: an answer to the bot's "what was done?" question (recorded for the
team, never relayed), a message about a complaint (its topic, or a reply to its card or a
relay: it reaches the customer), or the team's own conversation (left alone, by the refusal
router too).
"""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.complaints import assigning, corrective, finding, relay, replying, saved
from bot.complaints.callbacks import AssignPress, CausePress, StaffAction, StaffPress
from bot.complaints.config import Complaints
from bot.complaints.lifecycle import staff_press
from bot.complaints.listing import open_list
from bot.complaints.staff import StaffDirectory
from bot.i18n import Translator
from bot.incoming import Actor, ChatMessage
from bot.outbox.service import Outbox, Priority
from handlers.filters import IsStaff
from storage.db import Tx
from storage.models import Complaint, CorrectiveAction


def router() -> Router:
    r = Router(name=__name__)
    staff = IsStaff()
    r.callback_query.register(on_press, StaffPress.filter(), staff)
    r.callback_query.register(on_cause, CausePress.filter(), staff)
    r.callback_query.register(on_assign, AssignPress.filter(), staff)
    r.message.register(list_open, Command("open"), staff)
    r.message.register(list_mine, Command("mine"), staff)
    r.message.register(find_complaints, Command("find"), staff)
    r.message.register(send_saved_reply, Command("saved"), staff)
    r.message.register(staff_help, Command("help"))  # anyone in the chat may ask
    r.message.register(on_what_was_done, answers_the_cause_question, staff)
    r.message.register(on_message_about_a_complaint, about_a_complaint, staff)
    return r


async def answers_the_cause_question(message: Message, tx: Tx) -> dict[str, Any] | bool:
    """A reply to the bot's "what was done?" question: the record it answers."""
    said = ChatMessage.from_aiogram(message)
    record = await corrective.answered(tx, said)
    return False if record is None else {"said": said, "record": record}


async def about_a_complaint(message: Message, tx: Tx) -> dict[str, Any] | bool:
    """In a complaint's topic, or a reply to its card or a relayed message."""
    said = ChatMessage.from_aiogram(message)
    complaint = await replying.about(tx, said)
    return False if complaint is None else {"said": said, "complaint": complaint}


async def on_press(
    query: CallbackQuery,
    callback_data: StaffPress,
    tx: Tx,
    outbox: Outbox,
    complaints: Complaints,
    staff: StaffDirectory,
) -> None:
    """A card's button: Take, Resolve, History, Assign (and Back), a summary's number."""
    action, number = callback_data.action, callback_data.complaint_id
    if action is StaffAction.ASSIGN:  # the list has the group's administrators too
        alert = await assigning.menu(tx, complaints, number, staff.administrators())
    else:
        who = Actor.from_aiogram(query.from_user)
        alert = (await staff_press(tx, complaints, who, action, number)).alert
    await outbox.answer_press(tx, query, alert, show_alert=False)


async def on_cause(
    query: CallbackQuery, callback_data: CausePress, tx: Tx, outbox: Outbox, complaints: Complaints
) -> None:
    """A button under "what caused it?": the cause, skip, or "needs a fix in the business"."""
    who = Actor.from_aiogram(query.from_user)
    number, choice = callback_data.complaint_id, callback_data.choice
    alert = await corrective.press(tx, complaints, who, number, choice)
    await outbox.answer_press(tx, query, alert, show_alert=False)


async def on_assign(
    query: CallbackQuery,
    callback_data: AssignPress,
    tx: Tx,
    outbox: Outbox,
    complaints: Complaints,
    staff: StaffDirectory,
) -> None:
    """A name in the card's "Assign" list."""
    who = Actor.from_aiogram(query.from_user)
    number, person = callback_data.complaint_id, callback_data.user_id
    admins = staff.administrators()
    alert = await assigning.chosen(tx, complaints, who, number, person, admins)
    await outbox.answer_press(tx, query, alert, show_alert=False)


async def staff_help(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    """What staff can do here (the staff chat's language)."""
    await outbox.answer(tx, message, t("help.staff"), priority=Priority.NORMAL)


async def list_open(message: Message, tx: Tx, outbox: Outbox, complaints: Complaints) -> None:
    await _list(message, tx, outbox, complaints, None)


async def list_mine(message: Message, tx: Tx, outbox: Outbox, complaints: Complaints) -> None:
    mine = message.from_user.id if message.from_user else 0
    await _list(message, tx, outbox, complaints, mine)


async def _list(
    message: Message, tx: Tx, outbox: Outbox, complaints: Complaints, taken_by: int | None
) -> None:
    text = await open_list(tx, complaints, taken_by)
    await outbox.answer(tx, message, text, parse_mode="HTML", priority=Priority.NORMAL)


async def find_complaints(
    message: Message, command: CommandObject, tx: Tx, outbox: Outbox, complaints: Complaints
) -> None:
    """/find TEXT: complaints by number, order id, name, phone or words, newest first."""
    text = await finding.find(tx, complaints, command.args or "")
    await outbox.answer(tx, message, text, parse_mode="HTML", priority=Priority.NORMAL)


async def send_saved_reply(
    message: Message, command: CommandObject, tx: Tx, outbox: Outbox, complaints: Complaints
) -> None:
    """/saved NAME as a reply to a card (or in a complaint's topic): that saved reply to the
    customer, never the command itself; /saved alone: the names there are."""
    said = ChatMessage.from_aiogram(message)
    answer = await saved.by_command(tx, complaints, said, command.args or "")
    await outbox.reply(tx, message, answer, parse_mode="HTML", priority=Priority.NORMAL)


async def on_what_was_done(
    message: Message, said: ChatMessage, record: CorrectiveAction, tx: Tx, complaints: Complaints
) -> None:
    """What was done, for the team: never for the customer."""
    await corrective.record_action(tx, complaints, record, said)


async def on_message_about_a_complaint(
    message: Message,
    said: ChatMessage,
    complaint: Complaint,
    tx: Tx,
    outbox: Outbox,
    complaints: Complaints,
) -> None:
    problem = await relay.from_staff(tx, complaints, complaint, said)
    if problem is not None:
        await outbox.reply(tx, message, problem, priority=Priority.NORMAL)

"""What a message in a private chat that is no command is for: the one place that decides.

The first situation that fits wins, in this order:

1. a staff member owes the pulse's free-text answer: it is that answer (any kind of message);
2. the customer's open survey is at its follow-up step: the text is its comment (in the
   shop's account's chat only for a survey sent from there);
3. the open survey waits for a button, and no complaint of theirs is open: a hint to use them;
4. a text too long for Telegram to pass on: said so;
5. only thanks, an acknowledgement or a friendly emoji, and no complaint open: "you're welcome";
6. a complaint of theirs is open: the message joins it (relayed to the staff chat);
7. words, a photo, a document...: it opens a complaint;
8. anything else (a sticker or a location alone, a kind the bot cannot pass on): said so.

A customer's message to the shop's own Telegram account (a `business_message`) goes through
2 and 5-7 alike; the answers go out from the account (bot/complaints/account.py).

Each situation is a filter that hands its find to the handler (the survey, the complaint),
so a handler never looks again nor passes the message on. Commands are handled before this
router (start, language, privacy, /complaint) or by the catch-all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import F, Router
from aiogram.filters import invert_f
from aiogram.types import Message

from bot.complaints import relay, thanks
from bot.complaints.config import Complaints
from bot.i18n import TEXT_LIMIT, Translator
from bot.incoming import ChatMessage
from bot.outbox.service import Outbox
from bot.pulse import answers as pulse
from bot.surveys import answers as survey_answers
from bot.surveys.config import Surveys
from handlers.filters import Magic, from_the_customer
from storage.db import Tx
from storage.models import Complaint, Customer, Survey

NOT_A_COMMAND = Magic(~F.text.startswith("/"))
TEXT = Magic(F.text)
JUST_THANKS = Magic(F.text.func(thanks.just_thanks))


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(NOT_A_COMMAND)
    r.message.register(pulse_comment, owes_pulse_comment)
    r.message.register(survey_comment, TEXT, survey_at_comment)
    r.message.register(use_buttons, TEXT, survey_at_buttons, invert_f(open_complaint))
    r.message.register(too_long, Magic(F.text.len() > TEXT_LIMIT))
    r.message.register(welcome, JUST_THANKS, invert_f(open_complaint))
    r.message.register(to_open_complaint, passable, open_complaint)
    r.message.register(new_complaint, passable, opens_a_complaint)
    r.message.register(unsupported)
    # A customer's message to the shop's own Telegram account (Telegram Business) is one to
    # the bot for complaints and thanks, and a survey's comment when the survey was sent from
    # the account; the pulse lives in the bot's chat, and what cannot be passed on is the
    # shop's conversation, not the bot's to answer.
    b = r.business_message
    b.filter(NOT_A_COMMAND, from_the_customer)
    b.register(survey_comment, TEXT, survey_at_comment, survey_in_this_chat)
    b.register(welcome, JUST_THANKS, invert_f(open_complaint))
    b.register(to_open_complaint, passable, open_complaint)
    b.register(new_complaint, passable, opens_a_complaint)
    return r


# The situations (filters: False, or what they found for the handler).


async def owes_pulse_comment(message: Message, tx: Tx) -> dict[str, Any] | bool:
    """A staff member who owes the pulse's free-text answer: the round it answers."""
    if message.from_user is None:
        return False
    start = await pulse.owed_comment(tx, message.from_user.id)
    return False if start is None else {"pulse_round": start}


async def survey_at_comment(
    message: Message, tx: Tx, customer: Customer, surveys: Surveys
) -> dict[str, Any] | bool:
    survey = await survey_answers.open_survey(tx, customer)
    if survey is None or not await survey_answers.wants_comment(tx, surveys, survey):
        return False
    return {"survey": survey}


async def survey_in_this_chat(message: Message, survey: Survey) -> bool:
    """The survey was sent in this chat: the bot's, or the shop's account's."""
    return survey.business_connection_id == message.business_connection_id


async def survey_at_buttons(
    message: Message, tx: Tx, customer: Customer, surveys: Surveys
) -> bool:
    survey = await survey_answers.open_survey(tx, customer)
    return survey is not None and not await survey_answers.wants_comment(tx, surveys, survey)


async def open_complaint(message: Message, tx: Tx, customer: Customer) -> dict[str, Any] | bool:
    """The customer's complaint still open: their messages are for the staff handling it."""
    complaint = await tx.complaints.active_for(customer.id)
    return False if complaint is None else {"complaint": complaint}


async def passable(message: Message) -> dict[str, Any] | bool:
    """A kind the bot can pass on to the staff chat (words, media, a location): as plain data."""
    said = ChatMessage.from_aiogram(message)
    return False if said.kind is None else {"said": said}


async def opens_a_complaint(message: Message, said: ChatMessage) -> bool:
    return relay.opens_one(said)


# What each situation gets.


async def pulse_comment(
    message: Message, pulse_round: datetime, tx: Tx, outbox: Outbox, t: Translator
) -> None:
    assert message.from_user is not None  # owes_pulse_comment found them
    words = message.text or message.caption
    reply = await pulse.comment(tx, t, pulse_round, message.from_user.id, words)
    await outbox.answer(tx, message, reply)


async def survey_comment(
    message: Message,
    survey: Survey,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    surveys: Surveys,
) -> None:
    text = message.text or ""
    reply = await survey_answers.comment(tx, surveys, t, customer, survey, text)
    if reply:
        await outbox.answer(tx, message, reply)


async def use_buttons(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    await outbox.answer(tx, message, t("survey.use_buttons"))


async def too_long(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    length = len(message.text or "")
    await outbox.answer(tx, message, t("fallback.too_long", length=length, limit=TEXT_LIMIT))


async def welcome(message: Message, tx: Tx, customer: Customer, complaints: Complaints) -> None:
    """Thanks open nothing: no complaint, no take reminder, no escalation to the owner."""
    await thanks.welcome(tx, complaints, customer, message.business_connection_id)


async def to_open_complaint(
    message: Message,
    said: ChatMessage,
    complaint: Complaint,
    tx: Tx,
    customer: Customer,
    complaints: Complaints,
) -> None:
    await relay.to_complaint(tx, complaints, customer, complaint, said)


async def new_complaint(
    message: Message, said: ChatMessage, tx: Tx, customer: Customer, complaints: Complaints
) -> None:
    await relay.opening(tx, complaints, customer, said)


async def unsupported(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    await outbox.answer(tx, message, t("fallback.unsupported"))

"""Two-way relay: the customer's messages reach the staff chat, staff replies reach the customer.

Text is re-sent with a header naming the complaint; media is copied (copyMessage), with the
header as its caption where the kind has one. Staff messages starting with "!" are internal
notes, kept in the history and never sent, and so is a reply to a note (edits are never
relayed at all). Every message is stored in the complaint's history.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from aiogram.methods import CopyMessage, SendMessage

from bot.complaints import account, saved
from bot.complaints.cards import customer_label, escaped
from bot.complaints.config import Complaints
from bot.complaints.opening import open_complaint
from bot.complaints.posting import acknowledge, post_if_budget, send_about, to_staff_about
from bot.complaints.replying import to_customer
from bot.i18n import TEXT_LIMIT, clip
from bot.incoming import ChatMessage
from bot.outbox.service import Priority
from storage.db import Tx
from storage.models import Complaint, Customer
from storage.states import ComplaintSource, Direction, Purpose

NOTE_MARK = "!"
INVISIBLE = " \t\n\r\u00a0\u200b\u200c\u200d\u2060\ufeff"
# A flood from one customer: past STAFF_RELAYS_PER_MINUTE messages relayed within HOLD_FOR,
# the rest are held (kept in the history) and rounded up in one message per complaint once
# HOLD_FOR has passed.
HOLD_FOR = timedelta(minutes=1)
ROUNDUP_BATCH = 20
CAPTIONED = ("photo", "document", "video", "voice", "audio", "animation")
OPENERS = ("text", "photo", "document", "video", "voice", "audio")
CAPTION_LIMIT = 1024


async def from_customer(
    tx: Tx, complaints: Complaints, customer: Customer, message: ChatMessage
) -> Complaint | None:
    """A customer's message outside a survey: to their open complaint, else it opens one.

    None: it reaches nobody (a kind the bot cannot pass on, or a sticker or a location alone,
    which do not open a complaint)."""
    if message.kind is None:
        return None
    complaint = await tx.complaints.active_for(customer.id)
    if complaint is not None:
        return await to_complaint(tx, complaints, customer, complaint, message)
    if not opens_one(message):
        return None
    return await opening(tx, complaints, customer, message)


def opens_one(message: ChatMessage) -> bool:
    """Whether the message can open a complaint: words, or media that show something (a
    sticker or a location alone says too little for a person to act on)."""
    return message.kind in OPENERS


async def opening(
    tx: Tx, complaints: Complaints, customer: Customer, message: ChatMessage
) -> Complaint:
    """The message opens a complaint (the customer has none open; `opens_one` holds)."""
    kind, words = message.kind, message.words
    assert kind is not None  # opens_one said so
    complaint = await open_complaint(
        tx,
        complaints,
        customer,
        ComplaintSource.MESSAGE,
        card_due=complaints.core.now(),
        text=clip(words, TEXT_LIMIT) if words else None,
    )
    complaint = await _heard_through(tx, complaint, message)
    await _record(tx, complaint, customer, message, kind, words)
    await acknowledge(tx, complaints, complaint)
    await post_if_budget(tx, complaints, complaint.id)
    if kind != "text" and not complaints.staff_chat_lost:
        # the card carries the words; the photo itself follows it
        await _forward(tx, complaints, complaint, customer, message, kind, words)
    return complaint


async def to_complaint(
    tx: Tx, complaints: Complaints, customer: Customer, complaint: Complaint, message: ChatMessage
) -> Complaint:
    """The message joins the customer's open complaint (its `kind` is one the bot passes on):
    after /complaint it is the story the card waited for; else it is relayed to the staff
    chat, or held while the customer floods it or the chat is lost."""
    kind, words = message.kind, message.words
    assert kind is not None  # nothing to pass on reaches nobody: see from_customer
    complaint = await _heard_through(tx, complaint, message)
    if complaint.source == ComplaintSource.COMMAND and complaint.card_due_at is not None:
        # /complaint, then the story: it becomes the card's text and the card goes out now.
        await tx.complaints.update(
            complaint.id,
            text=clip(words, TEXT_LIMIT) if words else None,
            card_due_at=complaints.core.now(),
        )
        await _record(tx, complaint, customer, message, kind, words)
        await post_if_budget(tx, complaints, complaint.id)
        if kind != "text" and not complaints.staff_chat_lost:
            await _forward(tx, complaints, complaint, customer, message, kind, words)
        await _thank_for_the_story(tx, complaints, customer, complaint)
        return complaint
    since = complaints.core.now() - HOLD_FOR
    flooding = (
        await tx.complaints.relayed_since(complaint.id, since)
        >= complaints.config.relays_per_minute
    )
    if flooding or complaints.staff_chat_lost:
        await _record(tx, complaint, customer, message, kind, words, held=True)
        return complaint  # the roundup tells the staff chat, once HOLD_FOR has passed
    await _record(tx, complaint, customer, message, kind, words)
    await _forward(tx, complaints, complaint, customer, message, kind, words)
    return complaint


async def _heard_through(tx: Tx, complaint: Complaint, message: ChatMessage) -> Complaint:
    """Answers go where the customer last wrote: the shop's Telegram account, or the bot."""
    through = message.business_connection_id
    if complaint.business_connection_id == through:
        return complaint
    await tx.complaints.update(complaint.id, business_connection_id=through)
    return replace(complaint, business_connection_id=through)


async def _thank_for_the_story(
    tx: Tx, complaints: Complaints, customer: Customer, complaint: Complaint
) -> None:
    """After /complaint, the first message is the story: say it reached the team."""
    if customer.telegram_id is None:
        return
    t = complaints.core.translator(customer)
    text = t("complaint.story_received", number=complaint.id)
    await complaints.core.outbox.send(tx, SendMessage(chat_id=customer.telegram_id, text=text))


async def roundup_due(tx: Tx, complaints: Complaints, everything: bool = False) -> int:
    """The tick: one message per flooding complaint with the count and the latest words
    (kept while the bot cannot write to the staff chat; `everything` when it can again)."""
    if complaints.staff_chat_lost:
        return 0
    before = complaints.core.now() + (timedelta(seconds=1) if everything else -HOLD_FOR)
    due = await tx.complaints.held_back(before, 10_000 if everything else ROUNDUP_BATCH)
    for complaint_id, count, kind, text in due:
        complaint = await tx.complaints.get(complaint_id)
        await tx.complaints.release_held(complaint_id)
        if complaint is None:
            continue
        customer = await tx.customers.get(complaint.customer_id)
        header = f"💬 #{complaint.id} · {customer_label(complaints.staff_t, customer)}"
        latest = escaped(text, 500) if text else f"[{kind}]"
        body = complaints.staff_t("complaint.relay.roundup", count=count, latest=latest)
        await to_staff_about(
            tx, complaints, complaint, f"{header}\n{body}", priority=Priority.RELAY
        )
    return len(due)


async def _record(
    tx: Tx,
    complaint: Complaint,
    customer: Customer,
    message: ChatMessage,
    kind: str,
    words: str | None,
    held: bool = False,
) -> None:
    await tx.complaints.add_message(
        complaint.id,
        Direction.FROM_CUSTOMER,
        customer.telegram_id,
        kind,
        words,
        chat_id=message.chat_id,
        message_id=message.message_id,
        held=held,
    )


async def _forward(
    tx: Tx,
    complaints: Complaints,
    complaint: Complaint,
    customer: Customer,
    message: ChatMessage,
    kind: str,
    words: str | None,
) -> None:
    header = f"💬 #{complaint.id} · {customer_label(complaints.staff_t, customer)}"
    if kind != "text" and message.business_connection_id is not None:
        # A message in the account's chat cannot be copied: its media go by file id.
        await _forward_again(tx, complaints, complaint, message, header)
        return
    if kind == "text":
        text = f"{header}\n{escaped(words or '', TEXT_LIMIT - len(header) - 1)}"
        method: SendMessage | CopyMessage = SendMessage(
            chat_id=complaints.staff_chat_id, text=text, parse_mode="HTML"
        )
    else:
        caption: str | None = None
        if kind in CAPTIONED:
            room = CAPTION_LIMIT - len(header) - 1
            caption = f"{header}\n{escaped(words, room)}" if words else header
        method = CopyMessage(
            chat_id=complaints.staff_chat_id,
            from_chat_id=message.chat_id,
            message_id=message.message_id,
            caption=caption,
            parse_mode="HTML" if caption else None,
        )
    await send_about(
        tx, complaints, complaint, method, priority=Priority.RELAY, purpose=Purpose.STAFF_LINK
    )


async def _forward_again(
    tx: Tx, complaints: Complaints, complaint: Complaint, message: ChatMessage, header: str
) -> None:
    words = message.words
    caption = f"{header}\n{escaped(words, CAPTION_LIMIT - len(header) - 1)}" if words else header
    method = account.resend(message, complaints.staff_chat_id, caption, parse_mode="HTML")
    if method is None:  # a location: the card or the header says there was one
        method = SendMessage(
            chat_id=complaints.staff_chat_id, text=f"{header}\n[{message.kind}]", parse_mode="HTML"
        )
    await send_about(
        tx, complaints, complaint, method, priority=Priority.RELAY, purpose=Purpose.STAFF_LINK
    )


async def from_staff(
    tx: Tx, complaints: Complaints, complaint: Complaint, message: ChatMessage
) -> str | None:
    """A staff message about the complaint: a note goes into its history only; anything else
    takes the complaint if nobody has (answering is working on it) and reaches the customer
    (a saved reply chosen in inline mode in the customer's language, filled in). Returns a
    problem to tell the staff chat, if any."""
    kind, words = message.kind or "text", message.words
    author = message.author.id if message.author else None
    name = clip(message.author.name, 64) if message.author else None
    if is_note(words) or await _answers_a_note(tx, message):
        await tx.complaints.add_message(
            complaint.id,
            Direction.NOTE,
            author,
            kind,
            words,
            chat_id=message.chat_id,
            message_id=message.message_id,
            sender_name=name,
        )
        return None
    if words and _via_this_bot(complaints, message):
        reply = await saved.by_text(tx, words)
        if reply is not None:
            return await saved.send_saved(tx, complaints, complaint, message, reply.name)

    def copy(chat_id: int) -> CopyMessage:
        return CopyMessage(
            chat_id=chat_id, from_chat_id=message.chat_id, message_id=message.message_id
        )

    return await to_customer(tx, complaints, complaint, message, copy, kind, words)


async def _answers_a_note(tx: Tx, message: ChatMessage) -> bool:
    """A reply to a note is the team talking about it: a note too, with or without "!"."""
    if message.reply_to is None:
        return False
    return await tx.complaints.by_note(message.chat_id, message.reply_to) is not None


def is_note(words: str | None) -> bool:
    """Text or a caption starting with "!", also after spaces or invisible characters a
    keyboard may put first: a note must never reach the customer by a typing accident."""
    return bool(words) and str(words).lstrip(INVISIBLE).startswith(NOTE_MARK)


def _via_this_bot(complaints: Complaints, message: ChatMessage) -> bool:
    """Sent through this bot's inline mode (a saved reply picked from `@bot …`)."""
    ours = complaints.core.learned.bot_username.casefold()
    return message.via_bot is not None and message.via_bot.casefold() == ours


async def on_reply_failed(complaints: Complaints, tx: Tx, complaint_id: int, error: str) -> None:
    """A staff reply could not be delivered (blocked, deleted account...): say so in the chat."""
    complaint = await tx.complaints.get(complaint_id)
    if complaint is None:
        return
    known = account.refusal_key(error)
    if known is not None:  # Telegram's limits on answering from the shop's account
        text = complaints.staff_t(known, number=complaint.id)
    else:
        text = complaints.staff_t(
            "complaint.relay.failed", number=complaint.id, error=escaped(error, 300)
        )
    await to_staff_about(tx, complaints, complaint, text)

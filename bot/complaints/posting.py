"""Cards in the staff chat: posting them (with a forum topic each), refreshing them, storms.

A card is due when `complaints.card_due_at` has passed; queuing it clears that mark in the same
transaction, so every complaint reaches the staff chat exactly once, as its own card (a few
more than STORM_CARDS_PER_MINUTE wait for the budget) or, when many arrive at once (more than a
minute's budget), inside a summary message with a button per complaint that opens its full
card on demand. Messages about a complaint wait for its card and go where it is.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from aiogram.methods import (
    CreateForumTopic,
    EditForumTopic,
    EditMessageText,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import InlineKeyboardMarkup, ReplyParameters

from bot.chatevents import thread_trouble
from bot.complaints import account
from bot.complaints.cards import (
    SUMMARY_BUTTONS,
    CardView,
    by_length,
    card_markup,
    card_text,
    load_view,
    summary_line,
    summary_markup,
    topic_title,
)
from bot.complaints.config import Complaints
from bot.i18n import TEXT_LIMIT, Translator, moment_words
from bot.outbox.codec import message_id_of
from bot.outbox.service import Priority
from bot.surveys.rules import Category, category
from bot.when import Closing
from storage.db import Tx
from storage.models import Complaint
from storage.states import CardMode, Channel, ComplaintSource, Deadline, Purpose, SurveyStatus

log = logging.getLogger(__name__)

MAIN_THREAD: dict[str, Any] = {"message_thread_id": None, "reply_parameters": None}
SUMMARY_WAIT = timedelta(seconds=20)  # in a storm, let a summary gather this long
BATCH = 50  # per transaction, short enough not to keep a button press waiting (see timeline)


async def to_staff_about(
    tx: Tx,
    complaints: Complaints,
    complaint: Complaint,
    text: str,
    *,
    priority: Priority = Priority.NORMAL,
    reply_markup: InlineKeyboardMarkup | None = None,
    purpose: Purpose | None = None,
) -> int:
    """An HTML message about `complaint` in the staff chat, where staff look for it (see
    `send_about`). A `purpose` hook gets the complaint's id."""
    method = SendMessage(
        chat_id=complaints.staff_chat_id,
        text=text,
        parse_mode="HTML",
        reply_markup=reply_markup,
    )
    return await send_about(tx, complaints, complaint, method, priority=priority, purpose=purpose)


async def send_about(
    tx: Tx,
    complaints: Complaints,
    complaint: Complaint,
    method: TelegramMethod[Any],
    *,
    priority: Priority,
    purpose: Purpose | None = None,
) -> int:
    """Queue a message about `complaint` for the staff chat in its place there (`staff_place`);
    before its card is out, it waits and follows the card (nothing about a complaint lands
    where staff cannot tell what it belongs to). A `purpose` hook gets the complaint's id."""
    now = await tx.complaints.get(complaint.id)  # as it is now, not as the caller read it
    place = staff_place(now or complaint)
    outbox = complaints.core.outbox
    if place is None:
        return await outbox.hold(
            tx, method, until=complaint.id, priority=priority, purpose=purpose
        )
    ref = complaint.id if purpose is not None else None
    return await outbox.send(
        tx, method.model_copy(update=place), priority=priority, purpose=purpose, ref=ref
    )


def staff_place(complaint: Complaint) -> dict[str, Any] | None:
    """Where a message about the complaint goes: its topic, else as a reply to its card, else
    (only a line of a storm summary) the main thread; None while its card is still to come."""
    if complaint.topic_thread_id is not None:
        return {"message_thread_id": complaint.topic_thread_id, "reply_parameters": None}
    if complaint.card_message_id is not None:
        card = ReplyParameters(
            message_id=complaint.card_message_id, allow_sending_without_reply=True
        )
        return {"message_thread_id": None, "reply_parameters": card}
    if complaint.card_mode == CardMode.SUMMARY:
        return MAIN_THREAD
    return None


async def follow_card(tx: Tx, complaints: Complaints, complaint_id: int) -> int:
    """What waited for the complaint's card goes out now, to where the card is."""
    complaint = await tx.complaints.get(complaint_id)
    place = staff_place(complaint) if complaint is not None else None
    return await complaints.core.outbox.release(tx, complaint_id, place or MAIN_THREAD)


def cards_per_minute(complaints: Complaints) -> int:
    """Cards the staff chat gets a minute before more wait (at least one: a lone complaint
    always gets its card)."""
    return max(1, complaints.config.storm_cards_per_minute)


def is_storm(waiting: int, per_minute: int) -> bool:
    """Many complaints at once: more cards waiting than the budget frees in a minute, never a
    lone one. Fewer wait for the budget and go out as cards."""
    return waiting > max(1, per_minute)


async def budget(tx: Tx, complaints: Complaints) -> int:
    """Cards the staff chat may still get this minute (none while the bot cannot write there:
    they wait, and go out coalesced when it is back). Only cards count: the bot's answers to
    staff and relays are paced by the sender within the group's limit, ahead of or after the
    cards by priority."""
    if complaints.staff_chat_lost:
        return 0
    recent = await tx.complaints.cards_to_chat_since(complaints.staff_chat_id, time.time() - 60)
    return cards_per_minute(complaints) - recent


async def post_if_budget(tx: Tx, complaints: Complaints, complaint_id: int) -> bool:
    """Post a due card now if the chat has room; otherwise the tick posts it shortly."""
    if await budget(tx, complaints) < 1:
        return False
    await post_card(tx, complaints, complaint_id)
    return True


async def post_due(tx: Tx, complaints: Complaints) -> int:
    """The tick: post due cards while there is room (a few more wait for it), or, when many
    wait at once (a storm), one summary per 25."""
    now = complaints.core.now()
    if complaints.staff_chat_lost:
        return 0
    due = await tx.complaints.cards_due(now, BATCH)
    if not due:
        return 0
    if not is_storm(len(due), cards_per_minute(complaints)):
        room = max(0, await budget(tx, complaints))
        for complaint in due[:room]:  # the oldest first; the rest wait for the budget
            await post_card(tx, complaints, complaint.id)
        return min(room, len(due))
    posted = 0
    while due:
        chunk, due = due[:SUMMARY_BUTTONS], due[SUMMARY_BUTTONS:]
        oldest = chunk[0].card_due_at or now
        if len(chunk) < SUMMARY_BUTTONS and now - oldest < SUMMARY_WAIT:
            break  # a storm is building: let this summary fill up a little longer
        await _post_summary(tx, complaints, chunk)
        posted += len(chunk)
    return posted


async def post_card(tx: Tx, complaints: Complaints, complaint_id: int) -> None:
    """Queue the complaint's card (first its topic, in a forum); announce it to the customer."""
    view = await load_view(tx, complaint_id)
    if view is None:
        return
    c = view.complaint
    first = c.card_due_at is not None
    await tx.complaints.update(c.id, card_due_at=None, card_mode=CardMode.CARD)
    if complaints.forum and c.topic_thread_id is None:
        await complaints.core.outbox.send(
            tx,
            CreateForumTopic(chat_id=complaints.staff_chat_id, name=topic_title(complaints, view)),
            priority=Priority.NORMAL,
            purpose=Purpose.TOPIC,
            ref=c.id,
        )
    else:
        await _send_card(tx, complaints, view, c.topic_thread_id)
    if first:
        await announce(tx, complaints, c)


async def _send_card(tx: Tx, complaints: Complaints, view: CardView, thread: int | None) -> None:
    await complaints.core.outbox.send(
        tx,
        SendMessage(
            chat_id=complaints.staff_chat_id,
            message_thread_id=thread,
            text=card_text(complaints, view),
            parse_mode="HTML",
            reply_markup=card_markup(complaints.staff_t, view.complaint),
        ),
        priority=Priority.NORMAL,
        purpose=Purpose.CARD,
        ref=view.complaint.id,
    )


async def relist(tx: Tx, complaints: Complaints, listed: list[Complaint]) -> None:
    """Summaries again for complaints whose summary the staff can no longer use (the group
    moved): the customers were told already."""
    for start in range(0, len(listed), SUMMARY_BUTTONS):
        await _post_summary(tx, complaints, listed[start : start + SUMMARY_BUTTONS], again=True)


async def _post_summary(
    tx: Tx, complaints: Complaints, due: list[Complaint], again: bool = False
) -> None:
    """One summary per message-full of complaints, each with the buttons of those it lists."""
    listed: list[tuple[int, str]] = []
    for complaint in due:
        view = await load_view(tx, complaint.id)
        if view is not None:
            listed.append((complaint.id, summary_line(complaints, view)))
        await tx.complaints.update(complaint.id, card_due_at=None, card_mode=CardMode.SUMMARY)
        if not again:
            await announce(tx, complaints, complaint)
    hint = complaints.staff_t("complaint.summary.hint")
    frame = len(complaints.staff_t("complaint.summary.title", count=len(due))) + len(hint) + 2
    for group in by_length([line for _, line in listed], TEXT_LIMIT - frame):
        ids = [listed[i][0] for i in group]
        title = complaints.staff_t("complaint.summary.title", count=len(ids))
        text = "\n".join([title, *(listed[i][1] for i in group), hint])
        await complaints.core.outbox.send(
            tx,
            SendMessage(
                chat_id=complaints.staff_chat_id,
                text=text,
                parse_mode="HTML",
                reply_markup=summary_markup(complaints.staff_t, ids),
            ),
            priority=Priority.NORMAL,
        )
    for complaint in due:  # no card of their own: what waited goes to the main thread
        await follow_card(tx, complaints, complaint.id)


async def announce(tx: Tx, complaints: Complaints, complaint: Complaint) -> None:
    """Tell a low-score customer that a person will answer, and by when (others were told
    when they wrote: their complaint opened with their message; one whose survey ended in
    their chat, in its closing message: `closing_for`)."""
    if complaint.source != ComplaintSource.LOW_SCORE:
        return
    if await _told_in_closing(tx, complaint):
        return
    await acknowledge(tx, complaints, complaint)


async def _told_in_closing(tx: Tx, complaint: Complaint) -> bool:
    if complaint.survey_id is None:
        return False
    survey = await tx.surveys.get(complaint.survey_id)
    return (
        survey is not None
        and survey.status == SurveyStatus.ANSWERED
        and survey.channel != Channel.WEB  # a web page's thanks do not say the deadline
    )


async def closing_for(complaints: Complaints, tx: Tx, survey_id: int) -> Closing:
    """Before an answer in the customer's chat (`When.survey_closing`): if it finishes the
    survey, its thanks tell the complaint its answers opened (number, by when) in one
    message, unless its card went out before and the customer was told then."""
    before = await tx.complaints.for_survey(survey_id)
    told = before is not None and before.card_mode is not None  # `announce` said it then

    async def words(tx: Tx, t: Translator) -> str | None:
        complaint = await tx.complaints.for_survey(survey_id)
        if told or complaint is None or complaint.source != ComplaintSource.LOW_SCORE:
            return None
        opened = await _opened_key(tx, complaint)
        key = "survey.thanks.complaint_answer" if opened.endswith("survey_answer") else None
        return await _deadline_text(tx, complaints, complaint, t, key or "survey.thanks.complaint")

    return words


async def acknowledge(tx: Tx, complaints: Complaints, complaint: Complaint) -> None:
    """The customer learns their complaint's number and when someone takes it: from the shop's
    Telegram account when they wrote there (if it may answer them), else from the bot."""
    customer = await tx.customers.get(complaint.customer_id)
    if customer is None or customer.telegram_id is None:
        return
    through = complaint.business_connection_id
    if customer.unreachable_at and through is None:
        return
    if await account.cannot_answer(tx, complaint, complaints.core.now()):
        return  # the card says so when staff answer; nobody needs to hear it twice
    t = complaints.core.translator(customer)
    text = await _deadline_text(tx, complaints, complaint, t, await _opened_key(tx, complaint))
    said = SendMessage(chat_id=customer.telegram_id, text=text)
    await complaints.core.outbox.send(tx, account.on_behalf(said, through))


async def _deadline_text(
    tx: Tx, complaints: Complaints, complaint: Complaint, t: Translator, key: str
) -> str:
    """`key`'s text with the complaint's number and by when a person takes it."""
    customer = await tx.customers.get(complaint.customer_id)
    zone = complaints.core.zone_of(customer) if customer is not None else complaints.core.tz
    steps = {step.step: step for step in await tx.complaints.steps(complaint.id)}
    take = steps[Deadline.TAKE].due_at if Deadline.TAKE in steps else None
    now = complaints.core.now()
    return t(key, number=complaint.id, at=moment_words(t, take or now, now, zone))


async def _opened_key(tx: Tx, complaint: Complaint) -> str:
    """What the customer is told: "sorry it was not good" after a detractor's score; an
    answer the owner made a complaint (a long wait, say) from anyone else is thanked for."""
    if complaint.source == ComplaintSource.LOW_SCORE and complaint.survey_id is not None:
        survey = await tx.surveys.get(complaint.survey_id)
        if survey is not None and (
            survey.nps is None or category(survey.nps) != Category.DETRACTOR
        ):
            return "complaint.opened.survey_answer"
    return f"complaint.opened.{complaint.source}"


async def refresh(tx: Tx, complaints: Complaints, complaint_id: int) -> None:
    """The card (and topic title) show the complaint as it is now."""
    view = await load_view(tx, complaint_id)
    if view is None:
        return
    c = view.complaint
    if c.card_chat_id is not None and c.card_message_id is not None:
        await complaints.core.outbox.send(
            tx,
            EditMessageText(
                chat_id=c.card_chat_id,
                message_id=c.card_message_id,
                text=card_text(complaints, view),
                parse_mode="HTML",
                reply_markup=card_markup(complaints.staff_t, c),
            ),
            priority=Priority.NORMAL,
            purpose=Purpose.CARD_EDIT,
            ref=c.id,
        )
    if c.topic_thread_id is not None:
        await complaints.core.outbox.send(
            tx,
            EditForumTopic(
                chat_id=complaints.staff_chat_id,
                message_thread_id=c.topic_thread_id,
                name=topic_title(complaints, view),
            ),
            priority=Priority.NORMAL,
        )


# -- outbox hooks -----------------------------------------------------------------------------
async def on_card_sent(complaints: Complaints, tx: Tx, complaint_id: int, result: object) -> None:
    message_id = message_id_of(result)
    if message_id is None:
        return
    await tx.complaints.update(
        complaint_id, card_chat_id=complaints.staff_chat_id, card_message_id=message_id
    )
    await tx.complaints.link_staff_message(complaints.staff_chat_id, message_id, complaint_id)
    await follow_card(tx, complaints, complaint_id)


async def on_card_failed(complaints: Complaints, tx: Tx, complaint_id: int, error: str) -> None:
    """A card Telegram refused because the bot cannot write to the chat waits until it can;
    any other refusal is logged (the complaint is in /open and its History either way)."""
    if complaints.staff_chat_lost or error.startswith(("403", "chat unreachable")):
        await tx.complaints.update(complaint_id, card_due_at=complaints.core.now())
        return
    if thread_trouble(error):
        return  # its topic is closed or gone: it gets a new one (see `topics`)
    log.error("the card of complaint #%s was refused: %s", complaint_id, error)
    await follow_card(tx, complaints, complaint_id)  # what waited for it: in the main thread


async def on_card_edit_failed(
    complaints: Complaints, tx: Tx, complaint_id: int, error: str
) -> None:
    """Someone deleted the card: the complaint's state matters, so a fresh card is posted (in
    its topic, if it has one) and becomes the one replies and edits go to."""
    if "message to edit not found" not in error.lower():
        return
    complaint = await tx.complaints.get(complaint_id)
    if complaint is None or complaint.card_message_id is None:
        return
    await tx.complaints.update(complaint_id, card_chat_id=None, card_message_id=None)
    await post_card(tx, complaints, complaint_id)


async def on_topic_created(
    complaints: Complaints, tx: Tx, complaint_id: int, result: object
) -> None:
    thread = result.get("message_thread_id") if isinstance(result, dict) else None
    view = await load_view(tx, complaint_id)
    if view is None or not isinstance(thread, int):
        return
    await tx.complaints.update(complaint_id, topic_thread_id=thread)
    await _send_card(tx, complaints, view, thread)


async def on_topic_failed(complaints: Complaints, tx: Tx, complaint_id: int, error: str) -> None:
    """No topic (the bot may not manage topics): the card goes to the chat's main thread."""
    view = await load_view(tx, complaint_id)
    if view is not None:
        await _send_card(tx, complaints, view, None)


async def on_staff_message(
    complaints: Complaints, tx: Tx, complaint_id: int, result: object
) -> None:
    message_id = message_id_of(result)
    if message_id is not None:
        await tx.complaints.link_staff_message(complaints.staff_chat_id, message_id, complaint_id)

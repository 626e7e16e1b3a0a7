"""A complaint's life as staff and customers move it: take, resolve, history, and the closed
loop (the customer's "was it resolved?"). Not to be confused with corrective actions (cause and
what was done, `corrective.py`) or the owners' `/actions` (the fixes the business owes).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from aiogram.methods import SendMessage
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.complaints import account, corrective, events, ladder, onpage
from bot.complaints.callbacks import ResolutionPress, StaffAction
from bot.complaints.cards import corrective_lines, escaped
from bot.complaints.config import Complaints
from bot.complaints.posting import post_card, refresh, to_staff_about
from bot.i18n import TEXT_LIMIT, Translator, clip
from bot.incoming import Actor
from storage.db import Tx
from storage.models import Complaint, Customer
from storage.states import (
    COMPLAINT_WORKED,
    STAFF_DEADLINES,
    CardMode,
    ComplaintStatus,
    Deadline,
    Direction,
)

HISTORY_LINES = 40
EARLIER_SHOWN = 5  # the customer's complaints before this one, in History


@dataclass(frozen=True)
class Answer:
    alert: str | None = None  # shown to whoever pressed; None: a silent acknowledgement


async def staff_press(
    tx: Tx, complaints: Complaints, who: Actor, action: StaffAction, complaint_id: int
) -> Answer:
    """A card's button; Assign is `assigning.menu` (its list needs the staff chat's
    administrators, which the handler asks Telegram for)."""
    complaint = await tx.complaints.get(complaint_id)
    act = _ACTIONS.get(action)
    if complaint is None or act is None:
        return Answer(complaints.staff_t("button.stale"))
    return await act(tx, complaints, who, complaint)


async def take(tx: Tx, complaints: Complaints, who: Actor, c: Complaint) -> Answer:
    if c.status != ComplaintStatus.OPEN:
        if c.taken_by == who.id:
            return Answer(complaints.staff_t("complaint.alert.yours", number=c.id))
        holder = c.taken_by_name or complaints.staff_t("complaint.sla.nobody")
        return Answer(
            complaints.staff_t(f"complaint.alert.already_{c.status}", number=c.id, name=holder)
        )
    await _assign(tx, complaints, who, c)
    await refresh(tx, complaints, c.id)
    await account.mark_read(tx, complaints.core.outbox, c, complaints.core.now())
    return Answer(complaints.staff_t("complaint.alert.taken", number=c.id))


async def _assign(tx: Tx, complaints: Complaints, who: Actor, c: Complaint) -> None:
    """Whoever takes a complaint holds it, whoever it was assigned to."""
    name = clip(who.name, 64)
    await events.set_status(
        tx,
        c.id,
        ComplaintStatus.TAKEN,
        complaints.core.now(),
        taken_by=who.id,
        taken_by_name=name,
        taken_at=c.taken_at or complaints.core.now(),
        assignee_id=who.id,
        assignee_name=name,
    )


async def take_by_reply(tx: Tx, complaints: Complaints, who: Actor, c: Complaint) -> None:
    """Answering an untaken complaint takes it: the take clock has done its job."""
    if c.status == ComplaintStatus.OPEN:
        await _assign(tx, complaints, who, c)
        await refresh(tx, complaints, c.id)


async def resolve(tx: Tx, complaints: Complaints, who: Actor, c: Complaint) -> Answer:
    if c.status not in COMPLAINT_WORKED:
        return Answer(
            complaints.staff_t(f"complaint.alert.already_{c.status}", number=c.id, name="")
        )
    if c.status == ComplaintStatus.OPEN:
        await _assign(tx, complaints, who, c)
    now = complaints.core.now()
    await events.set_status(tx, c.id, ComplaintStatus.RESOLVED, now, resolved_at=now)
    await corrective.ask(tx, complaints, c.id)
    await refresh(tx, complaints, c.id)
    customer = await tx.customers.get(c.customer_id)
    way = None if customer is None else await account.route(tx, c, customer, now)
    if way is None and await onpage.followed(tx, c, customer):
        await onpage.ask(tx, complaints, c, now)
        return Answer(complaints.staff_t("complaint.alert.resolved", number=c.id))
    if customer is None or way is None:
        await close(tx, c.id, None, complaints)  # nobody to ask: resolved is as far as it goes
        await refresh(tx, complaints, c.id)
        return Answer(complaints.staff_t("complaint.alert.resolved_unasked", number=c.id))
    await _ask_customer(tx, complaints, customer, c, way)
    # Unanswered, the question lapses like a survey does, and the complaint closes itself.
    lapse = now + complaints.config.confirm_within
    await tx.complaints.set_step(c.id, Deadline.CONFIRM, lapse, started_at=now)
    return Answer(complaints.staff_t("complaint.alert.resolved", number=c.id))


async def _ask_customer(
    tx: Tx, complaints: Complaints, customer: Customer, c: Complaint, way: account.Route
) -> None:
    """Asked where the customer can read it: the shop's account they wrote to, or the bot
    (the answer, a press or words, is taken alike from either chat)."""
    t = complaints.core.translator(customer)
    assert customer.telegram_id is not None

    def button(answer: str) -> InlineKeyboardButton:
        data = ResolutionPress(complaint_id=c.id, answer=answer).pack()
        return InlineKeyboardButton(text=t(f"complaint.resolved.{answer}"), callback_data=data)

    asked = SendMessage(
        chat_id=customer.telegram_id,
        text=t("complaint.resolved.question", number=c.id),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button("yes"), button("no")]]),
    )
    await complaints.core.outbox.send(tx, account.on_behalf(asked, way.through))


async def history(tx: Tx, complaints: Complaints, who: Actor, c: Complaint) -> Answer:
    """The customer's story in messages: their earlier complaints (number, when, how each
    ended, what was said), then this one's; the latest lines when it is long."""
    staff_t = complaints.staff_t
    lines = [staff_t("complaint.history.title", number=c.id)]
    earlier = await tx.complaints.earlier_of(c.customer_id, c.id, EARLIER_SHOWN)
    for before in earlier:
        lines.append(_heading(complaints, before))
        lines += await _said(tx, complaints, before.id)
    if earlier:
        lines.append(_heading(complaints, c))
    said = await _said(tx, complaints, c.id)
    lines += said or [staff_t("complaint.history.empty")]
    record = await tx.corrective.get(c.id)
    if record is not None and c.status not in COMPLAINT_WORKED:
        lines += corrective_lines(complaints, record)  # what was done about it
    lines = [lines[0], *lines[1:][-HISTORY_LINES:]]
    text = "\n".join(lines)
    while len(text) > TEXT_LIMIT - 2 and len(lines) > 2:  # keep the latest: drop from the top
        del lines[1]
        text = "\n".join(lines)
    await to_staff_about(tx, complaints, c, text)
    return Answer()


def _heading(complaints: Complaints, c: Complaint) -> str:
    """— #7 · 02.11.2026 10:15 CET · closed, confirmed resolved —"""
    staff_t = complaints.staff_t
    state = staff_t("complaint.status." + c.status)
    if c.status == ComplaintStatus.CLOSED and c.resolution_satisfied == 1:
        state += ", " + staff_t("complaint.history.confirmed")
    return f"— #{c.id} · {complaints.core.local(c.created_at)} · {state} —"


async def _said(tx: Tx, complaints: Complaints, complaint_id: int) -> list[str]:
    staff_t = complaints.staff_t
    lines = []
    for entry in await tx.complaints.messages(complaint_id):
        at = entry.created_at
        words = escaped(entry.text, 300) if entry.text else f"[{entry.kind}]"
        said = staff_t(f"complaint.history.{entry.direction}")
        if entry.sender_name and entry.direction == Direction.NOTE:
            said = staff_t("complaint.history.note_by", name=escape(entry.sender_name))
        elif entry.sender_name:
            said = escape(entry.sender_name)
        lines.append(f"{complaints.core.local(at)} {said}: {words}")
    return lines


async def card(tx: Tx, complaints: Complaints, who: Actor, c: Complaint) -> Answer:
    """A button under a storm summary: the complaint's full card, on demand."""
    if c.card_mode == CardMode.CARD and c.card_message_id is not None:
        return Answer(complaints.staff_t("complaint.alert.card_exists", number=c.id))
    await post_card(tx, complaints, c.id)
    return Answer()


async def back(tx: Tx, complaints: Complaints, who: Actor, c: Complaint) -> Answer:
    """Under the list of staff: the card's own buttons again."""
    await refresh(tx, complaints, c.id)
    return Answer()


_ACTIONS = {
    StaffAction.TAKE: take,
    StaffAction.RESOLVE: resolve,
    StaffAction.HISTORY: history,
    StaffAction.CARD: card,
    StaffAction.BACK: back,
}


async def resolution_answer(
    tx: Tx,
    complaints: Complaints,
    t: Translator,
    customer: Customer,
    complaint_id: int,
    answer: str,
) -> tuple[str | None, str | None]:
    """The customer's Yes / No to "was your issue resolved?": (alert, new text of the question)."""
    c = await tx.complaints.get(complaint_id)
    if c is None or c.customer_id != customer.id or answer not in ("yes", "no"):
        return t("button.stale"), None
    if c.status != ComplaintStatus.RESOLVED:
        return t("complaint.resolved.already"), None
    if answer == "yes":
        await close(tx, c.id, 1, complaints)
        await refresh(tx, complaints, c.id)
        return None, t("complaint.resolved.thanks", number=c.id)
    await _reopen(tx, complaints, c)
    return None, t("complaint.resolved.reopened", number=c.id)


async def close(tx: Tx, complaint_id: int, satisfied: int | None, complaints: Complaints) -> None:
    now = complaints.core.now()
    await events.set_status(
        tx,
        complaint_id,
        ComplaintStatus.CLOSED,
        now,
        closed_at=now,
        resolution_satisfied=satisfied,
    )


async def _reopen(tx: Tx, complaints: Complaints, c: Complaint) -> None:
    now = complaints.core.now()
    status = ComplaintStatus.TAKEN if c.taken_by is not None else ComplaintStatus.OPEN
    await events.set_status(
        tx,
        c.id,
        status,
        now,
        resolved_at=None,
        resolution_satisfied=0,
        reopened=c.reopened + 1,
        clock_started_at=now,
    )
    reopened = await tx.complaints.get(c.id)
    assert reopened is not None
    await ladder.plan(
        tx,
        complaints,
        reopened,
        now,
        (Deadline.RESOLVE,) if status == ComplaintStatus.TAKEN else STAFF_DEADLINES,
    )
    await to_staff_about(tx, complaints, c, complaints.staff_t("complaint.reopened", number=c.id))
    await refresh(tx, complaints, c.id)

"""What staff and customers do to a complaint: take, resolve, history, and the closed loop."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.methods import SendMessage
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, User

from bot.complaints import ladder
from bot.complaints.callbacks import ResolutionPress, StaffAction
from bot.complaints.cards import clip, escaped
from bot.complaints.config import TEXT_LIMIT, ComplaintConfig
from bot.complaints.posting import in_staff_thread, post_card, refresh
from bot.i18n import Translator
from bot.outbox.service import Priority
from bot.surveys.steps import translator
from storage.db import Tx
from storage.models import Complaint, Customer
from storage.states import COMPLAINT_WORKED, STAFF_DEADLINES, ComplaintStatus, Deadline
from storage.timefmt import from_db, to_db

HISTORY_LINES = 40


@dataclass(frozen=True)
class Answer:
    alert: str | None = None  # shown to whoever pressed; None: a silent acknowledgement
    popup: bool = False


async def staff_press(
    tx: Tx, cfg: ComplaintConfig, who: User, action: StaffAction, complaint_id: int
) -> Answer:
    complaint = await tx.complaints.get(complaint_id)
    if complaint is None:
        return Answer(cfg.st("button.stale"))
    return await _ACTIONS[action](tx, cfg, who, complaint)


async def take(tx: Tx, cfg: ComplaintConfig, who: User, c: Complaint) -> Answer:
    if c.status != ComplaintStatus.OPEN:
        if c.taken_by == who.id:
            return Answer(cfg.st("complaint.alert.yours", number=c.id))
        holder = c.taken_by_name or cfg.st("complaint.sla.nobody")
        return Answer(cfg.st(f"complaint.alert.already_{c.status}", number=c.id, name=holder))
    await _assign(tx, cfg, who, c)
    await refresh(tx, cfg, c.id)
    return Answer(cfg.st("complaint.alert.taken", number=c.id))


async def _assign(tx: Tx, cfg: ComplaintConfig, who: User, c: Complaint) -> None:
    await tx.complaints.update(
        c.id,
        status=ComplaintStatus.TAKEN,
        taken_by=who.id,
        taken_by_name=clip(who.full_name, 64),
        taken_at=c.taken_at or to_db(cfg.now()),
    )


async def take_by_reply(tx: Tx, cfg: ComplaintConfig, who: User, c: Complaint) -> None:
    """Answering an untaken complaint takes it: the take clock has done its job."""
    if c.status == ComplaintStatus.OPEN:
        await _assign(tx, cfg, who, c)
        await refresh(tx, cfg, c.id)


async def resolve(tx: Tx, cfg: ComplaintConfig, who: User, c: Complaint) -> Answer:
    if c.status not in COMPLAINT_WORKED:
        return Answer(cfg.st(f"complaint.alert.already_{c.status}", number=c.id, name=""))
    if c.status == ComplaintStatus.OPEN:
        await _assign(tx, cfg, who, c)
    await tx.complaints.update(c.id, status=ComplaintStatus.RESOLVED, resolved_at=to_db(cfg.now()))
    await refresh(tx, cfg, c.id)
    customer = await tx.customers.get(c.customer_id)
    if customer is None or customer.telegram_id is None or customer.unreachable_at:
        await close(tx, c.id, None, cfg)  # nobody to ask: resolved is as far as it goes
        await refresh(tx, cfg, c.id)
        return Answer(cfg.st("complaint.alert.resolved_unasked", number=c.id))
    await _ask_customer(tx, cfg, customer, c)
    # Unanswered, the question lapses like a survey does, and the complaint closes itself.
    lapse = cfg.now() + cfg.surveys.rules.expiry
    await tx.complaints.set_step(c.id, Deadline.CONFIRM, to_db(lapse))
    return Answer(cfg.st("complaint.alert.resolved", number=c.id))


async def _ask_customer(tx: Tx, cfg: ComplaintConfig, customer: Customer, c: Complaint) -> None:
    t = translator(cfg.surveys, customer)
    assert customer.telegram_id is not None

    def button(answer: str) -> InlineKeyboardButton:
        data = ResolutionPress(complaint_id=c.id, answer=answer).pack()
        return InlineKeyboardButton(text=t(f"complaint.resolved.{answer}"), callback_data=data)

    await cfg.outbox.send(
        tx,
        SendMessage(
            chat_id=customer.telegram_id,
            text=t("complaint.resolved.question", number=c.id),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button("yes"), button("no")]]),
        ),
    )


async def history(tx: Tx, cfg: ComplaintConfig, who: User, c: Complaint) -> Answer:
    st = cfg.st
    lines = [st("complaint.history.title", number=c.id)]
    for entry in (await tx.complaints.messages(c.id))[-HISTORY_LINES:]:
        at = from_db(entry.created_at)
        words = escaped(entry.text, 300) if entry.text else f"[{entry.kind}]"
        lines.append(
            f"{cfg.local(at) if at else ''} {st('complaint.history.' + entry.direction)}: {words}"
        )
    if len(lines) == 1:
        lines.append(st("complaint.history.empty"))
    text = "\n".join(lines)
    if len(text) > TEXT_LIMIT:  # keep the latest: drop whole lines from the top
        while len(text) > TEXT_LIMIT - 2 and len(lines) > 2:
            del lines[1]
            text = "\n".join(lines)
    await cfg.outbox.send(
        tx,
        SendMessage(chat_id=cfg.staff_chat_id, text=text, parse_mode="HTML", **in_staff_thread(c)),
        priority=Priority.NORMAL,
    )
    return Answer()


async def card(tx: Tx, cfg: ComplaintConfig, who: User, c: Complaint) -> Answer:
    """A button under a storm summary: the complaint's full card, on demand."""
    if c.card_mode == "card" and c.card_message_id is not None:
        return Answer(cfg.st("complaint.alert.card_exists", number=c.id))
    await post_card(tx, cfg, c.id)
    return Answer()


_ACTIONS = {
    StaffAction.TAKE: take,
    StaffAction.RESOLVE: resolve,
    StaffAction.HISTORY: history,
    StaffAction.CARD: card,
}


async def resolution_answer(
    tx: Tx, cfg: ComplaintConfig, t: Translator, customer: Customer, complaint_id: int, answer: str
) -> tuple[str | None, str | None]:
    """The customer's Yes / No to "was your issue resolved?": (alert, new text of the question)."""
    c = await tx.complaints.get(complaint_id)
    if c is None or c.customer_id != customer.id or answer not in ("yes", "no"):
        return t("button.stale"), None
    if c.status != ComplaintStatus.RESOLVED:
        return t("complaint.resolved.already"), None
    if answer == "yes":
        await close(tx, c.id, 1, cfg)
        await refresh(tx, cfg, c.id)
        return None, t("complaint.resolved.thanks", number=c.id)
    await _reopen(tx, cfg, c)
    return None, t("complaint.resolved.reopened", number=c.id)


async def close(tx: Tx, complaint_id: int, satisfied: int | None, cfg: ComplaintConfig) -> None:
    await tx.complaints.update(
        complaint_id,
        status=ComplaintStatus.CLOSED,
        closed_at=to_db(cfg.now()),
        resolution_satisfied=satisfied,
    )


async def _reopen(tx: Tx, cfg: ComplaintConfig, c: Complaint) -> None:
    now = cfg.now()
    status = ComplaintStatus.TAKEN if c.taken_by is not None else ComplaintStatus.OPEN
    await tx.complaints.update(
        c.id,
        status=status,
        resolved_at=None,
        resolution_satisfied=0,
        reopened=c.reopened + 1,
        clock_started_at=to_db(now),
    )
    reopened = await tx.complaints.get(c.id)
    assert reopened is not None
    await ladder.plan(
        tx,
        cfg,
        reopened,
        now,
        (Deadline.RESOLVE,) if status == ComplaintStatus.TAKEN else STAFF_DEADLINES,
    )
    await cfg.outbox.send(
        tx,
        SendMessage(
            chat_id=cfg.staff_chat_id,
            text=cfg.st("complaint.reopened", number=c.id),
            parse_mode="HTML",
            **in_staff_thread(c),
        ),
        priority=Priority.NORMAL,
    )
    await refresh(tx, cfg, c.id)

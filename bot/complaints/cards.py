"""What the staff chat shows of a complaint: its card, its topic title, storm summaries (HTML)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.complaints import onpage
from bot.complaints.callbacks import StaffAction, StaffPress
from bot.complaints.causes import cause_label
from bot.complaints.config import CARD_COMMENT_LIMIT, Complaints
from bot.complaints.sla import binds
from bot.i18n import Translator, clip
from bot.localized import money
from bot.surveys.asked import Given, answer_line, given
from storage.db import Tx
from storage.models import Complaint, CorrectiveAction, Customer, Purchase, SlaStep, Survey
from storage.repos.desk import Story
from storage.states import (
    COMPLAINT_WORKED,
    STAFF_DEADLINES,
    Channel,
    ComplaintSource,
    ComplaintStatus,
)

STATUS_MARK = {
    ComplaintStatus.OPEN: "🔴",
    ComplaintStatus.TAKEN: "🟡",
    ComplaintStatus.RESOLVED: "🔵",
    ComplaintStatus.CLOSED: "🟢",
}
SUMMARY_BUTTONS = 25  # "open card" buttons under one storm summary (5 rows of 5)
FIRST_WORDS = 60  # of what the customer said, in a list's line
TOPIC_TITLE_LIMIT = 128


@dataclass(frozen=True)
class CardView:
    complaint: Complaint
    customer: Customer | None
    purchase: Purchase | None
    survey: Survey | None
    aspects: list[str]
    steps: list[SlaStep]
    corrective: CorrectiveAction | None = None
    story: Story | None = None  # the customer's earlier complaints, scores and purchases
    answers: tuple[Given, ...] = ()  # to the questions the shop designed (scales, choices)
    on_page: bool = False  # replies go to the customer's web page (they have no Telegram)


def said(complaint: Complaint, survey: Survey | None) -> str | None:
    """What the customer said: the comment of the survey whose score opened the complaint,
    else the complaint's own text."""
    return (survey.comment if survey else None) or complaint.text


async def first_words(tx: Tx, complaint: Complaint) -> str | None:
    """«The first words of what the customer said», HTML-escaped, for a list's line."""
    survey = await tx.surveys.get(complaint.survey_id) if complaint.survey_id else None
    words = said(complaint, survey)
    return f"«{escaped(words, FIRST_WORDS)}»" if words else None


async def load_view(tx: Tx, complaint_id: int) -> CardView | None:
    complaint = await tx.complaints.get(complaint_id)
    if complaint is None:
        return None
    survey = await tx.surveys.get(complaint.survey_id) if complaint.survey_id else None
    customer = await tx.customers.get(complaint.customer_id)
    return CardView(
        complaint=complaint,
        customer=customer,
        purchase=await tx.purchases.get(complaint.purchase_id) if complaint.purchase_id else None,
        survey=survey,
        aspects=await tx.surveys.aspects(survey.id) if survey else [],
        steps=await tx.complaints.steps(complaint_id),
        corrective=await tx.corrective.get(complaint_id),
        story=await tx.desk.story(complaint.customer_id, complaint.id, complaint.survey_id),
        answers=tuple(await given(tx, survey)) if survey else (),
        on_page=await onpage.followed(tx, complaint, customer),
    )


def customer_label(staff_t: Translator, customer: Customer | None) -> str:
    if customer is None or customer.forgotten_at:
        return staff_t("complaint.card.forgotten")
    name = escape(customer.shown_name or staff_t("complaint.card.no_name"))
    if aside := customer.telegram_aside:
        name = staff_t("complaint.card.telegram_name", name=name, telegram=escape(aside))
    if customer.username:
        return f"{name}, @{escape(customer.username)}"  # never nested in (…)
    return name


def card_text(complaints: Complaints, view: CardView) -> str:
    staff_t, c = complaints.staff_t, view.complaint
    lines = [
        f"{STATUS_MARK.get(c.status, '')} <b>{staff_t('complaint.card.title', number=c.id)}</b>"
        f" · {staff_t('complaint.status.' + c.status)}",
    ]
    if complaints.config.is_key(c.segment):
        lines.append(staff_t("complaint.card.key"))
    who = customer_label(staff_t, view.customer)
    if c.segment:
        who += f" · {staff_t('complaint.card.segment', segment=escape(c.segment))}"
    lines.append(staff_t("complaint.card.customer", customer=who))
    if view.story is not None and (told := story_line(staff_t, view.story)):
        lines.append(told)
    if view.purchase is not None:
        lines.append(_order_line(staff_t, view.purchase))
    scores = _scores(complaints, view)
    if scores:
        lines.append(scores)
    if view.aspects:
        labels = ", ".join(
            complaints.core.catalog.text(staff_t.language, f"aspect.{a}") for a in view.aspects
        )
        lines.append(staff_t("complaint.card.aspects", aspects=escape(labels)))
    lines += [escape(answer_line(staff_t, answer)) for answer in view.answers]
    words = said(c, view.survey)
    if words:
        lines.append(f"«{escaped(words, CARD_COMMENT_LIMIT)}»")
    lines += _source_lines(staff_t, c, view.survey)
    if view.on_page and c.status != ComplaintStatus.CLOSED:
        lines.append(staff_t("complaint.card.reply_web"))
    for step in view.steps:
        if step.step not in STAFF_DEADLINES:
            continue
        mark = " ⚠️" if step.fired_at and binds(step.step, c.status) else ""
        lines.append(
            staff_t(f"complaint.card.due.{step.step}", at=complaints.core.local(step.due_at))
            + mark
        )
    if c.taken_by_name:
        lines.append(staff_t("complaint.card.taken_by", name=escape(c.taken_by_name)))
    elif c.assignee_name and c.status == ComplaintStatus.OPEN:
        lines.append(staff_t("complaint.card.assigned_to", name=escape(c.assignee_name)))
    if c.reopened:
        lines.append(staff_t("complaint.card.reopened", times=c.reopened))
    if c.status == ComplaintStatus.CLOSED and c.resolution_satisfied == 1:
        lines.append(staff_t("complaint.card.confirmed"))
    if view.corrective is not None and c.status not in COMPLAINT_WORKED:
        lines += corrective_lines(complaints, view.corrective)  # of this resolution
    if c.status in COMPLAINT_WORKED:
        lines.append(staff_t("complaint.card.reply_hint"))
    return "\n".join(lines)


def _source_lines(staff_t: Translator, c: Complaint, survey: Survey | None) -> list[str]:
    """How it came: a customer's message to the shop's Telegram account says so instead of
    "wrote to the bot"; a complaint opened otherwise says it besides, once they write there.
    A survey answered on its web page says "via web"."""
    business = staff_t("complaint.card.source.business")
    source = "complaint.card.source." + c.source
    if c.source == ComplaintSource.LOW_SCORE and survey and survey.channel == Channel.WEB:
        source += "_web"
    if c.business_connection_id is None:
        return [staff_t(source)]
    if c.source == ComplaintSource.MESSAGE:
        return [business]
    return [staff_t(source), business]


def story_line(staff_t: Translator, story: Story) -> str | None:
    """Before: 2 complaints (1 confirmed resolved) · earlier NPS 9, 3 · 6 purchases; nothing
    for a customer with no history (one purchase, no earlier answers or complaints)."""
    parts = []
    if story.complaints:
        key = "complaint.card.story.complaints"
        parts.append(staff_t(key, count=story.complaints, confirmed=story.confirmed))
        if story.still_open:
            parts.append(staff_t("complaint.card.story.open", count=story.still_open))
    if story.scores:
        scores = ", ".join(str(n) for n in story.scores)
        parts.append(staff_t("complaint.card.story.scores", scores=scores))
    if story.purchases > 1:
        parts.append(staff_t("complaint.card.story.purchases", count=story.purchases))
    if not parts:
        return None
    return staff_t("complaint.card.story", story=" · ".join(parts))


def corrective_lines(complaints: Complaints, record: CorrectiveAction) -> list[str]:
    """What is recorded, as the question and the card show it."""
    staff_t, lines = complaints.staff_t, []
    if record.cause is not None:
        lines.append(
            staff_t(
                "corrective.line.cause",
                cause=escape(cause_label(staff_t, record.cause)),
                name=escape(record.cause_by_name or "—"),
            )
        )
    if record.action is not None:
        lines.append(
            staff_t(
                "corrective.line.action",
                action=escape(record.action),
                name=escape(record.action_by_name or "—"),
            )
        )
    if record.fix_done_at is not None:
        lines.append(
            staff_t(
                "corrective.line.fix_done",
                at=complaints.core.local(record.fix_done_at),
                name=escape(record.fix_done_by_name or "—"),
            )
        )
    elif record.fix_needed_at is not None:
        lines.append(
            staff_t(
                "corrective.line.fix_needed",
                at=complaints.core.local(record.fix_needed_at),
                name=escape(record.fix_by_name or "—"),
            )
        )
    return lines


def _order_line(staff_t: Translator, purchase: Purchase) -> str:
    parts = [staff_t("complaint.card.order", order=escape(purchase.order_id))]
    if purchase.amount:
        parts.append(escape(money(purchase.amount, purchase.currency, staff_t.language)))
    if purchase.branch:
        parts.append(staff_t("complaint.card.branch", branch=escape(purchase.branch)))
    return " · ".join(parts)


def _scores(complaints: Complaints, view: CardView) -> str:
    survey, staff_t = view.survey, complaints.staff_t
    if survey is None:
        return ""
    parts = []
    if survey.nps is not None:
        parts.append(f"NPS {survey.nps}")
    if survey.csat is not None:
        parts.append(f"CSAT {survey.csat}/5")
    if survey.expectation:
        parts.append(staff_t(f"complaint.card.expectation.{survey.expectation}"))
    return " · ".join(parts)


def by_length(lines: list[str], limit: int) -> list[list[int]]:
    """Indices of `lines` grouped so each group joined by newlines fits in `limit`: messages
    are split between whole lines, never inside a tag (a lone overlong line stays alone)."""
    groups: list[list[int]] = []
    size = limit + 1
    for index, line in enumerate(lines):
        if size + 1 + len(line) > limit:
            groups.append([])
            size = -1
        groups[-1].append(index)
        size += 1 + len(line)
    return groups


def escaped(text: str, limit: int) -> str:
    """`text` HTML-escaped in at most `limit` characters, never cutting an entity in half."""
    size = limit
    while True:
        out = escape(clip(text, size))
        if len(out) <= limit:
            return out
        size = max(1, min(size - 1, size * limit // len(out)))


def card_markup(staff_t: Translator, complaint: Complaint) -> InlineKeyboardMarkup:
    def button(action: StaffAction) -> InlineKeyboardButton:
        data = StaffPress(action=action, complaint_id=complaint.id).pack()
        return InlineKeyboardButton(text=staff_t(f"complaint.button.{action}"), callback_data=data)

    row = []
    if complaint.status == ComplaintStatus.OPEN:
        row.append(button(StaffAction.TAKE))
    if complaint.status in COMPLAINT_WORKED:
        row.append(button(StaffAction.RESOLVE))
    row.append(button(StaffAction.HISTORY))
    if complaint.status in COMPLAINT_WORKED:
        return InlineKeyboardMarkup(inline_keyboard=[row, [button(StaffAction.ASSIGN)]])
    return InlineKeyboardMarkup(inline_keyboard=[row])


def topic_title(complaints: Complaints, view: CardView) -> str:
    c, staff_t = view.complaint, complaints.staff_t
    who = "—"
    if view.customer is not None and not view.customer.forgotten_at:
        who = view.customer.shown_name or view.customer.username or "—"
    key = "⭐ " if complaints.config.is_key(c.segment) else ""
    status = staff_t("complaint.status." + c.status)
    title = f"{STATUS_MARK.get(c.status, '')} #{c.id} {key}{who} · {status}"
    return clip(title, TOPIC_TITLE_LIMIT)


def summary_line(complaints: Complaints, view: CardView) -> str:
    c = view.complaint
    key = "⭐ " if complaints.config.is_key(c.segment) else ""
    parts = [f"<b>#{c.id}</b> {key}{customer_label(complaints.staff_t, view.customer)}"]
    scores = _scores(complaints, view)
    if scores:
        parts.append(scores)
    words = quoted(view, 80)
    if words:
        parts.append(words)
    return " · ".join(parts)


def quoted(view: CardView, limit: int) -> str | None:
    """The first words of what the customer wrote (the survey's comment, else their message),
    HTML-escaped in at most `limit` characters, in quotes; None if they wrote nothing."""
    words = said(view.complaint, view.survey)
    return f"«{escaped(words, limit)}»" if words else None


def summary_markup(staff_t: Translator, complaint_ids: list[int]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            text=f"#{cid}",
            callback_data=StaffPress(action=StaffAction.CARD, complaint_id=cid).pack(),
        )
        for cid in complaint_ids[:SUMMARY_BUTTONS]
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    )


def card_link(c: Complaint) -> str | None:
    """https://t.me/c/… for a card in a supergroup (opens it for members; a basic group's
    messages have no links)."""
    chat, message = c.card_chat_id, c.card_message_id
    if chat is None or message is None or not str(chat).startswith("-100"):
        return None
    return f"https://t.me/c/{str(chat)[4:]}/{message}"

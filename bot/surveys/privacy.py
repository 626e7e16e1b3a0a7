"""/mydata and /forget_me: what we keep about a customer, and erasing it.

Erasing is one service: the person's own rows (profile, comments, complaint texts, referral
links) and the copies transport kept of them (sent messages, handled updates), all in the
transaction that answers their "Yes, erase"."""

from __future__ import annotations

import html
import json
from datetime import datetime, tzinfo

from bot.i18n import Translator, clip
from bot.surveys.asked import answer_line, given
from bot.surveys.phones import display_phone
from storage.db import Tx
from storage.models import Customer, Survey

HISTORY = 10


def names(t: Translator, customer: Customer) -> str | None:
    """The name the shop gave, and Telegram's beside it when it differs."""
    if aside := customer.telegram_aside:
        return t("complaint.card.telegram_name", name=customer.name, telegram=aside)
    return customer.shown_name


async def describe_customer(tx: Tx, t: Translator, customer: Customer, tz: tzinfo) -> str:
    """Everything kept about the person, in their language; days in the shop's time zone."""
    none = t("mydata.none")
    history = await tx.surveys.history(customer.id, HISTORY)
    lines = [
        t("mydata.header"),
        t(
            "mydata.profile",
            name=names(t, customer) or none,
            username=customer.username or none,
            phone=display_phone(customer.phone) if customer.phone else none,
            language=t.catalog.text(customer.language or t.language, "language.name"),
            segment=customer.segment or none,
            surveys=len(history) or none,
        ),
    ]
    for order_id, survey in history:
        lines.append(
            t(
                "mydata.survey",
                order=order_id,
                status=t(f"mydata.status.{survey.status}"),
                nps=none if survey.nps is None else survey.nps,
                csat=none if survey.csat is None else survey.csat,
                expectation=t(f"mydata.expectation.{survey.expectation or 'none'}"),
                comment=survey.comment or none,
            )
        )
        lines += await _answers(tx, t, survey)
    lines += await _complaints(tx, t, customer, tz)
    lines.append(t("mydata.more"))
    return "\n".join(lines)[:4000]


async def _answers(tx: Tx, t: Translator, survey: Survey) -> list[str]:
    """Under a survey's line, the answers it does not show: the aspects picked and each
    question the shop designed (every text is in the comment)."""
    lines = []
    if aspects := await tx.surveys.aspects(survey.id):
        picked = ", ".join(t.catalog.text(t.language, f"aspect.{a}") for a in aspects)
        lines.append(f"  {t('mydata.aspects', aspects=picked)}")
    return lines + [f"  {answer_line(t, answer)}" for answer in await given(tx, survey)]


async def _complaints(tx: Tx, t: Translator, customer: Customer, tz: tzinfo) -> list[str]:
    """The person's complaints (number, date, status, what they wrote) and how many messages
    they sent to support: /mydata shows everything kept about them, not only surveys."""
    none = t("mydata.none")
    lines = []
    for number, opened, status, text in await tx.privacy.complaints_of(customer.id, HISTORY):
        day = datetime.fromisoformat(opened).astimezone(tz).date()
        lines.append(
            t(
                "mydata.complaint",
                number=number,
                date=f"{day:%d.%m.%Y}",
                status=t(f"complaint.status.{status}"),
                text=clip(text, 300) if text else none,
            )
        )
    if sent := await tx.privacy.messages_from(customer.id):
        lines.append(t("mydata.messages", count=sent))
    return lines


SHORTEST = 3  # shorter words identify nobody, and would match far too much


async def erase(tx: Tx, customer: Customer, update_id: int | None = None) -> None:
    """Forget the customer everywhere; `update_id`: the update that asked (its row goes too)."""
    words = [
        customer.name,
        customer.tg_name,
        customer.username,
        customer.phone,
        customer.external_id,
    ]
    if customer.phone:
        words.append(customer.phone.removeprefix("+"))
    words += await tx.privacy.words_of(customer.id)
    complaints = await tx.privacy.complaint_ids(customer.id)
    needles = sorted({form for w in words if w and len(w) >= SHORTEST for form in _forms(w)})
    await tx.privacy.forget(customer.id)
    if customer.telegram_id is not None:
        await tx.business.forget_chats(customer.telegram_id)
    await tx.privacy.scrub(needles, customer.telegram_id, complaints, update_id)


def _forms(word: str) -> set[str]:
    """The ways a text is stored: as is, HTML-escaped (cards), inside JSON strings (payloads,
    raw updates; with or without non-ASCII escaped)."""
    forms = {word, html.escape(word)}
    for text in list(forms):
        forms.add(json.dumps(text, ensure_ascii=False)[1:-1])
        forms.add(json.dumps(text)[1:-1])
    return forms

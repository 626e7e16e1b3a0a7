"""Saved replies: texts owners and managers keep, which staff send to a customer by name.

`/saved add NAME TEXT` (or `NAME:ru`, one text per language: without one, the customers'
default language), `/saved del NAME[:LANG]` and `/saved` (the list) in a lead's private chat.
Sending picks the customer's language, else the default's, else any, and fills in `{name}`
(the customer's first name) and `{order}` (the complaint's order id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from aiogram.methods import SendMessage

from bot.complaints.config import Complaints
from bot.complaints.replying import about, to_customer
from bot.i18n import TEXT_LIMIT, Translator, clip
from bot.incoming import ChatMessage
from storage.db import Tx
from storage.models import Complaint, Customer
from storage.repos.saved import SavedReply

NAME = re.compile(r"[\w-]{1,32}")
LONGEST = 3500  # room for what {name} and {order} add, under Telegram's 4096
LISTED = 40
INLINE_RESULTS = 50
ADD = re.compile(r"add\s+(\S+)\s+(.+)", re.DOTALL | re.IGNORECASE)
DELETE = re.compile(r"del\s+(\S+)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Named:
    name: str
    language: str | None  # None: every language (del), the default one (add)


def parse_name(raw: str, languages: list[str]) -> Named | None:
    name, _, language = raw.strip().casefold().partition(":")
    if not NAME.fullmatch(name) or (language and language not in languages):
        return None
    return Named(name, language or None)


async def manage(tx: Tx, complaints: Complaints, t: Translator, by: int, args: str) -> str:
    """A lead's `/saved …`: add, delete or list; the answer (HTML)."""
    args = args.strip()
    if added := ADD.fullmatch(args):
        return (await add(tx, complaints, t, by, added[1], added[2])).text
    if removed := DELETE.fullmatch(args):
        return (await remove(tx, complaints, t, removed[1])).text
    if args:
        return t("saved.usage")
    return await listing(tx, t)


@dataclass(frozen=True)
class Done:
    changed: bool  # False: nothing changed, `text` says why
    text: str  # the answer (HTML)


async def add(
    tx: Tx, complaints: Complaints, t: Translator, by: int, name: str, text: str
) -> Done:
    """Keep `text` as the saved reply `name` (`NAME:lang` for a language other than the
    default)."""
    catalog = complaints.core.catalog
    named = parse_name(name, catalog.languages)
    if named is None:
        return Done(False, t("saved.bad_name", languages=", ".join(catalog.languages)))
    text = text.strip()
    if not text:
        return Done(False, t("saved.usage"))
    if len(text) > LONGEST:
        return Done(False, t("saved.too_long", most=LONGEST))
    reply = SavedReply(named.name, named.language or catalog.default, text)
    replaced = await tx.saved.put(reply, by, complaints.core.now())
    key = "saved.replaced" if replaced else "saved.added"
    return Done(True, t(key, name=escape(reply.name), language=reply.language))


async def remove(tx: Tx, complaints: Complaints, t: Translator, name: str) -> Done:
    """Delete `name` (every language) or `NAME:lang` (that one)."""
    named = parse_name(name, complaints.core.catalog.languages)
    gone = await tx.saved.delete(named.name, named.language) if named else 0
    if not gone:
        return Done(False, t("saved.unknown", name=escape(name)) + "\n" + await known(tx, t))
    return Done(True, t("saved.deleted", name=escape(name.strip().casefold())))


async def listing(tx: Tx, t: Translator) -> str:
    replies = await tx.saved.starting("", LISTED + 1)
    if not replies:
        return t("saved.none") + "\n" + t("saved.usage")
    lines = [t("saved.title")]
    for reply in replies[:LISTED]:
        lines.append(
            f"<b>{escape(reply.name)}</b> ({reply.language}): {escape(clip(reply.text, 80))}"
        )
    if len(replies) > LISTED:
        lines.append(t("saved.more"))
    while len("\n".join(lines)) > TEXT_LIMIT:
        del lines[-2]
    return "\n".join(lines)


async def known(tx: Tx, t: Translator) -> str:
    """The names there are, for someone who typed one that is not."""
    names = list(dict.fromkeys(r.name for r in await tx.saved.starting("", 200)))
    if not names:
        return t("saved.none")
    return t("saved.known", names=", ".join(escape(n) for n in names[:30]))


async def by_text(tx: Tx, text: str) -> SavedReply | None:
    """The saved reply whose text (in any language) is exactly `text`: what inline mode put
    into the chat for someone who picked it."""
    return next((r for r in await tx.saved.starting("", 1000) if r.text == text.strip()), None)


async def offered(tx: Tx, typed: str, default: str) -> list[tuple[str, str, list[str]]]:
    """Inline mode: (name, text in the default language or the first, languages) for each
    saved reply whose name starts with what was typed, at most 50 (Telegram's limit)."""
    prefix = typed.strip().casefold().lstrip("/")
    found: dict[str, list[SavedReply]] = {}
    for reply in await tx.saved.starting(prefix, 500):
        found.setdefault(reply.name, []).append(reply)
    out = []
    for name, replies in list(found.items())[:INLINE_RESULTS]:
        shown = choose(replies, default, default)
        assert shown is not None
        out.append((name, shown.text, [r.language for r in replies]))
    return out


def choose(replies: list[SavedReply], language: str, default: str) -> SavedReply | None:
    """The customer's language, else the default, else the first there is."""
    by_language = {r.language: r for r in replies}
    return by_language.get(language) or by_language.get(default) or next(iter(replies), None)


async def filled(tx: Tx, text: str, complaint: Complaint, customer: Customer | None) -> str:
    """`{name}` and `{order}` filled in for this complaint (empty when unknown)."""
    first = (
        (customer.shown_name or "").split(" ")[0] if customer and not customer.forgotten_at else ""
    )
    order = ""
    if complaint.purchase_id is not None:
        purchase = await tx.purchases.get(complaint.purchase_id)
        order = purchase.order_id if purchase else ""
    if not first:  # "Hi {name}, ..." reads "Hi, ..."
        text = re.sub(r" ?\{name\}", "", text).lstrip(", ")
    if not order:  # "for order {order} today" reads "for order today"
        text = re.sub(r"[ \t]*\{order\}", "", text)
    out = text.replace("{name}", first).replace("{order}", order)
    return clip(out.strip(), TEXT_LIMIT)


async def by_command(tx: Tx, complaints: Complaints, said: ChatMessage, args: str) -> str:
    """`/saved NAME` in the staff chat, as a reply to a card or in a topic: that saved reply
    to the customer (the command itself never); the answer for the staff chat (HTML)."""
    staff_t = complaints.staff_t
    typed = args.split()
    named = parse_name(typed[0].split(":")[0], []) if typed else None
    replies = await tx.saved.named(named.name) if named else []
    if not replies:
        unknown = staff_t("saved.unknown", name=escape(typed[0])) + "\n" if typed else ""
        return unknown + await known(tx, staff_t)
    assert named is not None
    complaint = await about(tx, said, command=True)
    if complaint is None:
        return staff_t("saved.where")
    problem = await send_saved(tx, complaints, complaint, said, named.name)
    return problem or staff_t("saved.sent", name=escape(named.name), number=complaint.id)


async def send_saved(
    tx: Tx, complaints: Complaints, complaint: Complaint, message: ChatMessage, name: str
) -> str | None:
    """The saved reply `name`, in the customer's language, filled in, to the customer."""
    customer = await tx.customers.get(complaint.customer_id)
    language = complaints.core.translator(customer).language if customer else ""
    reply = choose(await tx.saved.named(name), language, complaints.core.catalog.default)
    if reply is None:
        return None
    text = await filled(tx, reply.text, complaint, customer)

    def send(chat_id: int) -> SendMessage:
        return SendMessage(chat_id=chat_id, text=text)

    return await to_customer(tx, complaints, complaint, message, send, "text", text)

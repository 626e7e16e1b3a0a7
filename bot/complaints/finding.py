"""/find in the staff chat: complaints by number, order id, customer name, phone or the words
they wrote, newest first, each linked to its card; and the index built for complaints stored
before search existed."""

from __future__ import annotations

import logging
from dataclasses import replace
from html import escape

from bot.complaints.cards import STATUS_MARK, card_link, customer_label, first_words
from bot.complaints.config import Complaints
from bot.i18n import TEXT_LIMIT, clip
from bot.jobs import JobContext, job
from bot.themes import stored
from bot.themes.definitions import Theme
from storage.db import Tx
from storage.search import Query

log = logging.getLogger(__name__)

SHOWN = 10
# Complaints below this id are still to be indexed. A new name whenever the index holds more
# of a complaint than before (survey comments came in version 2): every complaint is indexed
# again, once, newest first (indexing is idempotent).
BACKFILL_KEY = "search.indexed_below.2"
EARLIER_KEYS = ("search.indexed_below",)  # earlier versions' marks, removed once this is done
BACKFILL_BATCH = 500
# "theme:delivery", "тема:доставка", "tema:leverans": complaints about a theme (by its id or
# its name in any language), with or without other words.
THEME_PREFIXES = ("theme:", "тема:", "tema:")


def _theme_words(typed: str) -> tuple[list[str], list[str]]:
    """(the words to search, the themes asked for) of what was typed after /find."""
    words, themes = [], []
    for word in typed.split():
        prefix = next((p for p in THEME_PREFIXES if word.casefold().startswith(p)), None)
        if prefix is None:
            words.append(word)
        elif word[len(prefix) :]:
            themes.append(word[len(prefix) :])
    return words, themes


def _theme_id(themes: tuple[Theme, ...], asked: str) -> str | None:
    key = asked.casefold().replace("ё", "е")
    for theme in themes:
        names = [theme.theme, *theme.name.values()]
        if key in (n.casefold().replace("ё", "е") for n in names):
            return theme.theme
    return None


def _name(theme: Theme, language: str) -> str:
    return next((n for lang, n in theme.name.items() if lang == language), theme.theme)


async def find(tx: Tx, complaints: Complaints, typed: str) -> str:
    """The staff chat's answer to `/find typed`."""
    staff_t = complaints.staff_t
    searched, asked = _theme_words(typed)
    query = Query.parse(" ".join(searched))
    if asked:
        themes = (await stored.current(tx)).themes
        theme_ids = [_theme_id(themes, name) for name in asked]
        if None in theme_ids:
            unknown = asked[theme_ids.index(None)]
            named = ", ".join(escape(_name(t, staff_t.language)) for t in themes)
            return staff_t("complaint.find.no_theme", theme=escape(unknown), themes=named)
        query = replace(query, themes=tuple(i for i in theme_ids if i is not None))
    if query.empty:
        return staff_t("complaint.find.usage")
    ids = await tx.complaints.search.find(query, SHOWN + 1)
    if not ids:
        return staff_t("complaint.find.none", query=escape(clip(typed, 100)))
    lines = [staff_t("complaint.find.title", query=escape(clip(typed, 100)))]
    for complaint_id in ids[:SHOWN]:
        c = await tx.complaints.get(complaint_id)
        if c is None:
            continue
        customer = await tx.customers.get(c.customer_id)
        link = card_link(c)
        number = f'<a href="{link}">#{c.id}</a>' if link else f"#{c.id}"
        parts = [
            f"{STATUS_MARK.get(c.status, '')} <b>{number}</b>",
            complaints.core.local(c.created_at),
            customer_label(staff_t, customer),
        ]
        if words := await first_words(tx, c):
            parts.append(words)
        if c.taken_by_name:
            parts.append(f"→ {escape(c.taken_by_name)}")
        lines.append(" · ".join(parts))
    if len(ids) > SHOWN:
        lines.append(staff_t("complaint.find.more", count=SHOWN))
    while len("\n".join(lines)) > TEXT_LIMIT:  # whole lines only: never cut a tag
        del lines[-2]
    return "\n".join(lines)


@job
async def index_earlier(ctx: JobContext) -> None:
    """Index complaints stored before the search index held what it holds now (before it
    existed, before it held survey comments), newest first, a batch per transaction; once done
    (new complaints are indexed as they are written) it only reads."""
    db = ctx.db
    while ctx.running:
        async with db.read() as tx:
            if await tx.kv.get(BACKFILL_KEY) == "0":
                return
        async with db.transaction() as tx:
            below = await tx.kv.get(BACKFILL_KEY)
            if below == "0":
                return
            start = int(below) if below is not None else 2**62
            ids = await tx.complaints.search.below(start, BACKFILL_BATCH)
            for complaint_id in ids:
                await tx.complaints.search.index(complaint_id)
            await tx.kv.set(BACKFILL_KEY, str(ids[-1]) if ids else "0")
            if not ids:
                for earlier in EARLIER_KEYS:
                    await tx.kv.delete(earlier)
        if ids:
            log.info("search index: %d earlier complaints indexed, down to #%d", len(ids), ids[-1])

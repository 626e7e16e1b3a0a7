"""The customer's conversation page, PUBLIC_URL/c/<token>: a complaint followed by someone
with no Telegram chat. They choose it on the survey page's thanks (POST /s/<token>/follow,
with an email address if they like); the page shows what they wrote and what the team
replied (no staff names, no internal notes, as Telegram shows it), takes their next
message as Telegram takes one (`relay.to_complaint`), asks "was it resolved?" once staff
resolved it (`lifecycle.resolution_answer`: No reopens), and erases the person on request
(`erase`, as /forget_me does). Staff replies reach it through `complaints/onpage.py`; an
email says so when they left an address (`news`).

The token is as a survey's: 128 random bits, only its digest kept (`conversation_links`);
each email carries a new one, since a token cannot be read back. Every form posts to the page
itself, refused from another site's page (`_cross_site`, as the survey page's), limited per
token, and answered by a redirect. Once the complaint is closed and DATA_RETENTION has passed,
or the person is forgotten, the page says the conversation has ended (410), without a word of
it; an address that never opened anything is a plain 404."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from email.headerregistry import Address
from html import escape
from typing import Any

from aiohttp import web

from bot.complaints import lifecycle, posting, relay
from bot.complaints.cards import said
from bot.complaints.config import Complaints
from bot.i18n import TEXT_LIMIT, Translator
from bot.incoming import ChatMessage
from bot.localized import clock_text
from bot.mail.config import Mailer
from bot.mail.outbox import queue_mail
from bot.surveys.config import Surveys
from bot.surveys.privacy import erase
from bot.surveys.web_links import TOKEN_BYTES, TOKEN_SHAPE, digest
from bot.webchannel.pages import CONVERSATION_CSS, PRIVATE, not_found, page
from bot.webchannel.survey_page import (
    WebLimit,
    _cross_site,
    _lang_query,
    _opened,
    translator_for,
)
from storage.db import Database, Tx
from storage.models import Complaint, Customer
from storage.states import COMPLAINT_ACTIVE, ComplaintStatus, Direction

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
FORM_BODY = TEXT_LIMIT * 4 * 3 + 1024  # the words at 4 bytes a character, %-encoded, and more
WEB_CHAT = 0  # a message written on the page has no Telegram chat or message


def conversation_url(public_url: str, token: str) -> str:
    return f"{public_url}/c/{token}"


async def mint(tx: Tx, complaint_id: int) -> str:
    """A new address of the complaint's page; only its digest is stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    await tx.conversations.add_link(digest(token), complaint_id)
    return token


async def complaint_of(tx: Tx, token: str) -> int | None:
    if not TOKEN_SHAPE.match(token):
        return None
    return await tx.conversations.complaint_of(digest(token))


def mail_address(raw: str) -> str | None:
    """The address as given, if a mail header can hold it; None otherwise."""
    text = raw.strip()
    if len(text) > 254 or not EMAIL.match(text):
        return None
    try:
        Address(addr_spec=text)
    except (ValueError, IndexError):
        return None
    return text


def masked(email: str) -> str:
    """a•••@example.com: enough to recognise one's own address over a shoulder, no more."""
    name, _, domain = email.partition("@")
    return f"{name[:1]}•••@{domain}"


@dataclass(frozen=True)
class Talk:
    """What a token opens: the complaint and whose it is; `ended` when the page is over."""

    complaint: Complaint
    customer: Customer
    ended: bool


@dataclass(frozen=True)
class ConversationPages:
    db: Database
    surveys: Surveys
    complaints: Complaints
    retention: timedelta  # DATA_RETENTION: a closed complaint's page ends that long after
    mailer: Mailer | None = None  # None or no SMTP_URL: the page offers no email
    limit: WebLimit = field(default_factory=WebLimit)

    # -- the choice, on the survey page's thanks ----------------------------------------------
    async def follow(self, request: web.Request) -> web.Response:
        """POST /s/<token>/follow: follow the survey's complaint on a page of one's own."""
        token = request.match_info["token"]
        refused = await self._refused(request, digest(token))
        if refused is not None:
            return refused
        form = await request.post()
        raw = form.get("email")
        raw = raw if isinstance(raw, str) else ""
        async with self.db.transaction() as tx:
            opened = await _opened(tx, token)
            if opened is None:
                return not_found()
            complaint = await tx.complaints.for_survey(opened.survey.id)
            followed = complaint is not None and await tx.conversations.get(complaint.id)
            usable = (
                complaint is not None
                and (followed or complaint.status in COMPLAINT_ACTIVE)
                and opened.customer.telegram_id is None
            )
            if not usable or complaint is None:  # nothing to follow here: the page again
                raise web.HTTPSeeOther(f"../{token}{_lang_query(request)}", headers=PRIVATE)
            email = mail_address(raw) if raw.strip() else None
            if raw.strip() and email is None:
                t = translator_for(self.surveys.core, request, opened.customer)
                return page(
                    "survey.html",
                    t.language,
                    400,
                    heading=self.surveys.config.shop_name or t("web.page_title"),
                    problem=t("web.bad_email"),
                    follow={
                        "action": f"follow{_lang_query(request)}",
                        "label": t("web.follow_email"),
                        "button": t("web.follow"),
                    },
                )
            await tx.conversations.follow(complaint.id, email)  # none: the one given is kept
            if not followed:
                await posting.refresh(tx, self.complaints, complaint.id)  # "replies go to …"
            page_token = await mint(tx, complaint.id)  # back by the receipt's link: a new one
        raise web.HTTPSeeOther(f"../../c/{page_token}{_lang_query(request)}", headers=PRIVATE)

    # -- the page ---------------------------------------------------------------------------
    async def show(self, request: web.Request) -> web.Response:
        async with self.db.read() as tx:
            talk = await self._talk(tx, request.match_info["token"])
            if talk is None:
                return not_found()
            t = translator_for(self.surveys.core, request, talk.customer)
            if talk.ended:
                return self._ended(t)
            return await self._render(tx, t, talk)

    async def post(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        refused = await self._refused(request, digest(token))
        if refused is not None:
            return refused
        form = await request.post()
        go = form.get("go")
        async with self.db.transaction() as tx:
            talk = await self._talk(tx, token)
            if talk is None:
                return not_found()
            t = translator_for(self.surveys.core, request, talk.customer)
            if talk.ended:
                return self._ended(t)
            if go == "forget":
                return await self._render(tx, t, talk, confirm=True)
            if go == "forget_yes":
                await erase(tx, talk.customer)
                return self._ended(t, t("forget.done_account"), status=200)
            problem = await self._act(tx, t, talk, go, form)
            if problem is not None:
                return await self._render(tx, t, talk, problem=problem, status=400)
        raise web.HTTPSeeOther(f"{token}{_lang_query(request)}", headers=PRIVATE)

    async def _act(self, tx: Tx, t: Translator, talk: Talk, go: Any, form: Any) -> str | None:
        """What a form asked: a message, an answer to "was it resolved?", an address for
        news, no more news. A problem to show, or None."""
        complaint, customer = talk.complaint, talk.customer
        if go == "send":
            words = form.get("text")
            words = words.replace("\r\n", "\n").strip() if isinstance(words, str) else ""
            if not words:
                return t("conv.empty_message")
            if len(words) > TEXT_LIMIT:
                return t("web.too_long", limit=TEXT_LIMIT)
            if complaint.status in COMPLAINT_ACTIVE:
                message = ChatMessage(WEB_CHAT, WEB_CHAT, "text", words, None)
                await relay.to_complaint(tx, self.complaints, customer, complaint, message)
        elif go in ("yes", "no"):
            await lifecycle.resolution_answer(
                tx, self.complaints, t, customer, complaint.id, str(go)
            )
        elif go == "email":
            raw = form.get("email")
            email = mail_address(raw) if isinstance(raw, str) else None
            if email is None:
                return t("web.bad_email")
            await tx.conversations.follow(complaint.id, email)
        elif go == "stop_mail":
            await tx.conversations.stop_mail(complaint.id)
        return None

    async def _talk(self, tx: Tx, token: str) -> Talk | None:
        complaint_id = await complaint_of(tx, token)
        if complaint_id is None:
            return None
        complaint = await tx.complaints.get(complaint_id)
        customer = None if complaint is None else await tx.customers.get(complaint.customer_id)
        if complaint is None or customer is None:
            return None
        closed = complaint.closed_at
        over = closed is not None and closed + self.retention <= self.surveys.core.now()
        return Talk(complaint, customer, over or customer.forgotten_at is not None)

    async def _refused(self, request: web.Request, key: str) -> web.Response | None:
        """Another site's post (403), a body too big (413), or too many posts (429)."""
        if _cross_site(request, self.surveys.config.public_url):
            return page("survey.html", "en", 403, heading="Forbidden", problem=_CROSS_SITE)
        if (request.content_length or 0) > FORM_BODY:
            raise web.HTTPRequestEntityTooLarge(FORM_BODY, request.content_length or 0)
        now = self.surveys.core.now()
        if self.limit.allow(key, now):
            return None
        answer = page("survey.html", "en", 429, heading="Too many requests", problem=_SLOW_DOWN)
        answer.headers["Retry-After"] = str(self.limit.retry_after(key, now))
        return answer

    def _ended(
        self, t: Translator, said_first: str | None = None, status: int = 410
    ) -> web.Response:
        lines = [said_first] if said_first else []
        return page(
            "conversation.html",
            t.language,
            status,
            css=CONVERSATION_CSS,
            heading=self.surveys.config.shop_name or t("web.page_title"),
            lines=[*lines, t("conv.ended")],
        )

    async def _render(
        self,
        tx: Tx,
        t: Translator,
        talk: Talk,
        *,
        confirm: bool = False,
        problem: str | None = None,
        status: int = 200,
    ) -> web.Response:
        c = talk.complaint
        values: dict[str, Any] = {
            "heading": self.surveys.config.shop_name or t("web.page_title"),
            "title": t("conv.title", number=c.id),
            "problem": problem,
            "languages": self._languages(t),
        }
        if confirm:
            values["confirm"] = {
                "text": t("conv.forget_confirm"),
                "yes": t("forget.yes"),
                "no": t("forget.no"),
            }
            return page("conversation.html", t.language, status, css=CONVERSATION_CSS, **values)
        history = await self._history(tx, t, talk)
        values["history"] = history
        # resolved: the question below says where it stands
        values["lines"] = [] if c.status == ComplaintStatus.RESOLVED else [self._state_line(t, c)]
        if not any(entry["side"] == "team" for entry in history) and c.status in (
            ComplaintStatus.OPEN,
            ComplaintStatus.TAKEN,
        ):
            values["after"] = [t("conv.empty")]
        if c.status == ComplaintStatus.RESOLVED:
            values["ask"] = {
                "question": t("complaint.resolved.question", number=c.id),
                "yes": t("complaint.resolved.yes"),
                "no": t("complaint.resolved.no"),
            }
        if c.status in COMPLAINT_ACTIVE:
            values["write"] = {
                "label": t("conv.write"),
                "send": t("web.send"),
                "limit": TEXT_LIMIT,
            }
            values["email"] = await self._email(tx, t, c)
        values["forget"] = t("conv.forget")
        return page("conversation.html", t.language, status, css=CONVERSATION_CSS, **values)

    def _state_line(self, t: Translator, c: Complaint) -> str:
        if c.status == ComplaintStatus.CLOSED:
            return t("conv.closed")
        if c.reopened:
            return t("conv.reopened")
        return t("conv.open")

    async def _email(self, tx: Tx, t: Translator, c: Complaint) -> dict[str, Any] | None:
        """The news by email: where it goes and how to stop it, or a field to ask for it
        (only where the shop sends mail and the page has an address to put in it)."""
        mailer = self.mailer
        if mailer is None or mailer.config.smtp is None or not self.surveys.config.public_url:
            return None
        followed = await tx.conversations.get(c.id)
        if followed is not None and followed.mail_to:
            return {
                "on": t("conv.email_on", email=masked(followed.mail_to)),
                "stop": t("conv.email_stop"),
            }
        return {"ask": t("conv.email_ask"), "save": t("conv.email_save")}

    async def _history(self, tx: Tx, t: Translator, talk: Talk) -> list[dict[str, str]]:
        """What the customer said and what the team answered, oldest first: what they wrote
        in the survey, then the messages (never the team's notes, nor who on the team)."""
        core, c = self.surveys.core, talk.complaint
        zone = core.zone_of(talk.customer)
        team = self.surveys.config.shop_name or t("conv.team")
        entries: list[dict[str, str]] = []
        survey = await tx.surveys.get(c.survey_id) if c.survey_id else None
        first = said(c, survey)
        if first:
            entries.append(
                _entry("you", t("conv.you"), clock_text(c.created_at, zone, t.language), first)
            )
        for m in await tx.complaints.messages(c.id):
            if m.direction == Direction.NOTE:
                continue
            side = "you" if m.direction == Direction.FROM_CUSTOMER else "team"
            who = t("conv.you") if side == "you" else team
            text = m.text if m.text else t("conv.attachment")
            if m.kind != "text" and m.text:
                text = f"{m.text}\n{t('conv.attachment')}"
            entries.append(_entry(side, who, clock_text(m.created_at, zone, t.language), text))
        return entries

    def _languages(self, t: Translator) -> list[tuple[str, str]]:
        catalog = self.surveys.core.catalog
        return [
            (code, catalog.text(code, "web.language_name"))
            for code in catalog.languages
            if code != t.language
        ]

    # -- List-Unsubscribe ---------------------------------------------------------------
    async def unsubscribe_form(self, request: web.Request) -> web.Response:
        """GET /c/<token>/unsubscribe: a button that stops the emails (a GET changes nothing:
        mail scanners open every link)."""
        async with self.db.read() as tx:
            talk = await self._talk(tx, request.match_info["token"])
            if talk is None:
                return not_found()
            t = translator_for(self.surveys.core, request, talk.customer)
            if talk.ended:
                return self._ended(t)
            return self._unsubscribe_page(t, talk, done=False)

    async def unsubscribe(self, request: web.Request) -> web.Response:
        """POST /c/<token>/unsubscribe: the page's button, or a mail program's one-click
        (RFC 8058), which posts from no page at all."""
        token = request.match_info["token"]
        refused = await self._refused(request, digest(token))
        if refused is not None:
            return refused
        async with self.db.transaction() as tx:
            talk = await self._talk(tx, token)
            if talk is None:
                return not_found()
            t = translator_for(self.surveys.core, request, talk.customer)
            if talk.ended:
                return self._ended(t)
            await tx.conversations.stop_mail(talk.complaint.id)
            return self._unsubscribe_page(t, talk, done=True)

    def _unsubscribe_page(self, t: Translator, talk: Talk, done: bool) -> web.Response:
        number = talk.complaint.id
        values: dict[str, Any] = {
            "heading": self.surveys.config.shop_name or t("web.page_title"),
            "title": t("conv.title", number=number),
        }
        if done:
            values["lines"] = [t("conv.unsubscribed")]
        else:
            values["unsubscribe"] = {
                "text": t("conv.unsubscribe", number=number),
                "button": t("conv.email_stop"),
            }
        return page("conversation.html", t.language, css=CONVERSATION_CSS, **values)


def _entry(side: str, who: str, at: str, text: str) -> dict[str, str]:
    return {"side": side, "who": who, "at": at, "text": text}


_CROSS_SITE = "Please write on the conversation's own page."
_SLOW_DOWN = "Too many requests in a short time. Please wait a few minutes, then try again."


async def news(
    pages: ConversationPages, mailer: Mailer, tx: Tx, complaint_id: int, words: str | None
) -> None:
    """`when.page_news`: the customer who left an address hears of a staff reply (its words)
    or of the "was it resolved?" question, by one email with a new link to the page and a
    List-Unsubscribe that stops such mail."""
    public_url = pages.surveys.config.public_url
    if mailer.config.smtp is None or not public_url:
        return
    followed = await tx.conversations.get(complaint_id)
    complaint = await tx.complaints.get(complaint_id)
    if followed is None or followed.mail_to is None or complaint is None:
        return
    customer = await tx.customers.get(complaint.customer_id)
    if customer is None or customer.forgotten_at is not None:
        return
    t = pages.surveys.core.translator(customer)
    url = conversation_url(public_url, await mint(tx, complaint_id))
    stop = f"{url}/unsubscribe"
    if words is None:
        subject = t("conv.mail.subject_resolved", number=complaint_id)
        said_lines = [t("conv.mail.resolved", number=complaint_id)]
    else:
        subject = t("conv.mail.subject", number=complaint_id)
        said_lines = [t("conv.mail.reply", number=complaint_id), "", words or t("conv.attachment")]
    shop = pages.surveys.config.shop_name
    text = "\n".join(
        [
            *said_lines,
            "",
            f"{t('conv.mail.link')}: {url}",
            "",
            "--",
            t("conv.mail.why"),
            f"{t('conv.mail.stop')}: {stop}",
        ]
    )
    html = _mail_html(t, said_lines, url, stop, shop)
    if shop:
        subject = f"{shop}: {subject}"
    await queue_mail(
        tx,
        mailer,
        followed.mail_to,
        subject,
        text,
        html,
        unsubscribe=stop,
        customer_id=customer.id,
    )


def _mail_html(t: Translator, lines: list[str], url: str, stop: str, shop: str | None) -> str:
    """The same words as HTML: paragraphs, the link as a button-like link, the way out."""
    paragraphs = "".join(
        f'<p style="white-space:pre-wrap">{escape(line)}</p>' for line in lines if line
    )
    heading = f'<h1 style="font-size:20px">{escape(shop)}</h1>' if shop else ""
    return (
        '<!doctype html><html><body style="font:16px/1.5 sans-serif;max-width:560px;'
        f'margin:0 auto;padding:16px">{heading}{paragraphs}'
        f'<p><a href="{escape(url)}" style="display:inline-block;padding:12px 20px;'
        "background:#1f6fd1;color:#fff;border-radius:10px;text-decoration:none;"
        f'font-weight:600">{escape(t("conv.mail.link"))}</a></p>'
        f'<hr><p style="font-size:13px;color:#666">{escape(t("conv.mail.why"))} '
        f'<a href="{escape(stop)}">{escape(t("conv.mail.stop"))}</a></p></body></html>'
    )

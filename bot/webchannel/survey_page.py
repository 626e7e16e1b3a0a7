"""GET and POST /s/<token>: the survey on its web page; its QR code (/s/<token>/qr.svg,
/s/<token>/qr.png), for a survey's web address as PUBLIC_URL/s/<token> gives it.

The page asks the survey's pinned questions one page at a time, as Telegram's message does
(`bot/surveys/engine.py` groups them, `bot/surveys/web_answers.py` records the answers by the
same presses), as plain forms: every answer is a button that posts, no script. A post is
answered by a redirect to the page (303), so reloading never posts again. It names no
customer: whoever holds a receipt sees only what the receipt says.

The token in the address is the only credential: a post from another site's page (which could
only carry a token its author already holds) is refused all the same, by the browser's
Sec-Fetch-Site, else by Origin, so a link planted elsewhere cannot answer for the customer.
Posts are limited per token (`WebLimit`)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from bot.core import Core
from bot.i18n import Translator
from bot.learned import UNKNOWN_USERNAME
from bot.surveys.config import COMMENT_LIMIT, Surveys
from bot.surveys.consent import opt_out
from bot.surveys.engine import text_of
from bot.surveys.web_answers import Outcome, WebAnswer, WebState, WebView, answer, view
from bot.surveys.web_links import digest, survey_of, survey_url
from bot.webchannel import qr
from bot.webchannel.pages import PRIVATE, not_found, page
from storage.db import Database, Tx
from storage.models import Customer, Purchase, Survey
from storage.states import COMPLAINT_ACTIVE

# A token's code never changes: a receipt printer may fetch it once and keep it.
QR_CACHE = "private, max-age=31536000, immutable"
FORM_BODY = 3 * COMMENT_LIMIT * 4 + 1024  # the words at 4 bytes a character, %-encoded, and more
WIDE_SCALE = 7  # a scale longer than this wraps like the NPS's 0-10, six to a row
_PROBLEM = {  # what a refused post is told, with its status
    Outcome.INVALID: ("web.invalid", 400),
    Outcome.LATER: ("web.later", 409),
    Outcome.TOO_LONG: ("web.too_long", 400),
}


@dataclass
class WebLimit:
    """Posts per token in a sliding window: a survey has at most 10 pages, so a person never
    comes near it; a script hammering one token does, and gets a 429 page. In memory: one
    process serves the pages, and a restart forgetting the window only lets a few more in."""

    posts: int = 30
    window: timedelta = timedelta(minutes=10)
    _seen: dict[str, deque[datetime]] = field(default_factory=dict)

    def allow(self, key: str, now: datetime) -> bool:
        if len(self._seen) > 10_000:  # many tokens: forget the ones idle for a window
            for idle in [k for k, v in self._seen.items() if not v or v[-1] < now - self.window]:
                del self._seen[idle]
        recent = self._seen.setdefault(key, deque())
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        if len(recent) >= self.posts:
            return False
        recent.append(now)
        return True

    def retry_after(self, key: str, now: datetime) -> int:
        recent = self._seen.get(key)
        if not recent:
            return 1
        return max(1, int((recent[0] + self.window - now).total_seconds()) + 1)


@dataclass(frozen=True)
class Opened:
    survey: Survey
    purchase: Purchase
    customer: Customer


@dataclass(frozen=True)
class SurveyPages:
    db: Database
    surveys: Surveys
    public_url: str | None  # the QR code encodes the address: none without PUBLIC_URL
    mail: bool = False  # SMTP_URL is set: following on a page may leave an email address
    limit: WebLimit = field(default_factory=WebLimit)

    async def show(self, request: web.Request) -> web.Response:
        async with self.db.read() as tx:
            opened = await _opened(tx, request.match_info["token"])
            if opened is None:
                return not_found()
            t = self._translator(request, opened.customer)
            now = await view(tx, self.surveys, opened.survey, opened.purchase, opened.customer)
            return await self._render(tx, request, t, now, opened)

    async def post(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        if _cross_site(request, self.public_url):
            return page("survey.html", "en", 403, heading="Forbidden", problem=_CROSS_SITE)
        if (request.content_length or 0) > FORM_BODY:
            raise web.HTTPRequestEntityTooLarge(FORM_BODY, request.content_length or 0)
        form = await request.post()
        async with self.db.transaction() as tx:
            opened = await _opened(tx, token)
            if opened is None:
                return not_found()
            t = self._translator(request, opened.customer)
            now = self.surveys.core.now()
            if not self.limit.allow(digest(token), now):
                shown = await view(
                    tx, self.surveys, opened.survey, opened.purchase, opened.customer
                )
                slow = t("web.slow_down")
                answer_page = await self._render(tx, request, t, shown, opened, slow, 429)
                answer_page.headers["Retry-After"] = str(
                    self.limit.retry_after(digest(token), now)
                )
                return answer_page
            if form.get("go") == "never":  # "Don't ask me again": /stop's effect
                await self._never(tx, opened)
                outcome = Outcome.SAVED
            else:
                outcome = await answer(
                    tx,
                    self.surveys,
                    t,
                    opened.customer,
                    opened.purchase,
                    opened.survey,
                    _read(form),
                )
            if outcome in _PROBLEM:
                key, status = _PROBLEM[outcome]
                shown = await view(
                    tx, self.surveys, opened.survey, opened.purchase, opened.customer
                )
                problem = t(key, limit=COMMENT_LIMIT)
                return await self._render(tx, request, t, shown, opened, problem, status)
        # Saved, or nothing to save (a form sent twice, a survey closed meanwhile): the page.
        raise web.HTTPSeeOther(f"{token}{_lang_query(request)}", headers=PRIVATE)

    def _translator(self, request: web.Request, customer: Customer) -> Translator:
        return translator_for(self.surveys.core, request, customer)

    async def _never(self, tx: Tx, opened: Opened) -> None:
        """Offered under the NPS, as in Telegram: while the survey waits for it, the customer
        opts out (this survey ends, no other comes); later it changes nothing."""
        shown = await view(tx, self.surveys, opened.survey, opened.purchase, opened.customer)
        asked = shown.page.first.type if shown.page is not None else None
        if shown.state == WebState.ASK and asked == "nps":
            await opt_out(tx, opened.customer)

    async def _render(
        self,
        tx: Tx,
        request: web.Request,
        t: Translator,
        now: WebView,
        opened: Opened,
        problem: str | None = None,
        status: int = 200,
    ) -> web.Response:
        config = self.surveys.config
        values: dict[str, Any] = {
            "heading": config.shop_name or t("web.page_title"),
            "problem": problem,
            "languages": [
                (code, self.surveys.core.catalog.text(code, "web.language_name"))
                for code in self.surveys.core.catalog.languages
                if code != t.language
            ],
        }
        if now.state == WebState.ASK:
            values["form"] = _form(t, now)
        elif now.state == WebState.DONE:
            values.update(await self._thanks(tx, request, t, opened))
        else:
            key = {
                WebState.DONE_TELEGRAM: "web.done_telegram",
                WebState.CLOSED: "survey.closed",
                WebState.NONE: "web.no_survey",
            }[now.state]
            if now.state == WebState.NONE and opened.customer.opted_out_at is not None:
                key = "web.never_done"
            values["lines"] = [t(key)]
        return page("survey.html", t.language, status, **values)

    async def _thanks(
        self, tx: Tx, request: web.Request, t: Translator, opened: Opened
    ) -> dict[str, Any]:
        """The thanks as Telegram's; after an answer that opened a complaint, that the team
        has it, and how the reply reaches them: in Telegram if the bot knows their chat, else
        as they choose: by the receipt's deep link, which ties the complaint to the Telegram
        that opens it, or on a page of their own (/c/<token>), with an email if they like."""
        core, config = self.surveys.core, self.surveys.config
        lines = [t("survey.thanks")]
        link = follow = None
        complaint = await tx.complaints.for_survey(opened.survey.id)
        if complaint is not None:
            lines.append(t("web.complaint"))
            if opened.customer.telegram_id is not None:
                lines.append(t("web.reply_telegram"))
            elif core.learned.bot_username != UNKNOWN_USERNAME:  # never a link to YOUR_BOT
                lines.append(t("web.complaint_telegram"))
                href = core.deep_link(opened.purchase.link_token)
                link = {"href": href, "text": t("web.continue_telegram")}
            # Followed already: the receipt's link is their way back to the page (a tab
            # closed, no email), whatever the complaint's state (the page says if it ended).
            followed = await tx.conversations.get(complaint.id) is not None
            active = complaint.status in COMPLAINT_ACTIVE
            if opened.customer.telegram_id is None and (followed or active):
                token = request.match_info["token"]
                follow = {
                    "action": f"{token}/follow{_lang_query(request)}",
                    "lead": t("web.follow_or") if link and not followed else None,
                    "label": t("web.follow_email") if self.mail and not followed else None,
                    "button": t("web.follow_open") if followed else t("web.follow"),
                }
        elif config.review_url:  # everyone or no one, as in Telegram
            link = {"href": config.review_url, "text": t("web.review")}
        return {"lines": lines, "link": link, "follow": follow}

    async def qr_svg(self, request: web.Request) -> web.Response:
        return await self._qr(request, "svg")

    async def qr_png(self, request: web.Request) -> web.Response:
        return await self._qr(request, "png")

    async def _qr(self, request: web.Request, kind: str) -> web.Response:
        token = request.match_info["token"]
        if self.public_url is None:
            return not_found()
        async with self.db.read() as tx:
            known = await survey_of(tx, token) is not None
        if not known:
            return not_found()
        url = survey_url(self.public_url, token)
        if kind == "svg":
            body, content_type = qr.svg(url), "image/svg+xml"
        else:
            body, content_type = qr.png(url), "image/png"
        headers = {
            **PRIVATE,
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
            "Cache-Control": QR_CACHE,
        }
        return web.Response(body=body, content_type=content_type, headers=headers)


_CROSS_SITE = "Please answer on the survey's own page."  # no survey read: no language known


async def _opened(tx: Tx, token: str) -> Opened | None:
    survey_id = await survey_of(tx, token)
    survey = None if survey_id is None else await tx.surveys.get(survey_id)
    purchase = None if survey is None else await tx.purchases.get(survey.purchase_id)
    customer = None if survey is None else await tx.customers.get(survey.customer_id)
    if survey is None or purchase is None or customer is None or customer.forgotten_at:
        return None
    return Opened(survey, purchase, customer)


def _read(form: Any) -> WebAnswer:
    """The posted form as an answer: `q` the page's first question, `v` each value chosen,
    `text` the words; the Skip button (`go=skip`) posts none of them."""
    question = form.get("q")
    values = tuple(v for v in form.getall("v", []) if isinstance(v, str))
    text = form.get("text")
    if form.get("go") == "skip":
        values, text = (), ""
    return WebAnswer(
        question if isinstance(question, str) else "",
        values,
        text.replace("\r\n", "\n") if isinstance(text, str) else "",
    )


def _form(t: Translator, now: WebView) -> dict[str, Any]:
    """The page's question as the template draws it, from the engine's page."""
    assert now.page is not None
    q = now.page.first
    form: dict[str, Any] = {"question": q.id, "text": [text_of(t, q.text, t("survey.invite"))]}
    if q.type in ("nps", "scale"):
        low, high = (0, 10) if q.type == "nps" else (q.min or 0, q.max or 0)
        form |= {
            "kind": "scores",
            "choices": [(str(n), str(n)) for n in range(low, high + 1)],
            "wide": q.type == "nps" or high - low + 1 > WIDE_SCALE,
        }
        if q.type == "nps":  # as Telegram's survey offers it under the scores
            form["never"] = t("survey.never")
        if q.labels is not None:
            form |= {
                "low": f"{low} — {text_of(t, q.labels.min)}",
                "high": f"{high} — {text_of(t, q.labels.max)}",
            }
        return form
    choices = [(o.id, text_of(t, o.text)) for o in q.options or []]
    if q.type == "choice" and not q.multiple:
        return form | {"kind": "options", "choices": choices}
    answered = now.answers.get(q.id)
    return form | {
        "kind": "many",
        "choices": choices,
        "chosen": answered.options if answered else (),
        "words": t("web.words") if now.page.typed is not None else None,
        "limit": COMMENT_LIMIT,
        "next": t("survey.next") if q.type == "choice" else t("web.send"),
        "skip": t("survey.skip") if q.type == "text" else None,
    }


def translator_for(core: Core, request: web.Request, customer: Customer) -> Translator:
    """The language asked for (?lang=), else the customer's known one, else the browser's
    (Accept-Language), else the shop's default."""
    chosen = request.query.get("lang")
    if chosen in core.catalog.languages:
        return core.catalog.bind(chosen)
    if customer.language or customer.tg_language:
        return core.translator(customer)
    return core.catalog.bind(_accepted(request, core.catalog.languages, core.catalog.default))


def _lang_query(request: web.Request) -> str:
    """The language the reader chose, kept across a post's redirect."""
    chosen = request.query.get("lang", "")
    return f"?lang={chosen}" if chosen.isalpha() and len(chosen) <= 8 else ""


def _accepted(request: web.Request, languages: list[str], default: str) -> str:
    """The browser's most wanted language the shop speaks (Accept-Language, by q)."""
    wanted: list[tuple[float, int, str]] = []
    for n, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        code, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        base = code.split("-")[0].lower()
        if base in languages and weight > 0:
            wanted.append((-weight, n, base))
    return min(wanted)[2] if wanted else default


def _cross_site(request: web.Request, public_url: str | None) -> bool:
    """A post from another site's page. Browsers say so in Sec-Fetch-Site; one too old to
    send it is judged by Origin ("null" too, as the page's no-referrer policy makes some send
    it, says nothing either way)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return False
    own = {request.host} | ({urlsplit(public_url).netloc} if public_url else set())
    return urlsplit(origin).netloc not in own

"""GET /s/<token>, its QR code (/s/<token>/qr.svg, /s/<token>/qr.png), for a survey's web
address as PUBLIC_URL/s/<token> gives it.

Until the survey itself is asked on the page, the page is honest about it: the shop's name,
and the same Telegram link the purchase's answer carries, in the customer's language, so a
QR code printed today already leads somewhere. It names no customer: whoever holds a receipt
sees only what the receipt says."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.learned import UNKNOWN_USERNAME
from bot.surveys.config import Surveys
from bot.surveys.web_links import survey_of, survey_url
from bot.webchannel import qr
from bot.webchannel.pages import PRIVATE, not_found, page
from storage.db import Database

# A token's code never changes: a receipt printer may fetch it once and keep it.
QR_CACHE = "private, max-age=31536000, immutable"


@dataclass(frozen=True)
class SurveyPages:
    db: Database
    surveys: Surveys
    public_url: str | None  # the QR code encodes the address: none without PUBLIC_URL

    async def waiting(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        async with self.db.read() as tx:
            survey_id = await survey_of(tx, token)
            survey = None if survey_id is None else await tx.surveys.get(survey_id)
            purchase = None if survey is None else await tx.purchases.get(survey.purchase_id)
            customer = None if survey is None else await tx.customers.get(survey.customer_id)
        if survey is None or purchase is None or customer is None:
            return not_found()
        core = self.surveys.core
        t = core.translator(customer)
        known = core.learned.bot_username != UNKNOWN_USERNAME  # never a link to YOUR_BOT
        return page(
            "waiting.html",
            t.language,
            heading=self.surveys.config.shop_name or t("web.page_title"),
            lead=t("web.page_lead"),
            soon=t("web.page_soon"),
            open=t("web.page_open"),
            later=t("web.page_later"),
            link=core.deep_link(purchase.link_token) if known else None,
        )

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

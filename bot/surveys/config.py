"""Everything the survey services need to know, built once by the app factory and never changed.

Only `listeners` grows, while the app is being built (features register there)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Catalog, Translator
from bot.learned import Learned
from bot.outbox.service import Outbox
from bot.settings import Settings
from bot.surveys.rules import Rules
from storage.clock import Clock, utc_now
from storage.db import Tx
from storage.models import Customer

COMMENT_LIMIT = 2000

# Called in the answer's transaction after a survey got an answer or finished (complaints
# listen: a low score opens one).
SurveyListener = Callable[[Tx, int], Awaitable[None]]


@dataclass(frozen=True, kw_only=True)
class SurveyConfig:
    rules: Rules
    tz: ZoneInfo
    aspects: list[str]
    review_url: str | None
    referral_url: str | None
    phone_region: str | None  # what a phone number without a country code means
    catalog: Catalog
    outbox: Outbox
    learned: Learned = field(default_factory=Learned)  # the bot's username, for deep links
    referral_offer: str | None = None  # set: promoters get personal invitation links
    referral_thanks: bool = True  # thank the advocate when their friend first buys
    shop_name: str | None = None  # SHOP_NAME: how greetings and invitations name the shop
    clock: Clock = utc_now
    listeners: list[SurveyListener] = field(default_factory=list)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        catalog: Catalog,
        outbox: Outbox,
        learned: Learned,
        clock: Clock = utc_now,
    ) -> SurveyConfig:
        r = settings.rules
        return cls(
            rules=Rules(
                r.survey_delay, r.quiet_hours, r.survey_cooldown, r.reminder_after, r.survey_expiry
            ),
            tz=settings.chats.tz,
            aspects=settings.surveys.survey_aspects,
            review_url=settings.surveys.review_url,
            referral_url=settings.surveys.referral_url,
            referral_offer=settings.surveys.referral_offer,
            referral_thanks=settings.surveys.referral_thanks,
            shop_name=settings.surveys.shop_name,
            phone_region=settings.surveys.phone_region,
            catalog=catalog,
            outbox=outbox,
            learned=learned,
            clock=clock,
        )

    def now(self) -> datetime:
        return self.clock()

    def shop(self, t: Translator, role: str) -> str:
        """The shop as `role` wants it in `t`'s language ("магазина «Ромашка»" in a greeting,
        "магазин «Ромашка»" in an invitation), or "this shop" without SHOP_NAME."""
        if self.shop_name:
            return t(f"shop.{role}_named", name=self.shop_name)
        return t(f"shop.{role}")

    def zone_of(self, customer: Customer) -> ZoneInfo:
        """The customer's own time zone if the shop told us, else the business's."""
        return ZoneInfo(customer.timezone) if customer.timezone else self.tz

    async def changed(self, tx: Tx, survey_id: int) -> None:
        for listener in self.listeners:
            await listener(tx, survey_id)

    def deep_link(self, token: str) -> str:
        return f"https://t.me/{self.learned.bot_username}?start={token}"

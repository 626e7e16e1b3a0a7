"""The surveys feature's settings, and its context: those settings beside the core.

Settings are read once from the environment and never change; the context (`Surveys`) is what
the survey services take: the settings and the core they act with (whose `when` tells the
features that listen, complaints and events, that a survey changed)."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.core import Core
from bot.i18n import Translator
from bot.settings import Settings
from bot.surveys.design_versions import Design
from bot.surveys.rules import Rules
from storage.db import Tx

COMMENT_LIMIT = 2000


@dataclass(frozen=True, kw_only=True)
class SurveyConfig:
    rules: Rules
    tz: ZoneInfo
    aspects: list[str]
    review_url: str | None
    referral_url: str | None
    phone_region: str | None  # what a phone number without a country code means
    referral_offer: str | None = None  # set: promoters get personal invitation links
    referral_thanks: bool = True  # thank the advocate when their friend first buys
    shop_name: str | None = None  # SHOP_NAME: how greetings and invitations name the shop
    public_url: str | None = None  # PUBLIC_URL: surveys get a web address (/s/<token>)

    @classmethod
    def from_settings(cls, settings: Settings) -> SurveyConfig:
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
            public_url=settings.api.public_url,
        )

    def shop(self, t: Translator, role: str) -> str:
        """The shop as `role` wants it in `t`'s language ("магазина «Ромашка»" in a greeting,
        "магазин «Ромашка»" in an invitation), or "this shop" without SHOP_NAME."""
        if self.shop_name:
            return t(f"shop.{role}_named", name=self.shop_name)
        return t(f"shop.{role}")


@dataclass(frozen=True)
class Surveys:
    """What the survey services take: the settings section and the core, side by side, and
    the survey definitions' context (the built-in survey, the languages texts must have)."""

    config: SurveyConfig
    core: Core
    design: Design

    async def changed(self, tx: Tx, survey_id: int) -> None:
        """In the answer's transaction, after a survey got an answer or finished (a low score
        opens a complaint; a response is an event)."""
        survey = await tx.surveys.get(survey_id)  # once for every receiver, as it is now
        if survey is not None:
            await self.core.when.survey_changed.send(tx, survey)

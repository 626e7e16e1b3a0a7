"""The surveys feature's context for tests that call its services directly (no bot)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core import Core
from bot.i18n import Catalog
from bot.learned import Learned
from bot.outbox.service import Outbox
from bot.surveys.config import SurveyConfig, Surveys
from bot.surveys.design_default import default_definition
from bot.surveys.design_versions import Design
from bot.surveys.rules import Rules
from bot.timeparse import QuietHours
from storage.clock import Clock


def survey_context(now: datetime) -> Surveys:
    """Invitations 2 h after a purchase outside 21:00-09:00 UTC, 30 days apart; the clock
    stands at `now`; the built-in survey asks about "quality" only."""
    rules = Rules(
        timedelta(hours=2),
        QuietHours.parse("21:00-09:00"),
        timedelta(days=30),
        timedelta(hours=24),
        timedelta(hours=72),
    )
    settings = SurveyConfig(
        rules=rules,
        tz=ZoneInfo("UTC"),
        aspects=["quality"],
        review_url=None,
        referral_url=None,
        phone_region=None,
    )
    catalog = Catalog.load()
    default = default_definition(catalog, ["quality"], nps_max=6, csat_max=2)
    design = Design(languages=tuple(catalog.languages), default=default)
    return Surveys(settings, core(lambda: now), design)


def core(clock: Clock) -> Core:
    catalog = Catalog.load()
    learned = Learned(bot_username="shop_bot")
    return Core(Outbox(None), catalog, ZoneInfo("UTC"), catalog.bind("en"), learned, clock)

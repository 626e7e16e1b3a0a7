"""The complaints feature's settings, and its context: those settings beside the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.complaints.sla import add_business_time
from bot.core import Core
from bot.i18n import Translator
from bot.settings import Settings
from bot.timeparse import BusinessHours

CARD_COMMENT_LIMIT = 1200  # of the customer's words on a card; the rest is in the history


@dataclass(frozen=True)
class Ladder:
    """How long a complaint may wait to be taken and to be resolved."""

    take: timedelta
    resolve: timedelta


@dataclass(frozen=True, kw_only=True)
class ComplaintConfig:
    staff_chat_setting: int  # STAFF_CHAT_ID; Telegram may have moved the group since
    nps_max: int
    csat_max: int
    key_segments: list[str]
    ladder: Ladder
    key_ladder: Ladder
    hours: BusinessHours
    tz: ZoneInfo  # the business's: business hours are counted in it
    settle: timedelta
    storm_cards_per_minute: int
    aspects: list[str]  # the survey's aspects: the causes staff choose from
    confirm_within: timedelta  # the customer's "was it resolved?" lapses like a survey
    relays_per_minute: int = 3  # one complaint's messages relayed one by one, then rounded up
    round_robin: bool = False  # new complaints go out assigned to the next person in turn
    max_open: int = 0  # round robin: most complaints one person holds (0: no cap)

    @classmethod
    def from_settings(cls, settings: Settings) -> ComplaintConfig:
        c, r, chats = settings.complaints, settings.rules, settings.chats
        return cls(
            staff_chat_setting=chats.staff_chat_id,
            nps_max=c.complaint_nps_max,
            csat_max=c.complaint_csat_max,
            key_segments=c.key_segments,
            ladder=Ladder(r.sla_take, r.sla_resolve),
            key_ladder=Ladder(r.sla_key_take, r.sla_key_resolve),
            hours=r.business_hours,
            tz=chats.tz,
            settle=c.complaint_settle,
            storm_cards_per_minute=c.storm_cards_per_minute,
            aspects=settings.surveys.survey_aspects,
            confirm_within=r.survey_expiry,
            relays_per_minute=c.staff_relays_per_minute,
            round_robin=c.assign_mode == "round_robin",
            max_open=c.agent_max_open,
        )

    def is_key(self, segment: str) -> bool:
        return segment in self.key_segments

    def ladder_for(self, segment: str) -> Ladder:
        return self.key_ladder if self.is_key(segment) else self.ladder

    def deadline(self, start: datetime, duration: timedelta) -> datetime:
        return add_business_time(start, duration, self.hours, self.tz)


@dataclass(frozen=True)
class Complaints:
    """What the complaint services take: the settings section and the core, side by side."""

    config: ComplaintConfig
    core: Core

    @property
    def staff_t(self) -> Translator:
        return self.core.staff_t

    @property
    def staff_chat_id(self) -> int:
        """The staff chat's id now: STAFF_CHAT_ID, or the supergroup Telegram upgraded it to."""
        return self.core.learned.current(self.config.staff_chat_setting)

    @property
    def staff_chat_lost(self) -> str | None:
        """Why the bot cannot write to the staff chat now (None: it can)."""
        return self.core.learned.staff_chat_lost

    @property
    def forum(self) -> bool:
        """The staff chat is a forum: one topic per complaint."""
        return self.core.learned.staff_chat_is_forum

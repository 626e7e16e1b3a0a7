"""Everything the complaint services need, built once by the app factory and never changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.complaints.sla import add_business_time
from bot.i18n import Translator, duration
from bot.localized import clock_text
from bot.outbox.service import Outbox
from bot.settings import Settings
from bot.surveys.config import SurveyConfig
from bot.timeparse import BusinessHours

CARD_COMMENT_LIMIT = 1200  # of the customer's words on a card; the rest is in the history


@dataclass(frozen=True)
class Ladder:
    """How long a complaint may wait to be taken and to be resolved."""

    take: timedelta
    resolve: timedelta


@dataclass(frozen=True)
class ComplaintConfig:
    staff_chat_setting: int  # STAFF_CHAT_ID; Telegram may have moved the group since
    owner_ids: list[int]
    manager_ids: list[int]
    staff_ids: list[int]
    nps_max: int
    csat_max: int
    key_segments: list[str]
    ladder: Ladder
    key_ladder: Ladder
    hours: BusinessHours
    settle: timedelta
    storm_cards_per_minute: int
    staff_t: Translator  # the staff side's language
    surveys: SurveyConfig  # the customer side: catalog, outbox, clock, time zone
    relays_per_minute: int = 3  # one complaint's messages relayed one by one, then rounded up

    @classmethod
    def from_settings(cls, settings: Settings, surveys: SurveyConfig) -> ComplaintConfig:
        c, r, chats = settings.complaints, settings.rules, settings.chats
        return cls(
            staff_chat_setting=chats.staff_chat_id,
            owner_ids=chats.owner_ids,
            manager_ids=chats.manager_ids,
            staff_ids=c.staff_ids,
            nps_max=c.complaint_nps_max,
            csat_max=c.complaint_csat_max,
            key_segments=c.key_segments,
            ladder=Ladder(r.sla_take, r.sla_resolve),
            key_ladder=Ladder(r.sla_key_take, r.sla_key_resolve),
            hours=r.business_hours,
            settle=c.complaint_settle,
            storm_cards_per_minute=c.storm_cards_per_minute,
            staff_t=surveys.catalog.bind(chats.staff_language),
            surveys=surveys,
            relays_per_minute=c.staff_relays_per_minute,
        )

    @property
    def staff_chat_id(self) -> int:
        """The staff chat's id now: STAFF_CHAT_ID, or the supergroup Telegram upgraded it to."""
        return self.surveys.learned.current(self.staff_chat_setting)

    @property
    def leads(self) -> list[int]:
        """Owners and managers: told in private what the staff chat cannot be told."""
        return list(dict.fromkeys([*self.owner_ids, *self.manager_ids]))

    @property
    def staff_chat_lost(self) -> str | None:
        """Why the bot cannot write to the staff chat now (None: it can)."""
        return self.surveys.learned.staff_chat_lost

    @property
    def forum(self) -> bool:
        """The staff chat is a forum: one topic per complaint."""
        return self.surveys.learned.staff_chat_is_forum

    @property
    def outbox(self) -> Outbox:
        return self.surveys.outbox

    def now(self) -> datetime:
        return self.surveys.now()

    def is_key(self, segment: str) -> bool:
        return segment in self.key_segments

    def ladder_for(self, segment: str) -> Ladder:
        return self.key_ladder if self.is_key(segment) else self.ladder

    def deadline(self, start: datetime, duration: timedelta) -> datetime:
        return add_business_time(start, duration, self.hours, self.surveys.tz)

    def local(self, moment: datetime) -> str:
        """A time as staff read it: the business's zone, to the minute, with the zone's name
        in the staff language's way (МСК)."""
        return clock_text(moment, self.surveys.tz, self.staff_t.language)

    def duration(self, span: timedelta) -> str:
        return duration(self.staff_t, span.total_seconds())

    def may_act(self, user_id: int) -> bool:
        """Configured people may always act; others only as members of the staff chat."""
        return (
            user_id in self.staff_ids or user_id in self.manager_ids or user_id in self.owner_ids
        )

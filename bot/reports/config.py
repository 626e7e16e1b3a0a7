"""What the report services need: recipients, schedules, the staff language, the outbox."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.complaints.config import ComplaintConfig
from bot.i18n import Translator
from bot.outbox.service import Outbox
from bot.settings import Settings


@dataclass(frozen=True)
class ReportConfig:
    owner_ids: list[int]
    digest_chat_id: int | None
    staff_chat_id: int
    weekly_cron: str
    daily_cron: str
    tz: ZoneInfo
    staff_t: Translator
    outbox: Outbox
    complaints: ComplaintConfig
    clock: Callable[[], datetime]

    @classmethod
    def from_settings(cls, settings: Settings, complaints: ComplaintConfig) -> ReportConfig:
        return cls(
            owner_ids=settings.chats.owner_ids,
            digest_chat_id=settings.chats.digest_chat_id,
            staff_chat_id=settings.chats.staff_chat_id,
            weekly_cron=settings.rules.weekly_digest_cron,
            daily_cron=settings.rules.daily_digest_cron,
            tz=settings.chats.tz,
            staff_t=complaints.staff_t,
            outbox=complaints.outbox,
            complaints=complaints,
            clock=complaints.now,
        )

    def now(self) -> datetime:
        return self.clock()

    @property
    def digest_recipients(self) -> list[int]:
        chats = [*self.owner_ids]
        if self.digest_chat_id is not None:
            chats.append(self.digest_chat_id)
        return list(dict.fromkeys(chats))

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
    digest_chat_setting: int | None  # DIGEST_CHAT_ID; Telegram may have moved the group since
    weekly_cron: str
    daily_cron: str
    tz: ZoneInfo
    staff_t: Translator
    outbox: Outbox
    complaints: ComplaintConfig
    clock: Callable[[], datetime]
    export_format: str = "xlsx"  # EXPORT_FORMAT: what /export sends

    @classmethod
    def from_settings(cls, settings: Settings, complaints: ComplaintConfig) -> ReportConfig:
        return cls(
            owner_ids=settings.chats.owner_ids,
            digest_chat_setting=settings.chats.digest_chat_id,
            weekly_cron=settings.rules.weekly_digest_cron,
            daily_cron=settings.rules.daily_digest_cron,
            tz=settings.chats.tz,
            staff_t=complaints.staff_t,
            outbox=complaints.outbox,
            complaints=complaints,
            clock=complaints.now,
            export_format=settings.chats.export_format,
        )

    def now(self) -> datetime:
        return self.clock()

    @property
    def staff_chat_id(self) -> int:
        return self.complaints.staff_chat_id

    @property
    def digest_chat_id(self) -> int | None:
        setting = self.digest_chat_setting
        return None if setting is None else self.complaints.surveys.learned.current(setting)

    @property
    def digest_recipients(self) -> list[int]:
        chats = [*self.owner_ids]
        if self.digest_chat_id is not None:
            chats.append(self.digest_chat_id)
        return list(dict.fromkeys(chats))

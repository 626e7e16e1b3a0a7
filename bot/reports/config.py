"""The reports feature's settings, and its context: those settings beside the core and the
complaints feature it reports on."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.complaints.config import Complaints
from bot.core import Core
from bot.i18n import Translator
from bot.settings import Settings
from bot.timeparse import BusinessHours


@dataclass(frozen=True, kw_only=True)
class ReportConfig:
    digest_chat_setting: int | None  # DIGEST_CHAT_ID; Telegram may have moved the group since
    weekly_cron: str
    daily_cron: str
    tz: ZoneInfo
    hours: BusinessHours  # what the SLA figures count in
    export_format: str = "xlsx"  # EXPORT_FORMAT: what /export sends

    @classmethod
    def from_settings(cls, settings: Settings) -> ReportConfig:
        return cls(
            digest_chat_setting=settings.chats.digest_chat_id,
            weekly_cron=settings.rules.weekly_digest_cron,
            daily_cron=settings.rules.daily_digest_cron,
            tz=settings.chats.tz,
            hours=settings.rules.business_hours,
            export_format=settings.chats.export_format,
        )


@dataclass(frozen=True)
class Reports:
    """What the report services take: the settings section, the core, and the complaints
    feature it reports on, side by side."""

    config: ReportConfig
    core: Core
    complaints: Complaints  # the daily brief lists the open ones

    @property
    def staff_t(self) -> Translator:
        return self.core.staff_t

    @property
    def staff_chat_id(self) -> int:
        return self.complaints.staff_chat_id

    @property
    def digest_chat_id(self) -> int | None:
        setting = self.config.digest_chat_setting
        return None if setting is None else self.core.learned.current(setting)

    @property
    def digest_recipients(self) -> list[int]:
        chats = [*self.core.roles.owners]
        if self.digest_chat_id is not None:
            chats.append(self.digest_chat_id)
        return list(dict.fromkeys(chats))

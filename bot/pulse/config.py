"""The staff pulse's settings (its cron, who counts as staff), and its context with the core."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.core import Core
from bot.settings import Settings

COMMENT_LIMIT = 1000


@dataclass(frozen=True, kw_only=True)
class PulseConfig:
    cron: str
    tz: ZoneInfo  # the cron's
    configured_staff: list[int]  # STAFF_IDS and MANAGER_IDS; also those seen working

    @classmethod
    def from_settings(cls, settings: Settings, cron: str) -> PulseConfig:
        staff = [*settings.complaints.staff_ids, *settings.chats.manager_ids]
        return cls(cron=cron, tz=settings.chats.tz, configured_staff=staff)


@dataclass(frozen=True, kw_only=True)
class Pulse(PulseConfig):
    core: Core

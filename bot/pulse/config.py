"""The staff pulse's settings (its cron), and its context: those settings beside the core
(whose roles say who counts as staff)."""

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

    @classmethod
    def from_settings(cls, settings: Settings, cron: str) -> PulseConfig:
        return cls(cron=cron, tz=settings.chats.tz)


@dataclass(frozen=True)
class Pulse:
    """What the pulse services take: the settings section and the core, side by side."""

    config: PulseConfig
    core: Core

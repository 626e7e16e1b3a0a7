"""The events feature's settings, and its context: those settings beside the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.core import Core
from bot.retries import Retries
from bot.settings import Settings

TIMEOUT = 10.0  # a receiver that does not answer within this is tried again later
RETRIES = Retries(longest=300.0, give_up_after=timedelta(hours=72))
PER_RECEIVER = 4  # requests in flight to one URL (each for another complaint)


@dataclass(frozen=True)
class EventsConfig:
    urls: list[str]
    secret: str
    since: float = 0.0  # when this process started (Unix time): a new URL's events start here

    @classmethod
    def from_settings(cls, settings: Settings, since: float = 0.0) -> EventsConfig:
        api = settings.api
        secret = api.events_secret.get_secret_value() if api.events_secret else ""
        return cls(list(api.events_url), secret, since)


@dataclass(frozen=True)
class Events:
    """What tells someone about the receivers: the settings section and the core (its
    outbox, its staff texts, and the owners among its roles)."""

    config: EventsConfig
    core: Core

"""The mail feature's settings (SMTP_URL, MAIL_FROM), and its context: those beside the core."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from bot.core import Core
from bot.retries import Retries
from bot.settings import Settings

TIMEOUT = 30.0  # seconds for the server to answer one step (connect, each command)
RETRIES = Retries(longest=600.0, give_up_after=timedelta(hours=72))
_LOOPBACK = re.compile(r"^(127\.\d+\.\d+\.\d+|localhost|::1)$")


@dataclass(frozen=True)
class Smtp:
    """Where mail goes and how: implicit TLS (smtps), else STARTTLS, which only a server on
    this machine (a test's) may go without."""

    host: str
    port: int
    implicit_tls: bool
    username: str | None = None
    password: str | None = None

    @property
    def require_starttls(self) -> bool:
        return not self.implicit_tls and not _LOOPBACK.match(self.host)

    @classmethod
    def parse(cls, url: str) -> Smtp:
        parts = urlsplit(url)
        implicit = parts.scheme == "smtps"
        return cls(
            host=parts.hostname or "",
            port=parts.port or (465 if implicit else 587),
            implicit_tls=implicit,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


@dataclass(frozen=True)
class MailConfig:
    smtp: Smtp | None  # None: SMTP_URL unset, no mail is queued
    sender: str  # MAIL_FROM

    @classmethod
    def from_settings(cls, settings: Settings) -> MailConfig:
        api = settings.api
        url = api.smtp_url.get_secret_value() if api.smtp_url else None
        return cls(Smtp.parse(url) if url else None, api.mail_from or "")


@dataclass(frozen=True)
class Mailer:
    """What queues mail and tells the owners when it does not go: the settings and the core."""

    config: MailConfig
    core: Core

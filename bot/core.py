"""What every feature's services act with: the outbox, the texts, the clock, the business's
time zone, who is who (`Roles`), and what the bot learned from Telegram. Built once by the app
factory.

A feature's settings are plain frozen data (`SurveyConfig`, `ComplaintConfig`, ...); its
services take the feature's context (`Surveys`, `Complaints`, ...), which holds those settings
and this core side by side (`complaints.config.ladder`, `complaints.core.outbox`). `learned`
is the one part that changes while the bot runs: what Telegram told it (its username, the
staff chat's id after an upgrade, whether it is a forum or lost).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.i18n import Catalog, Translator, duration
from bot.learned import Learned
from bot.localized import clock_text
from bot.roles import Roles
from bot.when import When
from storage.clock import Clock, utc_now
from storage.models import Customer

if TYPE_CHECKING:  # aiogram's types take seconds to import: the CLI's commands never send
    from bot.outbox.service import Outbox


@dataclass(frozen=True)
class Core:
    outbox: Outbox
    catalog: Catalog
    tz: ZoneInfo  # TIMEZONE: the business's
    staff_t: Translator  # STAFF_LANGUAGE: the staff chat's and the owners' texts
    learned: Learned
    clock: Clock = utc_now
    when: When = field(default_factory=When)  # the features' "when this happens"
    roles: Roles = field(default_factory=Roles)  # OWNER_IDS, MANAGER_IDS, STAFF_IDS

    def now(self) -> datetime:
        return self.clock()

    def translator(self, customer: Customer) -> Translator:
        """The customer's language: chosen with /language, else Telegram's, else the default."""
        return self.catalog.bind(customer.language or self.catalog.pick(customer.tg_language))

    def zone_of(self, customer: Customer) -> ZoneInfo:
        """The customer's own time zone if the shop told us, else the business's."""
        return ZoneInfo(customer.timezone) if customer.timezone else self.tz

    def local(self, moment: datetime) -> str:
        """A time as staff read it: the business's zone, to the minute, with the zone's name
        in the staff language's way (МСК)."""
        return clock_text(moment, self.tz, self.staff_t.language)

    def duration(self, span: timedelta) -> str:
        """A span in the staff language ("1 h 30 min")."""
        return duration(self.staff_t, span.total_seconds())

    def deep_link(self, payload: str) -> str:
        """A t.me link that starts the bot with `payload`."""
        return f"https://t.me/{self.learned.bot_username}?start={payload}"

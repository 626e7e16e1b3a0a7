"""What the staff pulse needs: its cron and who counts as staff (from the complaint config)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.complaints.config import ComplaintConfig

COMMENT_LIMIT = 1000


@dataclass(frozen=True)
class PulseConfig:
    cron: str
    complaints: ComplaintConfig  # staff and manager ids, catalog, outbox, clock, time zone

    @property
    def configured_staff(self) -> list[int]:
        return [*self.complaints.staff_ids, *self.complaints.manager_ids]

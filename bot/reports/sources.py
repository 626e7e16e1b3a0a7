"""Where a period's complaints came from: after a survey answer, or a message.

Every message a customer writes outside a survey opens a complaint (DESIGN: tracked with its
SLA), so a wave of questions to the shop's account would read as that many unhappy customers;
the figures say which is which. "After a survey answer": a low score, or an answer to a
question the shop designed that opens one (both stored as `low_score`). "Messages": written to
the bot, `/complaint`, or to the shop's Telegram account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.complaints.origin import ACCOUNT_MESSAGE, origin
from storage.db import Tx
from storage.states import ComplaintSource

# Every origin a complaint can have, in the order the stats API lists them.
ORIGINS = (
    str(ComplaintSource.LOW_SCORE),
    str(ComplaintSource.COMMAND),
    str(ComplaintSource.MESSAGE),
    ACCOUNT_MESSAGE,
)
AFTER_ANSWER = frozenset({str(ComplaintSource.LOW_SCORE)})


@dataclass(frozen=True)
class OpenedBySource:
    """The opened complaints per origin (`bot/complaints/origin.py`), adding up to `opened`."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def after_answer(self) -> int:
        return sum(n for o, n in self.counts.items() if o in AFTER_ANSWER)

    @property
    def messages(self) -> int:
        return sum(n for o, n in self.counts.items() if o not in AFTER_ANSWER)

    @property
    def split(self) -> bool:
        """Worth a digest's words: both kinds came (with one kind only the line stays short;
        the dashboard's tile and the stats API give every count)."""
        return self.after_answer > 0 and self.messages > 0

    @property
    def only_messages(self) -> bool:
        """Messages came and no survey answer opened one: a week of questions to the shop's
        account must not read as that many unhappy customers."""
        return self.messages > 0 and self.after_answer == 0

    def by_origin(self) -> dict[str, int]:
        """Every origin, none left out (zeros included), in ORIGINS order."""
        return {o: self.counts.get(o, 0) for o in ORIGINS}


async def opened_by_source(
    tx: Tx, start: datetime, end: datetime, at: datetime, branch: str | None = None
) -> OpenedBySource:
    """The complaints the digest counts as opened (`StatsRepo.complaints`), by origin."""
    counts: dict[str, int] = {}
    for row in await tx.complaint_sources.opened(start, end, at, branch):
        key = origin(row.source, row.to_account)
        counts[key] = counts.get(key, 0) + row.opened
    return OpenedBySource(counts)

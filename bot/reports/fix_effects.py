"""Whether a fix worked: for a fix done that names a theme, the theme's mentions (and those
from detractors) in equal windows before and after the fix was marked done.

The window is the time since the fix up to the report's end, at most `WINDOW`, so both sides
are as long. Two counts of texts in equal windows are compared as Poisson counts: their
difference is beyond the noise when it exceeds 1.96·√(before + after) (the 95% margin of a
difference of two Poisson counts); under `FEWEST` texts on both sides together nothing is
said but "too few to tell". The counts are texts, not a share of the answers: a window in
which the shop had many more customers can have more mentions for that reason alone, which
the page says."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.surveys.rules import BANDS
from bot.themes import stored
from storage.db import Tx
from storage.models import CorrectiveAction

WINDOW = timedelta(days=28)  # each side at most
LOOK_BACK = timedelta(days=90)  # fixes done this long before the report's end are followed
SHOWN = 3
FEWEST = 10  # texts on both sides together for a verdict
SHORTEST = timedelta(days=1)  # a fix younger than this: too early to tell


@dataclass(frozen=True)
class Compared:
    before: int
    after: int

    @property
    def noise(self) -> float:
        return 1.96 * math.sqrt(self.before + self.after)

    @property
    def verdict(self) -> str:
        """down, up or same (beyond the noise or not), or few (too few to tell)."""
        if self.before + self.after < FEWEST:
            return "few"
        if abs(self.after - self.before) <= self.noise:
            return "same"
        return "down" if self.after < self.before else "up"


@dataclass(frozen=True)
class FixEffect:
    complaint_id: int
    theme: str
    name: dict[str, str]  # the theme's name by language
    done_at: datetime
    days: int  # each window's length; 0: too early to tell
    mentions: Compared
    detractors: Compared


async def fix_effects(tx: Tx, end: datetime, branch: str | None = None) -> list[FixEffect]:
    """The latest fixes done before `end` that name a current theme, each with its theme's
    mentions before and after."""
    fixes = await tx.corrective.themed_fixes(end - LOOK_BACK, end, SHOWN, branch)
    return await effects_of(tx, fixes, end, branch)


async def effects_of(
    tx: Tx, fixes: Sequence[CorrectiveAction], end: datetime, branch: str | None = None
) -> list[FixEffect]:
    """For each fix done that names a current theme (others are left out: a theme removed
    since has nothing to count it by), its theme's mentions before and after, to `end`."""
    themes = {t.theme: t for t in (await stored.current(tx)).themes}
    out = []
    for fix in fixes:
        if fix.theme not in themes or fix.fix_done_at is None:
            continue
        done = fix.fix_done_at
        window = min(end - done, WINDOW)
        if window < SHORTEST:
            window = timedelta(0)
        before = await tx.themes.counted(fix.theme, done - window, done, BANDS, branch)
        after = await tx.themes.counted(fix.theme, done, done + window, BANDS, branch)
        out.append(
            FixEffect(
                fix.complaint_id,
                fix.theme,
                {str(lang): name for lang, name in themes[fix.theme].name.items()},
                done,
                window.days,
                Compared(before[0], after[0]),
                Compared(before[1], after[1]),
            )
        )
    return out

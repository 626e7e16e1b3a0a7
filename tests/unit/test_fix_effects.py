"""A fix that names a theme: its mentions (and detractors' mentions) in equal windows before
and after the fix was done, judged against the noise of two counts, on either engine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.i18n import Catalog
from bot.reports.fix_effects import Compared, fix_effects
from bot.reports.fixed import effect_line
from bot.themes import stored
from storage.db import Database
from storage.states import ComplaintSource
from tests.support.reportdata import add_response

FIXED = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


async def shop(db: Database, before: int, after: int, *, theme: str | None = "delivery") -> None:
    """`before` detractors' comments about the courier in the two weeks before the fix,
    `after` in the two weeks after, a promoter's after it, and the fix."""
    async with db.transaction() as tx:
        n = 0
        for count, side in ((before, -1), (after, 1)):
            for i in range(count):
                n += 1
                at = FIXED + side * timedelta(hours=6 + 24 * (i % 13))
                await add_response(tx.conn, n, at, 2, comment="The courier was late again")
        await add_response(tx.conn, n + 1, FIXED + timedelta(days=1), 10, comment="Kind courier")
        complaint = await tx.complaints.add(
            1, ComplaintSource.LOW_SCORE, "", FIXED - timedelta(days=20), FIXED
        )
        await tx.corrective.ask(complaint.id, FIXED - timedelta(days=19))
        await tx.corrective.update(
            complaint.id,
            fix_needed_at=FIXED - timedelta(days=19),
            fix_done_at=FIXED,
            theme=theme,
        )
    await stored.retag_step(db, await stored.load(db))  # written raw: the job tags them


async def test_mentions_that_fell_beyond_the_noise_after_the_fix(db: Database) -> None:
    await shop(db, 12, 2)
    async with db.read() as tx:
        (effect,) = await fix_effects(tx, FIXED + timedelta(days=14))
    assert (effect.complaint_id, effect.theme, effect.days) == (1, "delivery", 14)
    assert effect.mentions == Compared(12, 3)  # the promoter's kind words count as mentions
    assert effect.detractors == Compared(12, 2)
    assert effect.mentions.verdict == effect.detractors.verdict == "down"
    t = Catalog.load().bind("en")
    assert effect_line(t, effect) == (
        "📉 Delivery since fix #1 (14 days before and after): mentioned 12 → 3 (fewer, bigger"
        " than the noise (±8)); by detractors 12 → 2 (fewer, bigger than the noise (±7))"
    )


async def test_the_windows_are_equal_and_few_mentions_are_not_judged(db: Database) -> None:
    await shop(db, 4, 2)
    async with db.read() as tx:
        (effect,) = await fix_effects(tx, FIXED + timedelta(days=3))  # 3 days since the fix
    assert effect.days == 3
    # only what was written in the 3 days either side
    assert effect.detractors.before == 3 and effect.detractors.after == 2
    assert effect.detractors.verdict == "few"
    ru = Catalog.load().bind("ru")
    assert "по 3 дня до и после" in effect_line(ru, effect)
    assert "слишком мало, чтобы судить" in effect_line(ru, effect)


async def test_a_change_within_the_noise_is_said_to_be_none(db: Database) -> None:
    assert Compared(10, 7).verdict == "same"  # 3 against ±8
    assert Compared(30, 10).verdict == "down" and Compared(10, 30).verdict == "up"


async def test_a_fix_with_no_theme_or_too_recent_says_so(db: Database) -> None:
    await shop(db, 3, 0, theme=None)
    async with db.read() as tx:
        assert await fix_effects(tx, FIXED + timedelta(days=14)) == []
    async with db.transaction() as tx:
        await tx.corrective.update(1, theme="delivery")
    async with db.read() as tx:
        (effect,) = await fix_effects(tx, FIXED + timedelta(hours=5))
    assert effect.days == 0
    sv = Catalog.load().bind("sv")
    assert effect_line(sv, effect) == (
        "📉 Leverans: åtgärd #1 gjordes för mindre än ett dygn sedan, för tidigt att säga"
    )

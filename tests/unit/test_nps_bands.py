"""The NPS categories are defined once (bot/surveys/rules.py); storage counts by the bands it
is handed, with no score of its own written into its SQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.surveys.rules import BANDS, Category, category
from storage.db import Database
from storage.repos.rows import Bands
from tests.support.reportdata import add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
END = START + timedelta(days=7)


def test_the_categories_are_the_bands() -> None:
    kinds = [category(score) for score in range(11)]
    assert kinds == [Category.DETRACTOR] * 7 + [Category.PASSIVE] * 2 + [Category.PROMOTER] * 2
    assert (BANDS.detractors_to, BANDS.promoters_from) == (6, 9)


async def test_every_count_follows_the_bands_it_is_handed(db: Database) -> None:
    async with db.transaction() as tx:
        for n, score in enumerate(range(11), start=1):
            await add_response(tx.conn, n, START + timedelta(hours=n), score, comment=f"c{n}")
    other = Bands(detractors_to=4, promoters_from=8)  # any bands, not the product's
    async with db.read() as tx:
        for bands, (promoters, detractors) in ((BANDS, (2, 7)), (other, (3, 5))):
            counts, _ = await tx.stats.surveys(START, END, bands)
            assert (counts.nps.promoters, counts.nps.detractors) == (promoters, detractors)
            (trend,) = await tx.stats.trend([START, END], bands)
            assert (trend.promoters, trend.detractors) == (promoters, detractors)
            by_branch = await tx.stats.nps_by("branch", START, END, bands)
            assert (by_branch["north"].promoters, by_branch["north"].detractors) == (
                promoters,
                detractors,
            )
            said = await tx.stats.detractor_comments(START, END, bands, limit=20)
            assert len(said) == detractors

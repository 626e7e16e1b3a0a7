"""The staff pulse in the digest, over hand-written rounds: eNPS with its margin from 5 answers
on, nothing but "too few" below, the latest round of the last 35 days; en, ru, sv."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Catalog
from bot.reports.digest import build_digest
from bot.reports.render import render_digest
from bot.timeparse import BusinessHours
from storage.db import Database
from tests.support.reportdata import add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
END = START + timedelta(days=7)
TZ = ZoneInfo("Europe/Stockholm")
ROUND = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)  # 10:00 in Stockholm, the 1st


async def pulse_round(db: Database, start: datetime, scores: list[int], words: list[str]) -> None:
    async with db.transaction() as tx:
        for n, score in enumerate(scores):
            await tx.pulse.ask(start, 9000 + n)
            await tx.pulse.add_score(start, score)
        await tx.pulse.ask(start, 8999)  # asked, never answered
        for text in words:
            await tx.pulse.add_comment(start, text)


async def digest_text(db: Database, language: str) -> str:
    async with db.read() as tx:
        d = await build_digest(tx, START, END, END, TZ, hours=BusinessHours(None))
    return render_digest(Catalog.load().bind(language), d, TZ)


async def test_enps_with_its_margin_next_to_the_customers_nps(db: Database) -> None:
    async with db.transaction() as tx:
        await add_response(tx.conn, 1, START + timedelta(days=1), 9)
    await pulse_round(db, ROUND - timedelta(days=31), [0, 0, 0, 0, 0], ["an old round"])
    await pulse_round(db, ROUND, [10, 9, 9, 7, 3, 0], ["More hands at lunch", "A new till"])
    text = await digest_text(db, "en")
    # 3 promoters, 2 detractors of 6: +16.7; var = 5/6 - 1/36 = .8056; 1.96·100·√(.8056/6) ≈ 72
    assert (
        "🤝 Team pulse (eNPS, round of 01.11.2026): +17 ±70 (n=6, too few answers), 7 asked"
        in text
    )
    assert text.index("NPS: too few answers to tell (n=1)") < text.index("Team pulse")
    assert "Promoters 100%" not in text  # one answer's "shares" say nothing either
    assert "«More hands at lunch»" in text and "«A new till»" in text
    assert "an old round" not in text
    ru = await digest_text(db, "ru")
    assert "🤝 Пульс команды (eNPS, опрос от 01.11.2026): +17 ±70" in ru
    sv = await digest_text(db, "sv")
    assert "🤝 Teampuls (eNPS, omgången 01.11.2026): +17 ±70" in sv


async def test_fewer_than_five_answers_show_nothing_but_that(db: Database) -> None:
    async with db.transaction() as tx:
        await add_response(tx.conn, 1, START + timedelta(days=1), 9)
    await pulse_round(db, ROUND, [10, 9, 2, 0], ["Something only one person would say"])
    text = await digest_text(db, "en")
    assert (
        "🤝 Team pulse (round of 01.11.2026): too few answers to show"
        " (4; at least 5 keep them anonymous)"
    ) in text
    assert "only one person" not in text and "eNPS" not in text
    ru = await digest_text(db, "ru")
    assert "слишком мало ответов, чтобы показать итог (4; для анонимности нужно не меньше 5)" in ru


async def test_no_round_in_the_last_35_days_no_line(db: Database) -> None:
    async with db.transaction() as tx:
        await add_response(tx.conn, 1, START + timedelta(days=1), 9)
    await pulse_round(db, END - timedelta(days=40), [10, 10, 10, 10, 10], [])
    assert "Team pulse" not in await digest_text(db, "en")


async def test_a_week_quiet_for_customers_still_shows_the_team_pulse(db: Database) -> None:
    """A shop's first weeks: no purchase yet, but the staff answered the pulse."""
    await pulse_round(db, ROUND, [10, 9, 9, 7, 3, 0], ["A new till"])
    text = await digest_text(db, "en")
    assert "Team pulse (eNPS, round of 01.11.2026): +17 ±70" in text
    assert "«A new till»" in text
    assert text.index("A quiet period") < text.index("Team pulse")

"""Where a period's complaints came from: after a survey answer or a message, in the digest's
line, on the dashboard's tile and in the stats API, counted by one GROUP BY."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.dashboard.report import tiles
from bot.i18n import Catalog
from bot.reports.as_json import digest_json
from bot.reports.digest import Digest, build_digest
from bot.reports.render import render_digest
from bot.reports.sources import OpenedBySource
from bot.timeparse import BusinessHours
from storage.db import Database
from storage.migrate import migrate
from storage.states import ComplaintSource
from tests.support.backend import database_url
from tests.support.reportdata import add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
END = START + timedelta(days=7)
TZ = ZoneInfo("Europe/Stockholm")
ALWAYS = BusinessHours(None)
LINE = {"ru": "Обращения:", "en": "Complaints:", "sv": "Ärenden:"}
LOW, COMMAND, MESSAGE = ComplaintSource.LOW_SCORE, ComplaintSource.COMMAND, ComplaintSource.MESSAGE


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(database_url(tmp_path, "sources", migrated=True))
    await database.connect()
    await migrate(database.conn)
    yield database
    await database.close()


async def _complaint(
    db: Database,
    number: int,
    source: ComplaintSource,
    opened: datetime,
    *,
    branch: str = "north",
    account: str | None = None,
) -> None:
    """Customer `number` bought in `branch` and had a complaint opened at `opened`; `account`:
    it came to the shop's Telegram account through that business connection."""
    async with db.transaction() as tx:
        await add_response(tx.conn, number, opened, 2 if source == LOW else None, branch=branch)
        added = await tx.complaints.add(number, source, "", opened, opened, purchase_id=number)
        if account is not None:
            await tx.complaints.update(added.id, business_connection_id=account)


async def _digest(db: Database, branch: str | None = None, now: datetime = END) -> Digest:
    async with db.read() as tx:
        return await build_digest(tx, START, END, now, TZ, branch, hours=ALWAYS)


async def test_the_figures_count_each_source_once_and_add_up_to_opened(db: Database) -> None:
    """Two low scores, a /complaint, two messages to the bot and one to the shop's account in
    the week; one of another branch; one the week after; one later than the moment a running
    week is judged at. The API's breakdown adds up to its `opened`, whatever the branch."""
    day = START + timedelta(days=1)
    await _complaint(db, 1, LOW, day)
    await _complaint(db, 2, LOW, day + timedelta(hours=1))
    await _complaint(db, 3, COMMAND, day)
    await _complaint(db, 4, MESSAGE, day)
    await _complaint(db, 5, MESSAGE, day)
    await _complaint(db, 6, MESSAGE, day, account="bc-1")
    await _complaint(db, 7, MESSAGE, day, branch="south", account="bc-1")
    await _complaint(db, 8, LOW, END)  # the next week's
    await _complaint(db, 9, LOW, day + timedelta(days=2))  # after "now" below

    d = await _digest(db)
    sources = digest_json(d)["complaints"]
    assert sources["opened"] == 8
    assert sources["opened_by_source"] == {
        "low_score": 3,
        "command": 1,
        "message": 2,
        "account_message": 2,
    }
    north = digest_json(await _digest(db, "north"))["complaints"]
    assert north["opened"] == 7
    assert north["opened_by_source"]["account_message"] == 1
    running = digest_json(await _digest(db, now=day + timedelta(hours=2)))["complaints"]
    assert running["opened"] == 7
    assert running["opened_by_source"] == {
        "low_score": 2,
        "command": 1,
        "message": 2,
        "account_message": 2,
    }

    ru = render_digest(Catalog.load().bind("ru"), d, TZ)
    assert "Обращения: поступило 8 (3 после опроса, 5 сообщений), решено 0" in ru
    en = render_digest(Catalog.load().bind("en"), d, TZ)
    assert "Complaints: 8 opened (3 after survey answers, 5 messages), 0 resolved" in en
    tile = next(t for t in tiles(Catalog.load().bind("sv"), d) if t.figure.startswith("compl"))
    assert "8 öppnade under perioden (3 efter enkätsvar, 5 meddelanden)" in tile.notes


async def test_a_quiet_period_has_every_source_at_zero(db: Database) -> None:
    d = await _digest(db)
    assert digest_json(d)["complaints"]["opened_by_source"] == {
        "low_score": 0,
        "command": 0,
        "message": 0,
        "account_message": 0,
    }


def _line(language: str, d: Digest, after_answer: int, messages: int) -> str:
    """The digest's complaints line for `after_answer` + `messages` opened, none resolved."""
    counts = {"low_score": after_answer, "account_message": messages}
    opened = after_answer + messages
    d = dataclasses.replace(
        d,
        complaints=dataclasses.replace(d.complaints, opened=opened, still_open=opened),
        opened_by=OpenedBySource(counts),
    )
    text = render_digest(Catalog.load().bind(language), d, TZ)
    return next(line for line in text.splitlines() if line.startswith(LINE[language]))


@pytest.mark.parametrize(
    ("language", "after_answer", "messages", "said"),
    [
        ("ru", 5, 12, "Обращения: поступило 17 (5 после опроса, 12 сообщений), решено 0,"),
        ("ru", 1, 1, "поступило 2 (1 после опроса, 1 сообщение), решено"),
        ("ru", 2, 3, "поступило 5 (2 после опроса, 3 сообщения), решено"),
        ("ru", 1, 21, "поступило 22 (1 после опроса, 21 сообщение), решено"),
        ("en", 5, 12, "Complaints: 17 opened (5 after survey answers, 12 messages), 0 resolved"),
        ("en", 1, 1, "2 opened (1 after a survey answer, 1 message), 0 resolved"),
        ("sv", 5, 12, "Ärenden: 17 öppnade (5 efter enkätsvar, 12 meddelanden), 0 lösta"),
        ("sv", 2, 1, "3 öppnade (2 efter enkätsvar, 1 meddelande), 0 lösta"),
    ],
)
async def test_the_line_says_where_they_came_from_in_each_language(
    db: Database, language: str, after_answer: int, messages: int, said: str
) -> None:
    d = await _digest(db)
    assert said in _line(language, d, after_answer, messages)


@pytest.mark.parametrize(
    ("language", "after_answer", "messages", "said"),
    [
        ("ru", 4, 0, "Обращения: поступило 4, решено 0, ещё в работе 4"),
        ("sv", 4, 0, "Ärenden: 4 öppnade, 0 lösta, 4 fortfarande öppna"),
    ],
)
async def test_one_kind_only_keeps_the_line_short(
    db: Database, language: str, after_answer: int, messages: int, said: str
) -> None:
    d = await _digest(db)
    assert _line(language, d, after_answer, messages) == said
    tile = next(
        t for t in tiles(Catalog.load().bind(language), d) if t.figure == "complaints.still_open"
    )
    assert not any("(" in note for note in tile.notes)


@pytest.mark.parametrize(
    ("language", "said", "note"),
    [
        ("ru", "Обращения: поступило 12 (все — сообщения), решено 0, ещё в работе 12", "все"),
        ("en", "Complaints: 12 opened (all messages), 0 resolved, 12 still open", "all"),
        ("sv", "Ärenden: 12 öppnade (alla meddelanden), 0 lösta, 12 fortfarande öppna", "alla"),
    ],
)
async def test_a_period_of_messages_only_says_so(
    db: Database, language: str, said: str, note: str
) -> None:
    """A week of questions to the shop's account and nothing from surveys is the case the
    figures must not let pass for unhappy customers."""
    d = await _digest(db)
    assert _line(language, d, 0, 12) == said
    d = dataclasses.replace(
        d,
        complaints=dataclasses.replace(d.complaints, opened=12, still_open=12),
        opened_by=OpenedBySource({"account_message": 12}),
    )
    tile = next(
        t for t in tiles(Catalog.load().bind(language), d) if t.figure == "complaints.still_open"
    )
    assert any(f"({note}" in n for n in tile.notes)

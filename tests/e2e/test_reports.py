"""Digests and reports end to end: the cron digest after downtime, owner commands, the API."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import openpyxl
import pytest

from bot.app import App
from bot.reports import delivery, ondemand
from faketg import FakeTelegramServer, World
from storage.states import ReportKind
from tests.support.helpers import STAFF_CHAT, ManualClock, wait_for
from tests.support.journey import MakeApp, get, wait_new_message
from tests.support.reportdata import add_response
from tests.support.staffroom import OWNER, staff_group

SETTINGS: dict[str, Any] = {"timezone": "Europe/Stockholm", "owner_ids": str(OWNER)}
MONDAY_0800 = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 08:00 in Stockholm


async def seed(app: App, first: int, sent: datetime, scores: list[int]) -> None:
    async with app.db.transaction() as tx:
        for n, score in enumerate(scores, start=first):
            await add_response(tx.conn, n, sent, score, csat=4, comment=f"comment {n}")


def digests(world: World, chat: int) -> list[str]:
    return [str(s.text) for s in world.sent_to(chat) if str(s.text).startswith("📊")]


def photos(world: World, chat: int) -> int:
    return sum(1 for s in world.sent_to(chat) if s.method == "sendPhoto")


async def test_a_digest_missed_while_down_arrives_once_after_start(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    clock = ManualClock(MONDAY_0800)
    first = await make_app(clock=clock, **SETTINGS)
    await seed(first, 1000, MONDAY_0800 - timedelta(days=3), [10, 9, 8, 3, 10])
    await asyncio.sleep(0.5)  # the start-up run found nothing due (it is 08:00)
    assert digests(world, OWNER) == []
    await first.stop()

    clock.advance(timedelta(hours=1, minutes=30))  # down across Monday 09:00
    second = await make_app(clock=clock, **SETTINGS)
    await wait_for(lambda: photos(world, OWNER) == 1, what="digest chart")
    (text,) = digests(world, OWNER)
    assert text.startswith("📊 Weekly digest, 16.11.2026 09:00 – 23.11.2026 09:00")
    assert "NPS +40 ±" in text and "(n=5, too few answers)" in text
    await wait_for(lambda: any("Daily brief" in str(s.text) for s in world.sent_to(STAFF_CHAT)))
    await second.stop()

    await make_app(clock=clock, **SETTINGS)
    await asyncio.sleep(1.0)
    assert len(digests(world, OWNER)) == 1 and photos(world, OWNER) == 1
    assert sum("Daily brief" in str(s.text) for s in world.sent_to(STAFF_CHAT)) == 1


async def test_owner_commands_and_who_may_use_them(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(**SETTINGS)
    await seed(app, 1000, datetime.now(UTC) - timedelta(days=1), [9, 6, 10])
    world.add_user(7401, "Nosy", "en")
    await world.user_sends(7401, "/digest")
    await wait_new_message(world, 7401, "This command is for the owners.")
    assert not any(s.method == "sendPhoto" for s in world.sent_to(7401))

    await world.user_sends(OWNER, "/digest")
    await wait_for(lambda: photos(world, OWNER) == 1, what="on-demand digest")
    assert digests(world, OWNER)[0].startswith("📊 The last 7 days")
    notices = [s for s in world.sent_to(OWNER) if str(s.text).startswith("Preparing it")]
    assert notices  # "a moment…" while it is built, then gone: the report replaces it
    await wait_for(
        lambda: all((OWNER, n.message_id) not in world.messages for n in notices),
        what="the 'preparing' notice deleted",
    )
    await world.user_sends(OWNER, "/help")
    owner_help = await wait_new_message(world, OWNER, "For owners:")
    assert "/complaint" in str(owner_help.text) and "/export" in str(owner_help.text)
    await world.user_sends(OWNER, "/report 2026-10-31")
    await wait_new_message(world, OWNER, "Use: /report 2026-10-01 2026-10-31")
    await world.user_sends(OWNER, "/report 01.10.2026 31.10.2026")  # as the bot writes days
    await wait_new_message(world, OWNER, "📊 Report, 01.10.2026–31.10.2026")
    await world.user_sends(OWNER, "/export")
    await wait_for(
        lambda: sum(s.method == "sendDocument" for s in world.sent_to(OWNER)) == 2, what="CSVs"
    )
    documents = [s for s in world.sent_to(OWNER) if s.method == "sendDocument"]
    captions = [str(s.text) for s in documents]
    assert captions[0].startswith("Survey answers: 3 rows") and captions[1].startswith(
        "Complaints:"
    )
    sent = documents[0].message["document"]
    assert sent["file_name"].startswith("responses-") and sent["file_name"].endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(world.files[sent["file_id"]])).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["No.", "Order", "Branch"]
    assert sorted(row[7] for row in sheet.iter_rows(min_row=2, values_only=True)) == [6, 9, 10]
    notices = [s for s in world.sent_to(OWNER) if str(s.text).startswith("Preparing it")]
    assert len(notices) == 3  # /digest, /report and /export: none left once answered
    await wait_for(
        lambda: all((OWNER, n.message_id) not in world.messages for n in notices),
        what="every 'preparing' notice deleted",
    )


async def test_a_report_asked_for_before_a_restart_still_arrives_once(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The owner was told "Preparing it…" and the process stopped before the report was built
    (a deploy, a crash): the request was stored with the command, so the next start builds and
    sends it; the start after that finds nothing left to do."""
    world = fake.world
    staff_group(world)
    first = await make_app(**SETTINGS)
    now = datetime.now(UTC)
    await seed(first, 1000, now - timedelta(days=1), [9, 6, 10])
    async with first.db.transaction() as tx:  # what /export commits; its process then stops
        await tx.report_requests.add(ReportKind.EXPORT, OWNER, now - timedelta(days=7), now, now)
    await first.stop()
    assert not any(s.method == "sendDocument" for s in world.sent_to(OWNER))

    second = await make_app(**SETTINGS)
    await wait_for(
        lambda: sum(s.method == "sendDocument" for s in world.sent_to(OWNER)) == 2, what="CSVs"
    )
    await second.stop()
    await make_app(**SETTINGS)
    await asyncio.sleep(1.0)
    assert sum(s.method == "sendDocument" for s in world.sent_to(OWNER)) == 2


async def test_a_request_whose_build_never_finishes_is_given_up_and_said_so(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Three starts began building it and none finished (it took the process down each time):
    the fourth tells the owner instead of trying again."""
    world = fake.world
    staff_group(world)
    first = await make_app(**SETTINGS)
    now = datetime.now(UTC)
    async with first.db.transaction() as tx:
        added = await tx.report_requests.add(ReportKind.DIGEST, OWNER, now, now, now)
        await tx.conn.execute("UPDATE report_requests SET attempts = 3 WHERE id = ?", (added,))
    await first.stop()
    await make_app(**SETTINGS)
    await wait_new_message(world, OWNER, "Sorry, that report could not be built")
    assert digests(world, OWNER) == []


async def test_a_failed_build_is_tried_again_and_a_hopeless_one_is_given_up_once(
    make_app: MakeApp, fake: FakeTelegramServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first build fails (say, the database was locked): the second sends the digest. A
    build that always fails is tried three times, then the owner is told, once."""
    world = fake.world
    staff_group(world)
    real = delivery.prepare
    failures = {"left": 1}

    async def flaky(*args: Any) -> Any:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise RuntimeError("database is locked")
        return await real(*args)

    monkeypatch.setattr("bot.reports.ondemand.prepare", flaky)
    monkeypatch.setattr(ondemand, "RETRY_AFTER", 0.05)
    app = await make_app(**SETTINGS)
    await seed(app, 1000, datetime.now(UTC) - timedelta(days=1), [9, 6, 10])
    await world.user_sends(OWNER, "/digest")
    await wait_for(lambda: len(digests(world, OWNER)) == 1, what="the digest, second try")
    failures["left"] = 10
    await world.user_sends(OWNER, "/digest")
    await wait_new_message(world, OWNER, "Sorry, that report could not be built")
    await asyncio.sleep(0.5)
    assert failures["left"] == 7  # three tries
    assert sum("could not be built" in str(s.text) for s in world.sent_to(OWNER)) == 1
    assert len(digests(world, OWNER)) == 1


async def test_stats_and_responses_api(make_app: MakeApp, fake: FakeTelegramServer) -> None:
    app = await make_app(**SETTINGS)
    await seed(app, 1000, datetime(2026, 10, 10, 12, 0, tzinfo=UTC), [10, 10, 9, 7, 0])
    status, body = await get(app, "/api/v1/stats?from=2026-10-01&to=2026-10-31")
    assert status == 200
    assert body["nps"]["n"] == 5 and body["nps"]["nps"] == 40.0
    assert body["nps"]["too_few_answers"] is True
    assert body["distribution"][10] == 2 and body["by_branch"]["north"]["n"] == 5
    # Five answers are too few, and a margin of ±0 would read as a certainty they cannot give.
    assert body["by_branch"]["north"]["too_few_answers"] is True
    assert body["by_branch"]["north"]["margin_95"] > 50
    # Customers with no segment are in the shop's figure, not in a group named "".
    assert "" not in body["by_segment"] and "" not in body["by_branch"]
    assert body["from"].startswith("2026-09-30T22:00:00")  # local midnight in Stockholm
    assert (await get(app, "/api/v1/stats", token=None))[0] == 401
    status, body = await get(app, "/api/v1/stats?from=2026-13-01&to=2026-10-31")
    assert status == 422 and body["fields"][0]["field"] == "from"
    assert (await get(app, "/api/v1/stats?from=2026-10-01"))[0] == 422

    status, page = await get(app, "/api/v1/responses?limit=3")
    assert status == 200 and [r["nps"] for r in page["responses"]] == [10, 10, 9]
    status, rest = await get(app, f"/api/v1/responses?limit=3&since={page['next_since']}")
    assert [r["order_id"] for r in rest["responses"]] == ["O-1003", "O-1004"]
    assert rest["next_since"] is None
    assert (await get(app, "/api/v1/responses?limit=0"))[0] == 422
    assert (await get(app, "/api/v1/responses?since=-1"))[0] == 422

    async with app.db.transaction() as tx:  # a branch with purchases, none in the period
        await add_response(tx.conn, 2000, datetime(2026, 8, 1, tzinfo=UTC), 9, branch="south")
    south = await get(app, "/api/v1/stats?from=2026-10-01&to=2026-10-31&branch=south")
    assert south[0] == 200 and south[1]["nps"]["n"] == 0
    # A branch no purchase ever had is a typo, not a quiet branch: it is named, with the known.
    status, body = await get(app, "/api/v1/stats?from=2026-10-01&to=2026-10-31&branch=Nowhere")
    assert status == 422 and body["fields"][0]["field"] == "branch"
    assert "north, south" in body["fields"][0]["message"]


async def test_export_in_a_russian_shop_sends_files_named_in_russian(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The names travel as Telegram shows them (UTF-8 in the upload, not percent-encoded)."""
    world = fake.world
    staff_group(world)
    app = await make_app(staff_language="ru", **SETTINGS)
    await seed(app, 1000, datetime.now(UTC) - timedelta(days=2), [9])  # ids clear of the bot's
    world.add_user(OWNER, "Owner", "ru")
    await world.user_sends(OWNER, "/export")
    await wait_for(
        lambda: sum(s.method == "sendDocument" for s in world.sent_to(OWNER)) == 2, what="files"
    )
    names = [
        s.message["document"]["file_name"]
        for s in world.sent_to(OWNER)
        if s.method == "sendDocument"
    ]
    assert names[0].startswith("ответы-") and names[1].startswith("обращения-"), names
    assert all(name.endswith(".xlsx") for name in names)

"""The SLA escalation to managers and owners, at the dispatcher: it names who has the complaint
(the holder, else the one it was assigned to, saying which) and what the customer wrote."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.complaints import ladder
from bot.complaints.callbacks import AssignPress, StaffAction, StaffPress
from tests.support.helpers import STAFF_CHAT, ManualClock, make_settings
from tests.support.updates import feed, message, outbox_rows, press

STAFF_ID, OWNER, CUSTOMER = 501, 601, 7301
SAID = "The parcel came crushed and soaking wet, and the courier just laughed at me"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
async def offline(tmp_path: Path, clock: ManualClock) -> AsyncIterator[App]:
    settings = make_settings(
        tmp_path, staff_ids=str(STAFF_ID), owner_ids=str(OWNER), sla_resolve="PT2H"
    )
    app = await create_app(settings, clock=clock)
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def escalations(app: App, clock: ManualClock) -> list[str]:
    """The resolve deadline passes; what the owner is told."""
    clock.advance(timedelta(hours=3))
    async with app.db.transaction() as tx:
        await ladder.fire_due(tx, app.complaints)
    return [str(p["text"]) for _, p in await outbox_rows(app, OWNER) if "🚨" in str(p["text"])]


async def test_an_assigned_complaint_names_its_assignee_and_what_it_is_about(
    offline: App, clock: ManualClock
) -> None:
    await feed(offline, message(1, CUSTOMER, SAID))
    assign = AssignPress(complaint_id=1, user_id=STAFF_ID).pack()
    await feed(offline, press(2, STAFF_ID, assign, chat_id=STAFF_CHAT))  # "P", not taken
    (told,) = await escalations(offline, clock)
    assert "nobody" not in told
    assert 'Assigned to <a href="tg://user?id=501">P</a>, not taken yet.' in told
    assert "«The parcel came crushed and soaking wet" in told


async def test_a_taken_complaint_names_its_holder(offline: App, clock: ManualClock) -> None:
    await feed(offline, message(1, CUSTOMER, SAID))
    take = StaffPress(action=StaffAction.TAKE, complaint_id=1).pack()
    await feed(offline, press(2, STAFF_ID, take, chat_id=STAFF_CHAT))
    (told,) = await escalations(offline, clock)
    assert "Handled by: " in told and "tg://user?id=501" in told
    assert "«The parcel came crushed" in told

"""The owners' dashboard seen from the chat: what /dashboard sends, and /forget_me ending the
person's dashboard sessions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from bot.dashboard.access import Dashboard
from tests.support.helpers import make_settings
from tests.support.updates import feed, message

OWNER = 9501


def press(update_id: int, user_id: int, data: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"q{update_id}",
            "from": {"id": user_id, "is_bot": False, "first_name": "P"},
            "chat_instance": "x",
            "data": data,
            "message": {
                "message_id": update_id - 1,
                "date": 1_700_000_000,
                "chat": {"id": user_id, "type": "private"},
                "text": "?",
            },
        },
    }


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path, owner_ids=str(OWNER)))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def test_an_owners_forget_me_ends_their_dashboard_sessions(offline: App) -> None:
    dashboard: Dashboard = offline.wiring.workflow["dashboard"]
    async with offline.db.transaction() as tx:
        link = await dashboard.link(tx, OWNER)
    signed_in = await dashboard.from_link(link.split("token=", 1)[1])
    assert signed_in is not None
    async with offline.db.transaction() as tx:
        unused = await dashboard.link(tx, OWNER)
    await feed(offline, message(1, OWNER, "/start"), message(2, OWNER, "/forget_me"))
    assert await dashboard.session(signed_in.cookie) is not None  # only asked, not confirmed
    await feed(offline, press(4, OWNER, "forget:1:1"))
    assert await dashboard.session(signed_in.cookie) is None
    assert await dashboard.from_link(unused.split("token=", 1)[1]) is None

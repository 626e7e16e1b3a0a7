"""Fixtures for the end-to-end journeys."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from faketg import FakeTelegramServer
from storage.clock import utc_now
from tests.support.api import API_SECRET
from tests.support.helpers import FAKE_SCALE, SCALE, ManualClock, make_settings, start
from tests.support.journey import API_TOKEN, MakeApp
from tests.support.staffroom import REAL_LIMITS


@pytest.fixture
async def make_app(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[MakeApp]:
    started: list[App] = []

    async def make(
        clock: ManualClock | None = None, *, real_limits: bool = False, **overrides: Any
    ) -> App:
        """An app at Telegram's limits scaled 10x (both sides), or at the real ones."""
        values: dict[str, Any] = {
            "api_token": API_TOKEN,
            "survey_delay": "1",
            "quiet_hours": "off",
            **(REAL_LIMITS if real_limits else SCALE),
        }
        if not real_limits:
            fake.world.set_limits(FAKE_SCALE)
        values.update(overrides)
        app = await create_app(
            make_settings(tmp_path, fake.url, **values),
            poll_timeout=1,
            tick_seconds=0.2,
            clock=clock or utc_now,
        )
        await start(app)
        started.append(app)
        return app

    yield make
    for app in started:
        await app.stop()  # if the test did not


@pytest.fixture
async def api(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path, fake.url, api_token=API_SECRET), poll_timeout=1)
    await start(app)
    yield app
    await app.stop()

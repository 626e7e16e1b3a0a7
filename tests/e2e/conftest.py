"""Fixtures for the end-to-end journeys."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from faketg import FakeTelegramServer
from tests.e2e.journey import API_TOKEN, MakeApp
from tests.helpers import ManualClock, make_settings, start


@pytest.fixture
async def make_app(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[MakeApp]:
    started: list[App] = []

    async def make(clock: ManualClock | None = None, **overrides: Any) -> App:
        values: dict[str, Any] = {
            "api_token": API_TOKEN,
            "survey_delay": "1",
            "quiet_hours": "off",
            "send_global_per_second": 300,
            "send_private_per_second": 10,
        }
        values.update(overrides)
        app = await create_app(
            make_settings(tmp_path, fake.url, **values), poll_timeout=1, tick_seconds=0.2
        )
        if clock is not None:  # before the first tick
            app.surveys.clock = clock
        await start(app)
        started.append(app)
        return app

    yield make
    for app in started:
        if app.poller is not None and not app.poller._stopping:
            await app.stop()

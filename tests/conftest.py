from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from faketg import FakeTelegramServer
from faketg.contract import Contract, reference_path
from storage.db import Database
from storage.migrate import migrate
from tests.support.backend import database_url, drop_created
from tests.support.helpers import TOKEN, make_settings, start
from tests.support.ordering import slowest_first

# The slowest tests, slowest first (`--durations` of `make test`): each begins a worker's share
# of the suite (xdist's worksteal hands each worker a contiguous slice of the collection), so
# none of them starts last and keeps the whole run waiting while the other workers are idle.
SLOWEST = (
    "tests/e2e/test_crash.py",
    "tests/e2e/test_events_crash.py",
    "tests/e2e/test_failover.py",  # under `make test-pg`
    "tests/e2e/test_sandbox.py",
    "tests/e2e/test_demo.py",
    "tests/dispatch/test_fuzz_updates.py",
    "tests/dispatch/test_fuzz_api.py",
    "tests/e2e/test_cli.py::test_a_second_process",
    "tests/e2e/test_cli.py::test_an_unusable_database",
    "tests/e2e/test_dashboard_browser.py",
    "tests/e2e/test_complaint_storm.py",
    "tests/e2e/test_events.py::test_events_test_pings",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    items[:] = slowest_first(items, workers, lambda item: item.nodeid, SLOWEST)


@pytest.fixture(autouse=True)
def _fresh_databases() -> Iterator[None]:
    """Under `make test-pg`: the test's databases are dropped after it."""
    yield
    drop_created()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database of the test's own (SQLite, or PostgreSQL under `make test-pg`)."""
    database = Database(database_url(tmp_path, "test", migrated=True))
    await database.connect()
    await migrate(database.conn)
    yield database
    await database.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramServer]:
    server = FakeTelegramServer(token=TOKEN)
    await server.start()
    yield server
    await server.stop()
    CHECKED.append(server.contract is not None)
    # Every request the bot made must conform to the official Bot API reference.
    assert not server.world.violations, server.world.violations[:10]


CHECKED: list[bool] = []  # per test with a fake: was the Bot API reference there to check?


def pytest_sessionfinish(session: pytest.Session) -> None:
    """On an xdist worker: hand this worker's CHECKED to the controller, which reports."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["checked"] = CHECKED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """On the xdist controller: gather what each worker checked (see pytest_sessionfinish)."""
    CHECKED.extend(getattr(node, "workeroutput", {}).get("checked", []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not CHECKED:
        return
    if all(CHECKED):
        contract = Contract.load()
        version = contract.version if contract else "?"
        line = f"every request to the fake checked against the {version} reference"
    else:
        line = f"requests NOT checked against the Bot API: {reference_path()} not found"
    terminalreporter.write_line(f"Bot API conformance: {line} ({len(CHECKED)} tests)")


@pytest.fixture
async def app(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[App]:
    application = await create_app(make_settings(tmp_path, fake.url), poll_timeout=1)
    await start(application)
    yield application
    await application.stop()

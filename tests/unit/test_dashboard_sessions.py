"""Dashboard sign-ins in the database: a link works once and only while fresh; a session ends
when revoked or expired; only digests of the secrets are stored; old ones are pruned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.dashboard.access import Dashboard, DashboardConfig, NotAllowed, digest
from bot.roles import Roles
from storage.db import Database

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
CONFIG = DashboardConfig("1:x", "https://shop.example/app")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


async def test_a_link_signs_in_once_while_fresh_and_a_session_until_revoked(db: Database) -> None:
    clock = Clock()
    dashboard = Dashboard(db, CONFIG, Roles([1], [2]), clock)
    async with db.transaction() as tx:
        first = await dashboard.link(tx, 1)
        late = await dashboard.link(tx, 2)
    token = first.split("token=", 1)[1]
    signed_in = await dashboard.from_link(token)
    assert signed_in is not None and signed_in.session.role == "owner"
    assert await dashboard.from_link(token) is None  # used
    clock.now = NOW + timedelta(minutes=11)
    assert await dashboard.from_link(late.split("token=", 1)[1]) is None  # expired

    session = await dashboard.session(signed_in.cookie)
    assert session is not None and session.user_id == 1
    async with db.read() as tx:
        stored = await tx.conn.fetch_all("SELECT digest FROM dashboard_sessions")
    assert [row[0] for row in stored] == [digest(signed_in.cookie)]  # never the cookie itself
    await dashboard.sign_out(session)
    assert await dashboard.session(signed_in.cookie) is None

    async with db.transaction() as tx:
        with pytest.raises(NotAllowed):  # neither an owner nor a manager
            await dashboard.link(tx, 3)
        assert await tx.dashboard.prune(NOW + timedelta(days=30)) == 3  # 2 links, 1 session


async def test_someone_removed_from_the_owners_is_signed_out_at_once(db: Database) -> None:
    clock = Clock()
    before = Dashboard(db, CONFIG, Roles([1], []), clock)
    async with db.transaction() as tx:
        link = await before.link(tx, 1)
    signed_in = await before.from_link(link.split("token=", 1)[1])
    assert signed_in is not None
    after = Dashboard(db, CONFIG, Roles([], []), clock)  # OWNER_IDS changed
    assert await after.session(signed_in.cookie) is None


async def test_an_owner_moved_to_the_managers_has_a_managers_session_at_once(
    db: Database,
) -> None:
    clock = Clock()
    before = Dashboard(db, CONFIG, Roles([1], []), clock)
    async with db.transaction() as tx:
        link = await before.link(tx, 1)
    signed_in = await before.from_link(link.split("token=", 1)[1])
    assert signed_in is not None and signed_in.session.role == "owner"
    after = Dashboard(db, CONFIG, Roles([], [1]), clock)  # demoted
    session = await after.session(signed_in.cookie)
    assert session is not None and session.role == "manager"
    promoted = Dashboard(db, CONFIG, Roles([1], [1]), clock)
    session = await promoted.session(signed_in.cookie)
    assert session is not None and session.role == "owner"

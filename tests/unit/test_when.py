"""The registry of "when this happens": receivers run in the order they were connected, with
what happened, and one that fails stops the rest (its transaction fails, as any code in it)."""

from __future__ import annotations

import pytest

from bot.when import Signal, When


async def test_receivers_run_in_the_order_connected_with_what_happened() -> None:
    heard: list[tuple[str, int, int]] = []
    moved: Signal[[int, int]] = Signal()

    async def staff_chat(old: int, new: int) -> None:
        heard.append(("staff", old, new))

    async def digest_chat(old: int, new: int) -> None:
        heard.append(("digest", old, new))

    moved.connect(staff_chat)
    moved.connect(digest_chat)
    await moved.send(-1, -1001)
    assert heard == [("staff", -1, -1001), ("digest", -1, -1001)]


async def test_a_receiver_that_fails_stops_the_rest_and_says_so() -> None:
    heard: list[int] = []
    changed: Signal[[int]] = Signal()

    async def broken(survey_id: int) -> None:
        raise RuntimeError("database is locked")

    async def after(survey_id: int) -> None:
        heard.append(survey_id)

    changed.connect(broken)
    changed.connect(after)
    with pytest.raises(RuntimeError):
        await changed.send(7)
    assert heard == []


def test_each_app_has_its_own_registry() -> None:
    first, second = When(), When()
    assert first.survey_changed is not second.survey_changed
    assert first.sent is not second.sent

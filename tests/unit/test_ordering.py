"""Slow tests first in each xdist worker's share, and every selected test exactly once, also
when a selection leaves more slow tests than a share holds (it once raised StopIteration)."""

from __future__ import annotations

from tests.support.ordering import slowest_first

SLOW = ("slow",)


def test_each_share_begins_with_a_slow_test() -> None:
    items = ["a", "b", "slow1", "c", "d", "slow2", "e", "f"]
    ordered = slowest_first(items, 2, str, SLOW)
    assert sorted(ordered) == sorted(items)
    assert ordered[0] == "slow1" and ordered[4] == "slow2"  # shares of 4 and 4


def test_a_selection_of_only_slow_tests_keeps_every_test_once() -> None:
    for count in range(1, 10):
        for workers in range(1, 5):
            items = [f"slow{n}" for n in range(count)] + ["x"] * (count % 3)
            ordered = slowest_first(items, workers, str, SLOW)
            assert sorted(ordered) == sorted(items), (count, workers)

"""The order tests are handed to pytest-xdist's workers in: the slowest first in each share."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def slowest_first(
    items: Sequence[T], workers: int, name: Callable[[T], str], slowest: Sequence[str]
) -> list[T]:
    """`items` reordered so that the slow ones (named by a prefix of `slowest`, slowest
    first) begin the contiguous slices xdist's worksteal hands its `workers`, spread over
    them; every item once, whatever is selected (a `-k` may leave only slow ones)."""
    slow = list(
        dict.fromkeys(i for prefix in slowest for i in items if name(i).startswith(prefix))
    )
    chosen = set(map(id, slow))
    rest = iter([item for item in items if id(item) not in chosen])
    shares: list[list[T]] = [[] for _ in range(max(workers, 1))]
    for i, item in enumerate(slow):
        shares[i % len(shares)].append(item)
    left = len(items)
    ordered: list[T] = []
    for i, share in enumerate(shares):  # the slice sizes of xdist's WorkStealingScheduling
        size = left // (len(shares) - i)
        left -= size
        ordered += share + list(itertools.islice(rest, max(size - len(share), 0)))
    return ordered + list(rest)

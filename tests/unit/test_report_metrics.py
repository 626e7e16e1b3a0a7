"""NPS, its margin of error and the change test against hand-computed tables."""

from __future__ import annotations

import math

import pytest

from bot.reports.metrics import change, mean, nps, share
from storage.repos.stats import NpsCounts


def _adjusted(n: int, promoters: int, detractors: int) -> float:
    """Below 30 answers the spread is estimated with one imaginary answer of each kind added
    (promoter, passive, detractor); the sample size stays n."""
    p, d = (promoters + 1) / (n + 3), (detractors + 1) / (n + 3)
    return 1.96 * 100 * math.sqrt((p + d - (p - d) ** 2) / n)


@pytest.mark.parametrize(
    ("n", "promoters", "detractors", "score", "margin"),
    [
        # 50 % promoters, 20 % detractors: NPS 30; var = .7 - .09 = .61; 1.96·100·√(.61/100)
        (100, 50, 20, 30.0, 1.96 * 100 * math.sqrt(0.61 / 100)),  # ≈ 15.31
        # 30 answers or more: the formula as it stands, even with no spread at all
        (30, 30, 0, 100.0, 0.0),
        # all promoters among 10: NPS 100, but ten answers do not make it certain
        (10, 10, 0, 100.0, _adjusted(10, 10, 0)),  # ≈ 35.7
        # all detractors
        (4, 0, 4, -100.0, _adjusted(4, 0, 4)),  # ≈ 71.4
        # 1 of each of 3: NPS 0; the imaginary answers keep the spread: var = 2/3; 1.96·100·√(2/9)
        (3, 1, 1, 0.0, 1.96 * 100 * math.sqrt(2 / 9)),  # ≈ 92.4
        # one passive only
        (1, 0, 0, 0.0, _adjusted(1, 0, 0)),  # ≈ 138.6
    ],
)
def test_nps_and_margin(
    n: int, promoters: int, detractors: int, score: float, margin: float
) -> None:
    result = nps(NpsCounts(n, promoters, detractors))
    assert result.score == pytest.approx(score)
    assert result.margin == pytest.approx(margin)
    assert result.promoters + result.passives + result.detractors == pytest.approx(1.0)


@pytest.mark.parametrize("n", range(1, 30))
def test_a_handful_of_equal_answers_never_reads_as_certain(n: int) -> None:
    for promoters, detractors in ((n, 0), (0, n), (0, 0)):
        result = nps(NpsCounts(n, promoters, detractors))
        assert result.too_few and result.margin is not None and result.margin > 5


def test_the_worked_example_margin_is_about_fifteen_points() -> None:
    assert nps(NpsCounts(100, 50, 20)).margin == pytest.approx(15.31, abs=0.01)


def test_no_answers_gives_no_score() -> None:
    empty = nps(NpsCounts(0, 0, 0))
    assert (empty.score, empty.margin, empty.too_few) == (None, None, True)


def test_a_change_is_signal_only_beyond_the_combined_margin() -> None:
    before = nps(NpsCounts(400, 160, 80))  # NPS 20, margin ≈ 8.1
    small = change(nps(NpsCounts(400, 168, 80)), before)  # +2
    big = change(nps(NpsCounts(400, 220, 60)), before)  # +20
    assert small is not None and big is not None
    assert small.delta == pytest.approx(2.0) and not small.significant
    assert big.delta == pytest.approx(20.0) and big.significant
    assert big.margin == pytest.approx(
        math.hypot(nps(NpsCounts(400, 220, 60)).margin or 0, before.margin or 0)
    )


def test_tiny_samples_never_claim_a_significant_change() -> None:
    result = change(nps(NpsCounts(5, 5, 0)), nps(NpsCounts(5, 0, 5)))  # +200, zero spread
    assert result is not None and result.delta == 200 and not result.significant
    assert change(nps(NpsCounts(0, 0, 0)), nps(NpsCounts(5, 1, 1))) is None


def test_share_and_mean_of_nothing_are_none() -> None:
    assert share(0, 0) is None and mean(0, 0) is None
    assert share(1, 4) == 0.25 and mean(9, 2) == 4.5

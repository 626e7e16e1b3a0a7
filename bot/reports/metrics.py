"""Pure statistics over the counts storage returns: NPS and its margin of error.

NPS = 100·(p − d) with p, d the shares of promoters (9–10) and detractors (0–6). Each answer is
an indicator x ∈ {+1, 0, −1}; its variance is p + d − (p − d)², so the 95% margin of error of
the NPS is 1.96·100·√((p + d − (p − d)²)/n). Below 30 answers the variance is estimated with
one imaginary answer of each kind added (`_spread`), so a handful of equal answers never has a
margin of ±0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from storage.repos.stats import NpsCounts

Z95 = 1.96
MIN_SAMPLE = 30  # fewer answers than this: the figure is shown, flagged "too few answers"
# The staff pulse shows nothing from fewer answers than this: a handful could be told apart.
PULSE_MIN_ANSWERS = 5


@dataclass(frozen=True)
class Nps:
    n: int
    score: float | None  # None without answers
    margin: float | None  # 95% margin of error, in NPS points
    promoters: float  # shares, 0..1
    passives: float
    detractors: float

    @property
    def too_few(self) -> bool:
        return self.n < MIN_SAMPLE


def nps(counts: NpsCounts) -> Nps:
    n = counts.n
    if n == 0:
        return Nps(0, None, None, 0.0, 0.0, 0.0)
    p, d = counts.promoters / n, counts.detractors / n
    margin = Z95 * 100 * math.sqrt(_spread(counts) / n)
    return Nps(n, 100 * (p - d), margin, p, 1 - p - d, d)


def _spread(counts: NpsCounts) -> float:
    """The variance of one answer's indicator, p + d − (p − d)². Below MIN_SAMPLE answers it is
    estimated with one imaginary answer of each kind added (promoter, passive, detractor), as
    Agresti and Coull do for a proportion: otherwise three equal answers have no spread at all
    and their margin reads as ±0, a certainty a handful of answers cannot give."""
    n, promoters, detractors = counts.n, counts.promoters, counts.detractors
    if n < MIN_SAMPLE:
        n, promoters, detractors = n + 3, promoters + 1, detractors + 1
    p, d = promoters / n, detractors / n
    return max(0.0, p + d - (p - d) ** 2)


@dataclass(frozen=True)
class Change:
    delta: float  # NPS points, this period minus the previous one
    margin: float  # 95% margin of error of the difference
    significant: bool  # bigger than the noise (and both samples big enough to tell)


def change(current: Nps, previous: Nps) -> Change | None:
    """The difference of two independent NPS figures and whether it exceeds the noise."""
    if current.score is None or previous.score is None:
        return None
    assert current.margin is not None and previous.margin is not None
    margin = math.sqrt(current.margin**2 + previous.margin**2)  # SEs add in quadrature
    delta = current.score - previous.score
    enough = not current.too_few and not previous.too_few
    return Change(delta, margin, enough and abs(delta) > margin)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def mean(total: int, count: int) -> float | None:
    return total / count if count else None

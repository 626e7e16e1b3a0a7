"""The overview's charts as geometry for inline SVG: the NPS trend with its 95% band, and the
answers per score. Vector, so crisp on any screen; coloured by the page's stylesheet (classes,
no inline style: the Content-Security-Policy allows none), so they follow light and dark.

Coordinates are in a fixed viewBox the page scales to its card's width; numbers are rounded to
a tenth of a unit to keep the page small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.reports.metrics import Nps
from bot.surveys.rules import Category, category

WIDTH = 400
TREND_HEIGHT, SPLIT_HEIGHT = 210, 150
LEFT, RIGHT, TOP, BOTTOM = 38, 20, 10, 30  # the plotting area's margins in the viewBox
GRID = (100, 50, 0, -50, -100)


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    hollow: bool  # too few answers for the figure to say much
    title: str  # what a pointer or a screen reader is told: "16.11: +25 ±57 (n=8)"


@dataclass(frozen=True)
class Tick:
    at: float  # x or y in the viewBox
    label: str


@dataclass(frozen=True)
class Trend:
    width: int
    height: int
    dots: list[Dot]
    line: str  # a polyline's points
    band: str  # a polygon's points: the band's top left to right, its bottom back
    grid: list[Tick]  # y positions of -100..+100
    periods: list[Tick]  # x positions of the periods' first days
    left: int
    right: int  # x of the plotting area's right edge
    zero: float  # y of NPS 0


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    score: int
    count: int
    kind: Category


@dataclass(frozen=True)
class Split:
    width: int
    height: int
    bars: list[Bar]
    base: float  # y of the bars' foot
    label_y: float  # y of the scores under them


def _r(value: float) -> float:
    return round(value, 1)


def trend(
    points: list[tuple[datetime, Nps]], tz: ZoneInfo, describe: Callable[[Nps], str]
) -> Trend | None:
    """The periods with answers, oldest first; None when there are none. A dot's title is
    its period's first day and `describe` of its figure."""
    shown = [(start, value) for start, value in points if value.score is not None]
    if not shown:
        return None
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = TREND_HEIGHT - TOP - BOTTOM

    def y(v: float) -> float:
        return _r(TOP + (100 - max(-100.0, min(100.0, v))) / 200 * inner_h)

    step = inner_w / max(len(shown) - 1, 1)
    xs = [_r(LEFT + (i * step if len(shown) > 1 else inner_w / 2)) for i in range(len(shown))]
    scores = [value.score or 0.0 for _, value in shown]
    margins = [value.margin or 0.0 for _, value in shown]
    upper = [f"{x},{y(s + m)}" for x, s, m in zip(xs, scores, margins, strict=True)]
    lower = [f"{x},{y(s - m)}" for x, s, m in zip(xs, scores, margins, strict=True)]
    if len(shown) == 1:  # one period: a band as wide as a dot, not a line of no width
        high, low, x = y(scores[0] + margins[0]), y(scores[0] - margins[0]), xs[0]
        upper = [f"{_r(x - 6)},{high}", f"{_r(x + 6)},{high}"]
        lower = [f"{_r(x - 6)},{low}", f"{_r(x + 6)},{low}"]
    dots = [
        Dot(x, y(s), value.too_few, f"{start.astimezone(tz):%d.%m}: {describe(value)}")
        for x, s, (start, value) in zip(xs, scores, shown, strict=True)
    ]
    return Trend(
        width=WIDTH,
        height=TREND_HEIGHT,
        dots=dots,
        line=" ".join(f"{d.x},{d.y}" for d in dots),
        band=" ".join(upper + lower[::-1]),
        grid=[Tick(y(v), f"{v:+d}".replace("-", "\u2212") if v else "0") for v in GRID],
        periods=[
            Tick(x, f"{start.astimezone(tz):%d.%m}")
            for x, (start, _) in zip(xs, shown, strict=True)
        ],
        left=LEFT,
        right=WIDTH - RIGHT,
        zero=y(0),
    )


def split(distribution: list[int]) -> Split | None:
    """Answers per score 0..10 as bars coloured by category; None without answers."""
    if not any(distribution):
        return None
    inner_w = WIDTH - 8 - 8
    top, base = 16, SPLIT_HEIGHT - 22
    slot = inner_w / len(distribution)
    most = max(distribution)
    bars = []
    for score, count in enumerate(distribution):
        tall = (base - top) * count / most
        bars.append(
            Bar(
                x=_r(8 + score * slot + slot * 0.1),
                y=_r(base - tall),
                width=_r(slot * 0.8),
                height=_r(tall),
                score=score,
                count=count,
                kind=category(score),
            )
        )
    return Split(WIDTH, SPLIT_HEIGHT, bars, base, base + 15)

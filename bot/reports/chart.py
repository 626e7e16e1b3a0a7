"""The digest's chart (PNG): the period's NPS large, its trend with the error band, the 0–10 split.

Every label comes from the catalog and every figure is written the staff language's way: the
period's NPS and margin as a headline; then the last periods' NPS with its 95% band, or, when
there is only one period, its promoter / passive / detractor shares (a one-point "trend" says
nothing); then the answers per score. Legends sit above the plotting areas, never over a bar
or a point.

The figure is as tall as what it shows: a part with nothing to draw (the shares of too few
answers, the split of none) is left out, not drawn as empty space, and a headline too long
for the width is wrapped, never cut. The layout is measured in inches from the top, not
left to tight_layout() (whose pass cost half the chart's time).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")  # no screen; must precede pyplot

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from bot.i18n import Translator
from bot.localized import percent
from bot.reports.digest import Digest
from bot.reports.metrics import Nps
from bot.reports.render import FEWEST_FOR_A_FIGURE, headline, period_label

RED, GREY, GREEN, BLUE = "#d9534f", "#b0b0b0", "#4caf50", "#1565c0"

WIDTH, DPI = 6.0, 150  # inches: 900 px, readable on a phone (Telegram shows it whole)
NARROW = 3.4  # inches: the dashboard on a phone, where 6 inches would shrink words to 5 px
EDGE = 0.18  # inches of white at the top, the bottom and either side
LEFT = 0.8  # inches left of a plotting area: tick labels and the axis name
GAP = 0.08  # inches between the headline and the caption


@dataclass(frozen=True)
class Part:
    """A plotting area: room above it (legend), its own height, room below (ticks, axis name)."""

    above: float
    height: float
    below: float
    fill: Callable[[Axes], None]

    @property
    def total(self) -> float:
        return self.above + self.height + self.below


def draw(
    d: Digest, tz: ZoneInfo, t: Translator, *, titled: bool = True, width: float = WIDTH
) -> Figure:
    """A portrait figure `width` inches wide (900 px by default), up to ~1050 px tall; close
    it after use.
    Not `titled`: without the headline, caption and note (the dashboard's page shows them)."""
    figure = plt.figure(figsize=(width, 7), dpi=DPI)
    header = _header(figure, d, tz, t) if titled else []
    heights = [_wrapped(figure, text, width - 2 * EDGE) for text in header]
    parts = _parts(d, tz, t, 3 if width >= WIDTH else 1)
    gaps = GAP * max(len(header) - 1, 0)
    tall = 2 * EDGE + sum(heights) + gaps + sum(p.total for p in parts)
    figure.set_size_inches(width, tall)
    y = EDGE
    for text, height in zip(header, heights, strict=True):
        text.set_position((EDGE / width, 1 - y / tall))
        y += height + GAP
    y -= GAP if header else 0
    for part in parts:
        y += part.above + part.height
        box = (LEFT / width, 1 - y / tall, 1 - (LEFT + EDGE) / width, part.height / tall)
        part.fill(figure.add_axes(box))
        y += part.below
    return figure


def _header(figure: Figure, d: Digest, tz: ZoneInfo, t: Translator) -> list[Text]:
    """The headline, the caption and, under 5 answers, why there is no figure, in words."""
    caption = t("chart.caption", period=period_label(d.start, d.end, tz), n=sum(d.distribution))
    header = [
        figure.text(0, 0, headline(d.nps, t), fontsize=17, fontweight="bold", va="top"),
        figure.text(0, 0, caption, fontsize=9, va="top", color="#444444"),
    ]
    if 0 < d.nps.n < FEWEST_FOR_A_FIGURE:
        note = t("chart.too_few_note", fewest=FEWEST_FOR_A_FIGURE)
        header.append(figure.text(0, 0, note, fontsize=9, va="top", color="#444444"))
    return header


def _parts(d: Digest, tz: ZoneInfo, t: Translator, columns: int) -> list[Part]:
    """What there is to draw: the trend (or one period's shares), then the split; nothing
    for what would be empty (the headline already says there are too few answers or none).
    Legends in `columns` (one on a narrow chart: a line per entry)."""
    above = 0.4 if columns >= 3 else 0.66
    parts = []
    points = [(start, value) for start, value in d.trend if value.score is not None]
    if len(points) >= 2:
        parts.append(Part(above, 2.0, 0.75, lambda axes: _trend(axes, points, tz, t, columns)))
    elif d.nps.score is not None and d.nps.n >= FEWEST_FOR_A_FIGURE:
        parts.append(Part(0.25, 0.7, 0.3, lambda axes: _shares(axes, d.nps, t, columns)))
    if sum(d.distribution) > 0:
        parts.append(Part(above, 2.0, 0.45, lambda axes: _split(axes, d, t, columns)))
    return parts


def _wrapped(figure: Figure, text: Text, width: float) -> float:
    """Break `text` between words so that no line is wider than `width` inches; its height
    in inches."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    lines = [""]
    for word in text.get_text().split():
        text.set_text(f"{lines[-1]} {word}".strip())
        if lines[-1] and text.get_window_extent(renderer).width / DPI > width:
            lines.append(word)
        else:
            lines[-1] = text.get_text()
    text.set_text("\n".join(lines))
    return float(text.get_window_extent(renderer).height) / DPI


def _trend(
    top: Axes, points: list[tuple[datetime, Nps]], tz: ZoneInfo, t: Translator, columns: int
) -> None:
    labels = [f"{start.astimezone(tz):%d.%m}" for start, _ in points]
    scores = [value.score or 0.0 for _, value in points]
    margins = [value.margin or 0.0 for _, value in points]
    xs = list(range(len(points)))
    low = [s - m for s, m in zip(scores, margins, strict=True)]
    high = [s + m for s, m in zip(scores, margins, strict=True)]
    top.fill_between(xs, low, high, color="#90caf9", alpha=0.5, label=t("chart.band"))
    top.plot(xs, scores, marker="o", color=BLUE, linewidth=2, label="NPS")
    thin = [i for i, (_, value) in enumerate(points) if value.too_few]
    if thin:  # hollow: the point says little
        top.plot(
            [xs[i] for i in thin], [scores[i] for i in thin], linestyle="none", marker="o",
            markersize=9, markerfacecolor="white", markeredgecolor=BLUE,
            label=t("chart.too_few"),
        )  # fmt: skip
    top.set_xticks(xs, labels, rotation=45, fontsize=8)
    _legend_above(top, columns)
    top.axhline(0, color="#888888", linewidth=0.8)
    top.set_ylim(-100, 100)
    top.set_ylabel(t("chart.nps_axis"), fontsize=9)
    top.set_xlabel(t("chart.period_axis"), fontsize=9)
    top.grid(axis="y", alpha=0.3)


def _shares(top: Axes, value: Nps, t: Translator, columns: int) -> None:
    """One period: under its NPS (the headline), who made it: detractors, passives and
    promoters as one bar of 100 %, each part named with its share (narrow: its share alone,
    the legend below names the colours)."""
    top.set_axis_off()
    left = 0.0
    parts = [
        ("chart.detractors", value.detractors, RED),
        ("chart.passives", value.passives, GREY),
        ("chart.promoters", value.promoters, GREEN),
    ]
    for key, share, color in parts:
        top.barh(0, share, left=left, height=1.0, color=color)
        if share >= (0.12 if columns >= 3 else 0.15):  # room for the words inside
            words = percent(share, t.language)
            if columns >= 3:
                words = f"{t(key).split(' (')[0]}\n{words}"
            top.text(left + share / 2, 0, words, ha="center", va="center", fontsize=10,
                     color="white", fontweight="bold")  # fmt: skip
        left += share
    top.set_xlim(0, 1)
    top.set_ylim(-0.5, 0.5)


def _split(bottom: Axes, d: Digest, t: Translator, columns: int) -> None:
    colors = [RED] * 7 + [GREY] * 2 + [GREEN] * 2
    bottom.bar(range(11), d.distribution, color=colors)
    bottom.set_xticks(range(11))
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.set_xlabel(t("chart.score_axis"), fontsize=9)
    bottom.set_ylabel(t("chart.answers_axis"), fontsize=9)
    groups = [("chart.detractors", RED), ("chart.passives", GREY), ("chart.promoters", GREEN)]
    handles = [Patch(color=color, label=t(key)) for key, color in groups]
    _legend_above(bottom, columns, handles)
    bottom.grid(axis="y", alpha=0.3)


def _legend_above(axes: Axes, columns: int, handles: list[Patch] | None = None) -> None:
    """Just above the plotting area, never over a bar or a point: in one row, or (narrow)
    a line per entry."""
    found, labels = axes.get_legend_handles_labels()
    chosen = handles if handles is not None else found
    axes.legend(
        handles=chosen,
        labels=[h.get_label() for h in chosen] if handles is not None else labels,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        frameon=False,
        fontsize=8,
        ncol=columns,
    )


def page_figure(d: Digest, tz: ZoneInfo, t: Translator, *, narrow: bool) -> Figure:
    """The chart the dashboard serves (/app/chart.png), narrow for a phone: a picture of its
    own (the page draws its charts as SVG), so titled as the digest's at either width."""
    return draw(d, tz, t, width=NARROW if narrow else WIDTH)


def render_chart(
    d: Digest, tz: ZoneInfo, t: Translator, *, titled: bool = True, width: float = WIDTH
) -> bytes:
    return png(draw(d, tz, t, titled=titled, width=width))


def png(figure: Figure) -> bytes:
    """The figure as a PNG; closed."""
    try:
        out = io.BytesIO()
        figure.savefig(out, format="png", pil_kwargs={"compress_level": 1})
        return out.getvalue()
    finally:
        plt.close(figure)

"""The digest's chart (PNG): the period's NPS large, its trend with the error band, the 0–10 split.

Every label comes from the catalog and every figure is written the staff language's way: the
period's NPS and margin as a headline; then the last periods' NPS with its 95% band, or, when
there is only one period, its promoter / passive / detractor shares (a one-point "trend" says
nothing); then the answers per score. Legends sit above the plotting areas, never over a bar
or a point.
"""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")  # no screen; must precede pyplot

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from bot.i18n import Translator
from bot.localized import percent
from bot.reports.digest import Digest
from bot.reports.metrics import Nps
from bot.reports.render import FEWEST_FOR_A_FIGURE, headline, period_label

RED, GREY, GREEN, BLUE = "#d9534f", "#b0b0b0", "#4caf50", "#1565c0"


def draw(d: Digest, tz: ZoneInfo, t: Translator, *, titled: bool = True) -> Figure:
    """A portrait figure (~900×1050 px) that stays readable on a phone; close it after use.
    Not `titled`: without the headline and caption (the dashboard's page shows them)."""
    height = 7 if titled else 6.2
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(6, height), dpi=150)
    if titled:
        figure.text(0.03, 0.965, headline(d.nps, t), fontsize=17, fontweight="bold", va="top")
        period = period_label(d.start, d.end, tz)
        figure.text(
            0.03, 0.918, t("chart.caption", period=period, n=sum(d.distribution)), fontsize=9,
            va="top", color="#444444",
        )  # fmt: skip
    points = [(start, value) for start, value in d.trend if value.score is not None]
    if len(points) >= 2:
        _trend(top, points, tz, t)
    else:  # one period: its figure (the headline); a "trend" of one point says nothing
        _shares(top, d.nps, t)
    _split(bottom, d, t)
    # Fixed margins, not tight_layout(): the layout pass cost half the chart's time.
    top_edge = 0.82 if titled else 0.93  # room for the headline, else for the legend only
    figure.subplots_adjust(left=0.13, right=0.97, top=top_edge, bottom=0.08, hspace=0.55)
    return figure


def _trend(top: Axes, points: list[tuple[datetime, Nps]], tz: ZoneInfo, t: Translator) -> None:
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
    _legend_above(top)
    top.axhline(0, color="#888888", linewidth=0.8)
    top.set_ylim(-100, 100)
    top.set_ylabel(t("chart.nps_axis"), fontsize=9)
    top.set_xlabel(t("chart.period_axis"), fontsize=9)
    top.grid(axis="y", alpha=0.3)


def _shares(top: Axes, value: Nps, t: Translator) -> None:
    """One period: under its NPS (the headline), who made it: detractors, passives and
    promoters as one bar of 100 %, each part named with its share."""
    top.set_axis_off()
    if value.score is None or value.n < FEWEST_FOR_A_FIGURE:
        return  # the headline says there are too few answers to tell
    left = 0.0
    parts = [
        ("chart.detractors", value.detractors, RED),
        ("chart.passives", value.passives, GREY),
        ("chart.promoters", value.promoters, GREEN),
    ]
    for key, share, color in parts:
        top.barh(0, share, left=left, height=0.5, color=color)
        if share >= 0.12:  # room for the words inside
            name = t(key).split(" (")[0]
            top.text(left + share / 2, 0, f"{name}\n{percent(share, t.language)}", ha="center",
                     va="center", fontsize=10, color="white", fontweight="bold")  # fmt: skip
        left += share
    top.set_xlim(0, 1)
    top.set_ylim(-0.6, 0.6)


def _split(bottom: Axes, d: Digest, t: Translator) -> None:
    colors = [RED] * 7 + [GREY] * 2 + [GREEN] * 2
    bottom.bar(range(11), d.distribution, color=colors)
    bottom.set_xticks(range(11))
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.set_xlabel(t("chart.score_axis"), fontsize=9)
    bottom.set_ylabel(t("chart.answers_axis"), fontsize=9)
    groups = [("chart.detractors", RED), ("chart.passives", GREY), ("chart.promoters", GREEN)]
    _legend_above(bottom, [Patch(color=color, label=t(key)) for key, color in groups])
    bottom.grid(axis="y", alpha=0.3)


def _legend_above(axes: Axes, handles: list[Patch] | None = None) -> None:
    """In one row just above the plotting area: never over a bar or a point."""
    found, labels = axes.get_legend_handles_labels()
    chosen = handles if handles is not None else found
    axes.legend(
        handles=chosen,
        labels=[h.get_label() for h in chosen] if handles is not None else labels,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        frameon=False,
        fontsize=8,
        ncol=3,
    )


def render_chart(d: Digest, tz: ZoneInfo, t: Translator, *, titled: bool = True) -> bytes:
    figure = draw(d, tz, t, titled=titled)
    try:
        out = io.BytesIO()
        figure.savefig(out, format="png", pil_kwargs={"compress_level": 1})
        return out.getvalue()
    finally:
        plt.close(figure)

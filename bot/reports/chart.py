"""The digest's chart (PNG): NPS over the last periods with its error band, and the 0–10 split.

Every label comes from the catalog, in the staff language: axis names, a legend for the band,
for points with too few answers and for the three groups, and a caption with the period and n.
"""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")  # no screen; must precede pyplot

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from bot.i18n import Translator
from bot.reports.digest import Digest
from bot.reports.render import period_label

RED, GREY, GREEN, BLUE = "#d9534f", "#b0b0b0", "#4caf50", "#1565c0"


def draw(d: Digest, tz: ZoneInfo, t: Translator) -> Figure:
    """A portrait figure (~900×1050 px) that stays readable on a phone; close it after use."""
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(6, 7), dpi=150)
    points = [(start, value) for start, value in d.trend if value.score is not None]
    labels = [f"{start.astimezone(tz):%d.%m}" for start, _ in points]
    scores = [value.score or 0.0 for _, value in points]
    margins = [value.margin or 0.0 for _, value in points]
    xs = list(range(len(points)))
    if points:
        low = [s - m for s, m in zip(scores, margins, strict=True)]
        high = [s + m for s, m in zip(scores, margins, strict=True)]
        top.fill_between(xs, low, high, color="#90caf9", alpha=0.5)
        top.errorbar(
            xs,
            scores,
            yerr=margins,
            fmt="none",
            ecolor="#64b5f6",
            capsize=4,
            label=t("chart.band"),
        )  # fmt: skip (the bars show the range also where a single period has no band)
        top.plot(xs, scores, marker="o", color=BLUE, linewidth=2, label="NPS")
        thin = [i for i, (_, value) in enumerate(points) if value.too_few]
        if thin:  # hollow: the point says little
            top.plot(
                [xs[i] for i in thin], [scores[i] for i in thin], linestyle="none", marker="o",
                markersize=9, markerfacecolor="white", markeredgecolor=BLUE,
                label=t("chart.too_few"),
            )  # fmt: skip
        top.set_xticks(xs, labels, rotation=45, fontsize=8)
        top.legend(loc="lower left", fontsize=8)
    top.axhline(0, color="#888888", linewidth=0.8)
    top.set_ylim(-100, 100)
    top.set_ylabel(t("chart.nps_axis"), fontsize=9)
    top.set_xlabel(t("chart.period_axis"), fontsize=9)
    top.grid(axis="y", alpha=0.3)

    colors = [RED] * 7 + [GREY] * 2 + [GREEN] * 2
    bottom.bar(range(11), d.distribution, color=colors)
    bottom.set_xticks(range(11))
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.set_xlabel(t("chart.score_axis"), fontsize=9)
    bottom.set_ylabel(t("chart.answers_axis"), fontsize=9)
    groups = [("chart.detractors", RED), ("chart.passives", GREY), ("chart.promoters", GREEN)]
    bottom.legend(
        handles=[Patch(color=color, label=t(key)) for key, color in groups],
        loc="upper left",
        fontsize=8,
    )
    bottom.grid(axis="y", alpha=0.3)
    period = period_label(d.start, d.end, tz)
    figure.suptitle(t("chart.caption", period=period, n=sum(d.distribution)), fontsize=10)
    # Fixed margins, not tight_layout(): the layout pass cost half the chart's time.
    figure.subplots_adjust(left=0.13, right=0.97, top=0.93, bottom=0.08, hspace=0.42)
    return figure


def render_chart(d: Digest, tz: ZoneInfo, t: Translator) -> bytes:
    figure = draw(d, tz, t)
    try:
        out = io.BytesIO()
        figure.savefig(out, format="png", pil_kwargs={"compress_level": 1})
        return out.getvalue()
    finally:
        plt.close(figure)

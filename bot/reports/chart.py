"""The digest's chart (PNG): NPS over the last periods with its error band, and the 0–10 split."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")  # no screen; must precede pyplot

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from bot.reports.digest import Digest

RED, GREY, GREEN = "#d9534f", "#b0b0b0", "#4caf50"


def render_chart(d: Digest, tz: ZoneInfo) -> bytes:
    """A portrait figure (~900×1050 px) that stays readable on a phone."""
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(6, 7), dpi=150)
    try:
        points = [(start, value) for start, value in d.trend if value.score is not None]
        labels = [f"{start.astimezone(tz):%d.%m}" for start, _ in points]
        scores = [value.score or 0.0 for _, value in points]
        margins = [value.margin or 0.0 for _, value in points]
        xs = list(range(len(points)))
        if points:
            low = [s - m for s, m in zip(scores, margins, strict=True)]
            high = [s + m for s, m in zip(scores, margins, strict=True)]
            top.fill_between(xs, low, high, color="#90caf9", alpha=0.5, label="95%")
            top.errorbar(
                xs, scores, yerr=margins, marker="o", color="#1565c0", ecolor="#64b5f6",
                capsize=4, linewidth=2, label="NPS",
            )  # fmt: skip
            top.set_xticks(xs, labels, rotation=45, fontsize=8)
            top.legend(loc="lower left", fontsize=8)
        top.axhline(0, color="#888888", linewidth=0.8)
        top.set_ylim(-100, 100)
        top.set_title("NPS")
        top.grid(axis="y", alpha=0.3)

        colors = [RED] * 7 + [GREY] * 2 + [GREEN] * 2
        bottom.bar(range(11), d.distribution, color=colors)
        bottom.set_xticks(range(11))
        bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
        bottom.set_title(f"0–10 (n={sum(d.distribution)})")
        bottom.grid(axis="y", alpha=0.3)
        # Fixed margins, not tight_layout(): the layout pass cost half the chart's time.
        figure.subplots_adjust(left=0.13, right=0.97, top=0.95, bottom=0.06, hspace=0.32)
        out = io.BytesIO()
        figure.savefig(out, format="png", pil_kwargs={"compress_level": 1})
        return out.getvalue()
    finally:
        plt.close(figure)

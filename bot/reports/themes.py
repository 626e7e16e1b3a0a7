"""What customers wrote about, per theme and period: the stats API's `themes` (DESIGN §9).

A text (survey comment, complaint text, the customer's later message) counts once per theme it
mentions (`text_themes`). Its category is its answer's: the survey it is the comment of, or the
survey whose low score opened the complaint (`bot/surveys/rules.py` says which scores are
which); a complaint opened with no survey has no score and counts in `mentions` alone. The
theme's NPS is over the answers behind its mentions, each answer once however many of its
texts mention it, and its change against the previous period is judged against the noise as
the shop's NPS is (`bot/reports/metrics.py`). Quotes are the newest texts, as stored now (an
erased person's are gone with their tags), clipped as the digest clips comments, never with
who wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.i18n import clip
from bot.reports.metrics import Change, Nps, change, nps
from bot.surveys.rules import BANDS
from bot.themes import stored
from storage.db import Tx
from storage.repos.stats import NpsCounts
from storage.repos.themes import ThemeCounts

QUOTES = 3  # per theme
QUOTE_CLIP = 200  # characters, as the digest's comments


@dataclass(frozen=True)
class ThemeFigures:
    theme: str
    name: dict[str, str]  # by language, as the owners named it
    mentions: int
    detractors: int  # mentions whose answer was a detractor's
    passives: int
    promoters: int
    nps: Nps  # of the answers behind the mentions
    previous: int  # mentions in the previous period
    previous_detractors: int
    previous_nps: Nps
    change: Change | None
    quotes: list[str]


async def theme_figures(
    tx: Tx, start: datetime, end: datetime, previous_start: datetime, branch: str | None = None
) -> list[ThemeFigures]:
    """Every current theme mentioned in the period or the one before, most mentioned first.
    The counts are SQL aggregates (`ThemeRepo.counts`); only the quotes are rows."""
    themes = (await stored.current(tx)).themes
    now = await tx.themes.counts(start, end, BANDS, branch)
    before = await tx.themes.counts(previous_start, start, BANDS, branch)
    order = {theme.theme: i for i, theme in enumerate(themes)}
    quoted = {
        t.theme: await tx.themes.newest(t.theme, start, end, QUOTES, branch)
        for t in themes
        if t.theme in now
    }
    texts = await tx.themes.texts([key for keys in quoted.values() for key in keys])
    out = []
    for theme in themes:
        current, earlier = now.get(theme.theme), before.get(theme.theme)
        if current is None and earlier is None:
            continue
        current, earlier = current or _NONE, earlier or _NONE
        figure, previous = nps(current.nps), nps(earlier.nps)
        out.append(
            ThemeFigures(
                theme=theme.theme,
                name={lang: name for lang, name in theme.name.items()},
                mentions=current.mentions,
                detractors=current.detractors,
                passives=current.passives,
                promoters=current.promoters,
                nps=figure,
                previous=earlier.mentions,
                previous_detractors=earlier.detractors,
                previous_nps=previous,
                change=change(figure, previous),
                quotes=[
                    clip(texts[key], QUOTE_CLIP)
                    for key in quoted.get(theme.theme, [])
                    if key in texts
                ],
            )
        )
    out.sort(key=lambda f: (-f.mentions, order[f.theme]))
    return out


_NONE = ThemeCounts(0, 0, 0, 0, NpsCounts(0, 0, 0))


def detractors_talk_about(figures: list[ThemeFigures], language: str, top: int = 5) -> str:
    """ "delivery 12 (+5), staff 8 (±0)": the themes detractors mentioned most in the period,
    named in `language`, with the change against the previous period's detractors."""
    ranked = sorted((f for f in figures if f.detractors), key=lambda f: -f.detractors)[:top]
    parts = []
    for f in ranked:
        name = f.name.get(language) or f.name.get("en") or f.theme
        delta = f.detractors - f.previous_detractors
        parts.append(f"{name} {f.detractors} ({f'{delta:+d}' if delta else '±0'})")
    return ", ".join(parts)

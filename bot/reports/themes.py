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
from bot.surveys.rules import Category, category
from bot.themes import stored
from storage.db import Tx
from storage.repos.stats import NpsCounts
from storage.repos.themes import ThemeMention

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
    """Every current theme mentioned in the period or the one before, most mentioned first."""
    themes = (await stored.current(tx)).themes
    now = _by_theme(await tx.themes.mentions(start, end, branch))
    before = _by_theme(await tx.themes.mentions(previous_start, start, branch))
    order = {theme.theme: i for i, theme in enumerate(themes)}
    quoted = {
        t.theme: [(m.source, m.text_id) for m in now.get(t.theme, [])[:QUOTES]] for t in themes
    }
    texts = await tx.themes.texts([key for keys in quoted.values() for key in keys])
    out = []
    for theme in themes:
        mentions, earlier = now.get(theme.theme, []), before.get(theme.theme, [])
        if not mentions and not earlier:
            continue
        split = _categories(mentions)
        current, previous = _nps(mentions), _nps(earlier)
        out.append(
            ThemeFigures(
                theme=theme.theme,
                name={lang: name for lang, name in theme.name.items()},
                mentions=len(mentions),
                detractors=split[Category.DETRACTOR],
                passives=split[Category.PASSIVE],
                promoters=split[Category.PROMOTER],
                nps=current,
                previous=len(earlier),
                previous_detractors=_categories(earlier)[Category.DETRACTOR],
                previous_nps=previous,
                change=change(current, previous),
                quotes=[
                    clip(texts[key], QUOTE_CLIP) for key in quoted[theme.theme] if key in texts
                ],
            )
        )
    out.sort(key=lambda f: (-f.mentions, order[f.theme]))
    return out


def _by_theme(mentions: list[ThemeMention]) -> dict[str, list[ThemeMention]]:
    found: dict[str, list[ThemeMention]] = {}
    for mention in mentions:
        found.setdefault(mention.theme, []).append(mention)
    return found


def _categories(mentions: list[ThemeMention]) -> dict[Category, int]:
    split = dict.fromkeys(Category, 0)
    for mention in mentions:
        if mention.nps is not None:
            split[category(mention.nps)] += 1
    return split


def _nps(mentions: list[ThemeMention]) -> Nps:
    answers = {m.survey_id: m.nps for m in mentions if m.survey_id is not None}
    kinds = [category(score) for score in answers.values() if score is not None]
    return nps(
        NpsCounts(
            len(kinds),
            kinds.count(Category.PROMOTER),
            kinds.count(Category.DETRACTOR),
        )
    )


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

"""The overview as a report read in ten seconds: the period's key figures as tiles, complaints
as a funnel, and branches and segments each set against the rest of the shop with the noise
said. Plain values for the template, from the same `Digest` the stats API serves, so a tile
can never say another number than the API (each tile names the API field it shows)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Translator, duration
from bot.localized import decimal, percent, signed, whole
from bot.reports.digest import Digest
from bot.reports.metrics import Nps, change, nps
from bot.reports.render import FEWEST_FOR_A_FIGURE, opened_split
from bot.reports.themes import ThemeFigures
from storage.repos.stats import NpsCounts


@dataclass(frozen=True)
class Tile:
    figure: str  # the stats API's field it shows, dotted: "complaints.still_open"
    label: str
    value: str
    notes: tuple[str, ...]
    tone: str = ""  # "good", "bad" or "" (nothing to say)


@dataclass(frozen=True)
class Step:
    label: str
    count: str  # "3", or "2 of 3 due": the stats API's share, with its numbers
    share: str
    width: float  # 0..100, the bar's length
    note: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    nps: str  # the digest's rule: no figure under FEWEST_FOR_A_FIGURE answers
    n: int
    versus: str  # against the rest of the shop, noise said
    tone: str
    href: str | None = None


def tiles(t: Translator, d: Digest) -> list[Tile]:
    lang, c = t.language, d.complaints
    return [
        _nps_tile(t, d),
        Tile(
            "response_rate",
            t("dashboard.tile.response"),
            percent(d.response_rate, lang),
            (t("dashboard.tile.invited", answered=d.nps.n, invited=d.invited),),
        ),
        Tile(
            "csat_mean",
            t("dashboard.tile.csat"),
            "—" if d.csat is None else decimal(d.csat, lang),
            (t("dashboard.tile.csat_scale"),),
        ),
        Tile(
            "complaints.still_open",
            t("dashboard.tile.open"),
            whole(c.still_open, lang),
            (
                t("dashboard.tile.overdue", count=c.overdue),
                t("dashboard.tile.opened", count=c.opened) + opened_split(t, d.opened_by),
            ),
            "bad" if c.overdue else "",
        ),
    ]


def _nps_tile(t: Translator, d: Digest) -> Tile:
    lang, value = t.language, d.nps
    if value.score is None or value.n < FEWEST_FOR_A_FIGURE:
        note = t("digest.no_answers") if value.n == 0 else t("digest.too_few_n", n=value.n)
        return Tile("nps.nps", "NPS", "—", (note,))
    shown = signed(value.score, lang)
    if value.margin is not None:
        shown += f" ±{whole(value.margin, lang)}"
    notes = [t("dashboard.tile.answers", n=value.n)]
    if value.too_few:
        notes[0] += f" · {t('digest.too_few')}"
    tone = ""
    if d.change is not None:
        arrow = "▲" if d.change.delta > 0 else "▼" if d.change.delta < 0 else "="
        key = "signal" if d.change.significant else "noise"
        notes.append(
            t(
                f"dashboard.tile.change_{key}",
                arrow=arrow,
                delta=signed(d.change.delta, lang),
                margin=whole(d.change.margin, lang),
            )
        )
        if d.change.significant:
            tone = "good" if d.change.delta > 0 else "bad"
    return Tile("nps.nps", "NPS", shown, tuple(notes), tone)


def funnel(t: Translator, d: Digest) -> list[Step]:
    """Opened, then taken on time, resolved on time and confirmed by the customer, each of
    those it could be said of (due, or asked): the stats API's shares, with their counts."""
    c, lang = d.complaints, t.language
    take = _median(t, d.median_take_business, d.median_take)
    resolve = _median(t, d.median_resolve_business, d.median_resolve)
    rows = [
        ("taken", c.taken_on_time, c.take_due, d.take_on_time, take),
        ("resolved", c.resolved_on_time, c.resolve_due, d.resolve_on_time, resolve),
        ("confirmed", c.satisfied, c.satisfaction_n, d.resolution_satisfaction, ""),
    ]
    steps = [Step(t("dashboard.funnel.opened"), whole(c.opened, lang), "", 100.0)]
    for key, count, of, share, note in rows:
        steps.append(
            Step(
                t(f"dashboard.funnel.{key}"),
                t(f"dashboard.funnel.{key}_of", count=count, of=of),
                percent(share, lang),
                round(100 * (share or 0.0), 1),
                note,
            )
        )
    return steps


def _median(t: Translator, business: float | None, wall: float | None) -> str:
    """The median as the SLA counts it (open hours), and by the clock when that differs."""
    if business is None or wall is None:
        return ""
    if round(business) == round(wall):
        return t("dashboard.funnel.median", time=duration(t, business))
    return t(
        "dashboard.funnel.median_business",
        time=duration(t, business),
        wall=duration(t, wall),
    )


def against_the_rest(t: Translator, part: Nps, whole_shop: Nps) -> tuple[str, str]:
    """(words, tone) for one group's NPS set against everyone else's in the period: the two
    samples are independent, so their difference has the margin `change` gives."""
    rest = nps(_counts(whole_shop) - _counts(part))
    difference = change(part, rest)
    if difference is None:
        return t("dashboard.versus.alone"), ""
    if part.too_few or rest.too_few:
        return t("dashboard.versus.too_few"), ""
    if not difference.significant:
        return t("dashboard.versus.noise", margin=whole(difference.margin, t.language)), ""
    delta = whole(abs(difference.delta), t.language)
    if difference.delta > 0:
        return t("dashboard.versus.above", delta=delta), "good"
    return t("dashboard.versus.below", delta=delta), "bad"


class _Counts:
    """An Nps back to its counts (its shares are exact fractions of n), to subtract."""

    def __init__(self, n: int, promoters: int, detractors: int) -> None:
        self.n, self.promoters, self.detractors = n, promoters, detractors

    def __sub__(self, other: _Counts) -> NpsCounts:
        return NpsCounts(
            self.n - other.n, self.promoters - other.promoters, self.detractors - other.detractors
        )


def _counts(value: Nps) -> _Counts:
    return _Counts(value.n, round(value.promoters * value.n), round(value.detractors * value.n))


def _figure(t: Translator, value: Nps) -> str:
    """+29 ±46 (the n has its own column); a dash without answers or under
    FEWEST_FOR_A_FIGURE of them (the digest's rule)."""
    if value.score is None or value.n < FEWEST_FOR_A_FIGURE:
        return "—"
    margin = f" ±{whole(value.margin, t.language)}" if value.margin is not None else ""
    return f"{signed(value.score, t.language)}{margin}"


def groups(
    t: Translator, named: list[tuple[str, Nps]], whole_shop: Nps, hrefs: dict[str, str]
) -> list[Group]:
    rows = []
    for name, value in named:
        versus, tone = against_the_rest(t, value, whole_shop)
        rows.append(Group(name, _figure(t, value), value.n, versus, tone, hrefs.get(name)))
    return rows


@dataclass(frozen=True)
class ThemeRow:
    name: str
    mentions: str  # "12 (+5)": against the previous period
    detractors: int
    nps: str  # of the customers who mention it
    quote: str  # the newest, clipped
    theme: str = ""  # its id: the row opens the comments about it


def themes(t: Translator, found: list[ThemeFigures], limit: int = 8) -> list[ThemeRow]:
    """What customers wrote about in the period, most mentioned first (the stats API's
    `themes`); themes mentioned only in the previous period are left out."""
    lang = t.language
    rows = []
    for theme in [f for f in found if f.mentions][:limit]:
        delta = theme.mentions - theme.previous
        shown = whole(theme.mentions, lang)
        if delta:
            shown += f" ({signed(delta, lang)})"
        name = theme.name.get(lang) or next(iter(theme.name.values()), theme.theme)
        quote = f"«{theme.quotes[0]}»" if theme.quotes else ""
        rows.append(
            ThemeRow(name, shown, theme.detractors, _figure(t, theme.nps), quote, theme.theme)
        )
    return rows

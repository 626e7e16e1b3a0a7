"""A digest as text an owner reads in ten seconds (plain text: quoted comments stay inert)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import TEXT_LIMIT, Translator, clip, duration, fluent_id
from bot.localized import decimal, percent, signed, whole
from bot.reports.advocates import referral_lines
from bot.reports.designed import question_lines
from bot.reports.digest import Digest
from bot.reports.fixed import fixed_lines
from bot.reports.metrics import PULSE_MIN_ANSWERS, Nps, nps
from bot.reports.ontime import ComplaintCounts
from bot.reports.sources import OpenedBySource
from bot.reports.themes import detractors_talk_about
from storage.repos.pulse import PulseResult

COMMENT_CLIP = 200
PULSE_COMMENTS = 8
FEWEST_FOR_A_FIGURE = 5  # under this, a score (and its ±) says nothing: "too few answers"


def nps_text(t: Translator, value: Nps) -> str:
    """+25 ±57 (n=8): a figure with its margin and n; under FEWEST_FOR_A_FIGURE answers the
    figure is left out (see `_named`)."""
    if value.score is None:
        return t("digest.no_answers")
    if value.n < FEWEST_FOR_A_FIGURE:
        return t("digest.too_few_n", n=value.n)
    lang = t.language
    margin = f" ±{whole(value.margin, lang)}" if value.margin is not None else ""
    flag = f", {t('digest.too_few')}" if value.too_few else ""
    return f"{signed(value.score, lang)}{margin} (n={whole(value.n, lang)}{flag})"


def headline(value: Nps, t: Translator) -> str:
    """NPS +25 ±57: the period's figure; under FEWEST_FOR_A_FIGURE answers, only that."""
    if value.score is None:
        return f"NPS: {t('digest.no_answers')}"
    if value.n < FEWEST_FOR_A_FIGURE:
        return t("digest.nps_too_few", n=value.n)
    margin = f" ±{whole(value.margin, t.language)}" if value.margin is not None else ""
    return f"NPS {signed(value.score, t.language)}{margin}"


def _named(t: Translator, name: str, value: Nps) -> str:
    """ "north +80 ±20 (n=5)", or "south: too few answers to tell (n=3)"."""
    if value.score is not None and value.n < FEWEST_FOR_A_FIGURE:
        return f"{name}: {nps_text(t, value)}"
    return f"{name} {nps_text(t, value)}"


def segment_name(t: Translator, code: str) -> str:
    """A segment as owners read it: the name SEGMENT_NAMES gives it, else its name in the
    catalog (segment-key), else its code; "" (customers without one) stays "" for the
    caller's label."""
    if code in t.catalog.segment_names:
        return t.catalog.segment_names[code]
    if code and fluent_id(f"segment.{code}") in t.catalog.keys(t.language):
        return t(f"segment.{code}")
    return code


def _span(t: Translator, seconds: float | None) -> str:
    return "—" if seconds is None else duration(t, seconds)


def period_label(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """Whole days by their first and last day; a period from a time of day (a weekly digest
    at 09:00, "the last 7 days" from now) by its two moments, since its two dates would read
    as one day more than it covers."""
    first, until = start.astimezone(tz), end.astimezone(tz)
    if first.time() == until.time() == time(0):
        return f"{first:%d.%m.%Y}–{until - timedelta(days=1):%d.%m.%Y}"
    return f"{first:%d.%m.%Y %H:%M} – {until:%d.%m.%Y %H:%M}"


def render_digest(
    t: Translator, d: Digest, tz: ZoneInfo, title: str = "weekly", *, on_page: bool = False
) -> str:
    """The digest as owners read it in Telegram; `on_page`: as the dashboard's overview lists
    it under its own headline figure, branch and segment tables and link to the fixes owed,
    without those (a reader would meet them twice, and "/actions" is no link on a web page)."""
    lines = [t(f"digest.title.{title}", period=period_label(d.start, d.end, tz))]
    if d.branch is not None:
        lines.append(t("digest.branch_only", branch=d.branch))
    c = d.complaints
    if d.nps.n == 0 and d.invited == 0 and c.opened == 0 and not d.undelivered:
        # The staff may have answered the pulse in a week without customers (a shop's first).
        pulse = [] if d.pulse is None else _pulse(t, d.pulse, tz)
        return "\n".join([*lines, t("digest.quiet"), *pulse])
    if d.nps.n == 0:
        lines.append(t("digest.no_answers_yet", invited=d.invited))
    else:
        _answers(t, d, lines, on_page=on_page)
    if d.pulse is not None:
        lines += _pulse(t, d.pulse, tz)
    if not on_page:  # the page's tile and funnel give them
        lines.append(_complaints(t, c, d.opened_by))
    if c.opened and not on_page:  # the page's funnel gives them
        sla = {
            "take": percent(d.take_on_time, t.language),
            "resolve": percent(d.resolve_on_time, t.language),
            "median_take": _span(t, d.median_take_business),
            "median_resolve": _span(t, d.median_resolve_business),
            "satisfied": percent(d.resolution_satisfaction, t.language),
        }
        clock = (d.median_take, d.median_resolve)
        if clock == (d.median_take_business, d.median_resolve_business):  # 24/7, or all in hours
            lines.append(t("digest.sla", **sla))
        else:
            wall = {"wall_take": _span(t, clock[0]), "wall_resolve": _span(t, clock[1])}
            lines.append(t("digest.sla_business", **sla, **wall))
    if d.undelivered or d.blocked:
        lines.append(t("digest.undelivered", failed=d.undelivered, blocked=d.blocked))
    lines += fixed_lines(t, replace(d, fixes_open=0) if on_page else d)
    lines += referral_lines(t, d)
    segments = [(segment_name(t, code), value) for code, value in d.by_segment]
    for key, groups in (("digest.by_branch", d.by_branch), ("digest.by_segment", segments)):
        if not on_page and (len(groups) > 1 or (groups and groups[0][0])):
            parts = [_named(t, name or t(f"{key}_none"), value) for name, value in groups]
            lines.append(t(key, groups=" · ".join(parts[:8])))
    if d.aspects:
        named = ", ".join(f"{t.catalog.text(t.language, f'aspect.{a}')} {n}" for a, n in d.aspects)
        lines.append(t("digest.aspects", aspects=named))
    talked_about = detractors_talk_about(d.themes, t.language)
    if talked_about:
        lines.append(t("digest.themes", themes=talked_about))
    if d.comments:
        lines.append(t("digest.comments"))
        for score, comment in d.comments:
            clipped = (
                comment if len(comment) <= COMMENT_CLIP else comment[: COMMENT_CLIP - 1] + "…"
            )
            lines.append(f"  «{clipped}» (NPS {score})")
    text = "\n".join(lines)
    return clip(text, TEXT_LIMIT)


def _pulse(t: Translator, pulse: PulseResult, tz: ZoneInfo) -> list[str]:
    """The staff's eNPS next to the customers' NPS, with the same margin; nothing at all from
    fewer than PULSE_MIN_ANSWERS answers (a handful could be told apart); free text shuffled."""
    when = f"{pulse.round_start.astimezone(tz):%d.%m.%Y}"
    n = pulse.scores.n
    if n < PULSE_MIN_ANSWERS:
        return [t("pulse.digest_too_few", date=when, answers=n, minimum=PULSE_MIN_ANSWERS)]
    lines = [t("pulse.digest", date=when, enps=nps_text(t, nps(pulse.scores)), asked=pulse.asked)]
    comments = list(pulse.comments)
    random.SystemRandom().shuffle(comments)  # never the order they came in
    if comments:
        lines.append(t("pulse.digest_comments"))
        lines += [f"  «{clip(c, COMMENT_CLIP)}»" for c in comments[:PULSE_COMMENTS]]
    return lines


def _complaints(t: Translator, c: ComplaintCounts, by: OpenedBySource) -> str:
    counts = {
        "opened": c.opened,
        "split": opened_split(t, by),
        "resolved": c.resolved,
        "still_open": c.still_open,
    }
    if c.awaiting_customer:
        said = t("digest.complaints_awaiting", awaiting=c.awaiting_customer, **counts)
    else:
        said = t("digest.complaints", **counts)
    return said + (t("digest.complaints_overdue", overdue=c.overdue) if c.overdue else "")


def opened_split(t: Translator, by: OpenedBySource) -> str:
    """ " (5 after survey answers, 12 messages)" after the opened count when both came,
    " (all messages)" when only messages did; nothing when only survey answers did."""
    if by.only_messages:
        return f" ({t('digest.complaints_only_messages')})"
    if not by.split:
        return ""
    return f" ({opened_sources(t, by)})"


def opened_sources(t: Translator, by: OpenedBySource) -> str:
    """ "5 after survey answers, 12 messages": the digest's words, also on the dashboard."""
    return t("digest.complaints_sources", answers=by.after_answer, messages=by.messages)


def _change(t: Translator, d: Digest) -> str:
    if d.change is None:
        return t("digest.change.none")
    arrow = "▲" if d.change.delta > 0 else "▼" if d.change.delta < 0 else "="
    key = "digest.change.signal" if d.change.significant else "digest.change.noise"
    return t(
        key,
        arrow=arrow,
        delta=signed(d.change.delta, t.language),
        margin=whole(d.change.margin, t.language),
    )


def _answers(t: Translator, d: Digest, lines: list[str], *, on_page: bool) -> None:
    """NPS, its change, shares, response rate, CSAT: only for a period with answers. The
    page's own tiles give the NPS, its change and the response rate: not again there."""
    if not on_page:
        few = d.nps.n < FEWEST_FOR_A_FIGURE
        lines.append(
            t("digest.nps_too_few", n=d.nps.n) if few else t("digest.nps", nps=nps_text(t, d.nps))
        )
        lines.append(_change(t, d))
    if d.nps.score is not None and d.nps.n >= FEWEST_FOR_A_FIGURE:  # else they say nothing
        lines.append(
            t(
                "digest.shares",
                promoters=percent(d.nps.promoters, t.language),
                passives=percent(d.nps.passives, t.language),
                detractors=percent(d.nps.detractors, t.language),
            )
        )
    if not on_page:
        rate = percent(d.response_rate, t.language)
        lines.append(t("digest.response", rate=rate, answered=d.nps.n, invited=d.invited))
    csat = "—" if d.csat is None else decimal(d.csat, t.language)
    e = d.expectations
    # A survey of the shop's own that asks neither the CSAT nor the expectation has its own
    # questions' lines instead of a row of dashes.
    unasked = d.designed and d.csat is None and all(v is None for v in e.values())
    if not unasked:
        lines.append(
            t(
                "digest.csat",
                csat=csat,
                worse=percent(e["worse"], t.language),
                as_expected=percent(e["as_expected"], t.language),
                better=percent(e["better"], t.language),
            )
        )
    if not on_page:  # the page shows every question's answers in full
        lines += question_lines(t, d.designed)

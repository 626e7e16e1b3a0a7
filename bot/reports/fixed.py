"""The digest's "What we fixed": resolved complaints by cause against the previous period, the
fixes the business made, the ones it still owes, and the top recurring cause with its trend."""

from __future__ import annotations

from html import escape

from bot.complaints.causes import SKIPPED, cause_label
from bot.i18n import Translator, clip
from bot.localized import whole
from bot.reports.digest import Digest
from bot.reports.fix_effects import Compared, FixEffect
from storage.repos.corrective import UNRECORDED

SHOWN_CAUSES = 6
SHOWN_FIXES = 5
RECURRING = 2  # a cause named this often in a period is "recurring"


def fixed_lines(t: Translator, d: Digest) -> list[str]:
    current = [c for c in d.causes if c.complaints]
    if not current and not d.fixes_done and not d.fixes_open and not d.fix_effects:
        return []
    lines = [t("fixed.title")]
    # Nothing resolved in the previous period (a shop's first): no "up from 0" against nothing.
    compared = any(c.previous for c in d.causes)
    if current:
        parts = [
            f"{cause_label(t, c.cause)} {c.complaints}"
            + (f" ({_trend(t, c.complaints, c.previous)})" if compared else "")
            for c in current[:SHOWN_CAUSES]
        ]
        lines.append(t("fixed.causes", causes=" · ".join(parts)))
        named = [c for c in current if c.cause not in (SKIPPED, UNRECORDED)]
        if named and named[0].complaints >= RECURRING:
            top = named[0]
            said = {"cause": cause_label(t, top.cause), "count": top.complaints}
            if compared:
                lines.append(t("fixed.top", **said, trend=_trend(t, top.complaints, top.previous)))
            else:
                lines.append(t("fixed.top_first", **said))
    for record in d.fixes_done[:SHOWN_FIXES]:
        what = f" «{escape(clip(record.action, 80))}»" if record.action else ""
        cause = f" {cause_label(t, record.cause)}" if record.cause else ""
        lines.append(t("fixed.done", number=record.complaint_id, cause=cause, action=what))
    if len(d.fixes_done) > SHOWN_FIXES:
        lines.append(t("fixed.done_more", count=len(d.fixes_done) - SHOWN_FIXES))
    if d.fixes_open:
        lines.append(t("fixed.open", count=d.fixes_open))
    lines += [effect_line(t, effect) for effect in d.fix_effects]
    return lines


def effect_line(t: Translator, effect: FixEffect) -> str:
    """Whether the theme a fix named is mentioned less since: equal windows either side."""
    name = escape(effect.name.get(t.language) or effect.name.get("en") or effect.theme)
    if not effect.days:
        return t("fixed.theme_early", theme=name, number=effect.complaint_id)
    return t(
        "fixed.theme",
        theme=name,
        number=effect.complaint_id,
        days=effect.days,
        before=effect.mentions.before,
        after=effect.mentions.after,
        verdict=_verdict(t, effect.mentions),
        detractors_before=effect.detractors.before,
        detractors_after=effect.detractors.after,
        detractors_verdict=_verdict(t, effect.detractors),
    )


def _verdict(t: Translator, counts: Compared) -> str:
    return t(f"fixed.verdict_{counts.verdict}", noise=whole(counts.noise, t.language))


def _trend(t: Translator, now: int, before: int) -> str:
    if now > before:
        return t("fixed.up", previous=before)
    if now < before:
        return t("fixed.down", previous=before)
    return t("fixed.same")

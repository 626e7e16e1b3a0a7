"""A digest as JSON data for the stats API (the same numbers the owners read)."""

from __future__ import annotations

from typing import Any

from bot.reports.digest import Digest
from bot.reports.metrics import Change, Nps, mean
from bot.reports.themes import ThemeFigures


def _nps(value: Nps) -> dict[str, Any]:
    return {
        "n": value.n,
        "nps": _round(value.score),
        "margin_95": _round(value.margin),
        "promoters": _round(value.promoters, 4),
        "passives": _round(value.passives, 4),
        "detractors": _round(value.detractors, 4),
        "too_few_answers": value.too_few,
    }


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _questions(d: Digest) -> dict[str, Any]:
    """Per question (DESIGN §9): the NPS first, then every other question answered, in the
    survey's order."""
    scores = {str(score): n for score, n in enumerate(d.distribution) if n}
    total = sum(score * n for score, n in enumerate(d.distribution))
    found: dict[str, Any] = {
        "nps": {
            "type": "nps",
            "n": d.nps.n,
            "mean": _round(mean(total, d.nps.n)),
            "counts": scores,
        }
    }
    for question, q in d.questions.items():
        found[question] = {"type": q.type, "n": q.n, "counts": dict(sorted(q.counts.items()))}
        if q.type == "scale":
            found[question]["mean"] = _round(mean(q.total, q.n))
    return found


def digest_json(d: Digest) -> dict[str, Any]:
    c = d.complaints
    return {
        "from": d.start.isoformat(),
        "to": d.end.isoformat(),
        "branch": d.branch,
        "nps": _nps(d.nps),
        "previous_period": _nps(d.previous),
        "change": _change(d.change),
        "invited": d.invited,
        "response_rate": _round(d.response_rate, 4),
        "csat_mean": _round(d.csat),
        "expectations": {k: _round(v, 4) for k, v in d.expectations.items()},
        "complaints": {
            "opened": c.opened,
            "opened_by_source": d.opened_by.by_origin(),
            "resolved": c.resolved,
            "awaiting_customer": c.awaiting_customer,
            "still_open": c.still_open,
            "overdue": c.overdue,
            "taken_on_time": _round(d.take_on_time, 4),
            "resolved_on_time": _round(d.resolve_on_time, 4),
            "median_seconds_to_take": _round(d.median_take, 0),
            "median_seconds_to_resolve": _round(d.median_resolve, 0),
            "median_business_seconds_to_take": _round(d.median_take_business, 0),
            "median_business_seconds_to_resolve": _round(d.median_resolve_business, 0),
            "resolution_satisfaction": _round(d.resolution_satisfaction, 4),
        },
        # Answers with no branch (customers with no segment) are in "nps", in no group.
        "by_branch": {name: _nps(value) for name, value in d.by_branch if name},
        "by_segment": {name: _nps(value) for name, value in d.by_segment if name},
        "detractor_aspects": dict(d.aspects),
        "detractor_comments": [{"nps": n, "comment": text} for n, text in d.comments],
        "distribution": d.distribution,
        "questions": _questions(d),
        "delivery": {"failed": d.undelivered, "blocked": d.blocked},
        "trend": [{"from": start.isoformat(), **_nps(value)} for start, value in d.trend],
        "causes": [
            {"cause": c.cause, "complaints": c.complaints, "previous": c.previous}
            for c in d.causes
        ],
        "actions": {"open": d.fixes_open, "done": len(d.fixes_done)},
        "referrals": {
            "links_sent": d.referrals.links_sent,
            "friends_joined": d.referrals.friends_joined,
            "friends_purchased": d.referrals.friends_purchased,
        },
        "themes": [_theme(f) for f in d.themes],
    }


def _theme(f: ThemeFigures) -> dict[str, Any]:
    return {
        "theme": f.theme,
        "name": f.name,
        "mentions": f.mentions,
        "detractors": f.detractors,
        "passives": f.passives,
        "promoters": f.promoters,
        "nps": _nps(f.nps),
        "previous": f.previous,
        "previous_nps": _nps(f.previous_nps),
        "change": _change(f.change),
        "quotes": f.quotes,
    }


def _change(value: Change | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "delta": _round(value.delta),
        "margin_95": _round(value.margin),
        "beyond_noise": value.significant,
    }

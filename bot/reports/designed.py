"""The questions a shop designed, in the digest: the few that matter, never a wall.

Which, at most `MOST` lines (docs/owners.md, "The digest"):
1. only questions the shop added (the built-in survey's have their own lines: CSAT,
   expectations, aspects, comments) that are scales or choices (a text's words count in the
   themes), answered in the period, over their answers whatever version asked them;
2. first the scales whose mean moved against the previous period, the largest move first;
   then the other scales, then the choices, each by how many answered, most first; the
   survey's order breaks a tie.
A scale reads as its mean and its change; a choice as the option chosen most and its share.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Translator, one_line
from bot.localized import decimal, percent
from bot.surveys.asked import NAME_LIMIT, is_designed, name
from bot.surveys.design import Question, text_of
from storage.repos.stats import QuestionCounts

MOST = 3


@dataclass(frozen=True)
class QuestionFigure:
    question: Question  # as the newest version asking it words it
    counts: QuestionCounts  # the period's
    previous: QuestionCounts | None  # the previous period's, if it was answered then

    @property
    def mean(self) -> float | None:
        return _mean(self.counts)

    @property
    def moved(self) -> float | None:
        """A scale's mean against the previous period's; None: nothing to compare."""
        before = _mean(self.previous) if self.previous is not None else None
        now = self.mean
        return None if before is None or now is None else now - before


def _mean(counts: QuestionCounts) -> float | None:
    return counts.total / counts.n if counts.type == "scale" and counts.n else None


def chosen(
    asked: dict[str, Question],
    now: dict[str, QuestionCounts],
    before: dict[str, QuestionCounts],
) -> list[QuestionFigure]:
    """The period's figures worth a line (the rule above); `now` in the survey's order."""
    order = {question_id: n for n, question_id in enumerate(now)}
    found = [
        QuestionFigure(asked[qid], counts, before.get(qid))
        for qid, counts in now.items()
        if is_designed(qid) and qid in asked and counts.type in ("scale", "choice") and counts.n
    ]

    def rank(f: QuestionFigure) -> tuple[int, float, int]:
        moved, place = f.moved, order[f.question.id]
        if moved:
            return (0, -abs(moved), place)
        return (1 if f.counts.type == "scale" else 2, -f.counts.n, place)

    return sorted(found, key=rank)[:MOST]


def question_lines(t: Translator, figures: list[QuestionFigure]) -> list[str]:
    return [_line(t, f) for f in figures]


def _line(t: Translator, f: QuestionFigure) -> str:
    q, lang, n = f.question, t.language, f.counts.n
    if f.counts.type == "scale" and f.mean is not None:
        span = f" ({q.min}–{q.max})" if q.min is not None and q.max is not None else ""
        mean = decimal(f.mean, lang)
        if f.moved is None:
            return t("digest.question.scale", question=name(t, q) + span, mean=mean, n=n)
        moved = decimal(f.moved, lang)
        change = moved if f.moved < 0 else f"+{moved}"
        key = "digest.question.scale_change"
        return t(key, question=name(t, q) + span, mean=mean, change=change, n=n)
    top = max(f.counts.counts.items(), key=lambda item: (item[1], -_place(q, item[0])))
    option = next((o for o in q.options or [] if o.id == top[0]), None)
    label = top[0] if option is None else one_line(text_of(t, option.text, top[0]), NAME_LIMIT)
    return t(
        "digest.question.choice",
        question=name(t, q),
        option=label,
        share=percent(top[1] / n, lang),
        n=n,
    )


def _place(q: Question, option_id: str) -> int:
    """Where an option stands in the question (a tie goes to the first)."""
    ids = [o.id for o in q.options or []]
    return ids.index(option_id) if option_id in ids else len(ids)

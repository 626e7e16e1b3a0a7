"""The answers to each question of the survey on the overview (the stats API's `questions`):
a scale's mean and how many gave each score, a choice's options by how many chose them, a text
question's count. Questions are named by the current survey's texts; one only an older
version asked keeps its id, since its figures are over every answer to it, whatever version."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from bot.i18n import Translator
from bot.localized import decimal, percent
from bot.surveys.design import Definition, Question
from bot.surveys.engine import text_of
from storage.repos.stats import QuestionCounts


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    share: str  # of those who answered the question
    width: float  # 0..100, the bar's length: the share of those who answered


@dataclass(frozen=True)
class Figure:
    question: str  # its id, as the API names it
    text: str
    summary: str  # "mean 4.2 · 12 answers", or "12 answers"
    counts: list[Count]


def question_figures(
    t: Translator, answered: dict[str, QuestionCounts], definition: Definition
) -> list[Figure]:
    """Every question but the NPS (the tiles and charts give it) that was answered in the
    period: the current survey's in its order (its variants' after), then older ones."""
    known: dict[str, Question] = {}
    variants = [q for variant in definition.variants for q in variant.questions]
    listed = [*definition.questions, *variants]
    for question in listed:
        known.setdefault(question.id, question)
    # A text asked on its question's page (the built-in comment under the aspects) shares that
    # question's words: it is named as the comment, not by the same words twice.
    comments = {
        q.id for before, q in pairwise(listed) if q.type == "text" and q.text == before.text
    }
    order = [qid for qid in known if qid in answered] + sorted(set(answered) - set(known))
    return [
        _figure(t, qid, answered[qid], known.get(qid), qid in comments)
        for qid in order
        if qid != "nps"
    ]


def _figure(
    t: Translator, qid: str, found: QuestionCounts, q: Question | None, comment: bool
) -> Figure:
    lang = t.language
    answers = t("dashboard.questions.answers", n=found.n)
    text = text_of(t, q.text, qid) if q is not None else qid
    if comment:
        text = t("export.column.comment")
    if found.type == "scale":
        bounds = [int(k) for k in found.counts]  # every score of its range, none left out
        if q is not None and q.min is not None and q.max is not None:
            bounds += [q.min, q.max]
        span = range(min(bounds), max(bounds) + 1) if bounds else range(0)
        mean = decimal(found.total / found.n, lang) if found.n else "—"
        summary = t("dashboard.questions.mean", mean=mean) + f" · {answers}"
        labels = [(str(score), str(score)) for score in span]
    elif found.type == "choice":
        options = {o.id: text_of(t, o.text, o.id) for o in (q.options or [])} if q else {}
        ids = list(options) + sorted(set(found.counts) - set(options))  # none picked: 0 too
        summary = answers
        labels = [(key, options.get(key, key)) for key in ids]
    else:
        return Figure(qid, text, answers, [])
    counts = [
        Count(
            label,
            found.counts.get(key, 0),
            percent(found.counts.get(key, 0) / found.n, lang) if found.n else "—",
            round(100 * found.counts.get(key, 0) / found.n, 1) if found.n else 0.0,
        )
        for key, label in labels
    ]
    return Figure(qid, text, summary, counts)

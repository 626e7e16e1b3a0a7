"""The answers to the questions a shop designed, as staff, customers and owners read them.

The built-in survey's questions (`BUILT_IN_IDS`) have the surveys' own columns (NPS, CSAT,
expectation, aspects, comment), which the card, /mydata, the exports and the digest show as
they always did. A question a shop added (any other id) is shown from here: named by its text,
its answer in words. Every free text a survey got is in its comment (`answers.py`), so the
quote of the card and /mydata carry the text questions; these are the scales and choices.
Figures for a question are over its answers whatever version asked them, so a question is
named as the newest version that asks it words it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.i18n import Translator, one_line
from bot.surveys.design import Question, text_of
from bot.surveys.design_default import BUILT_IN_IDS, DEFAULT_VERSION
from bot.surveys.pinning import parsed, questions_of
from storage.db import Tx
from storage.models import Answer, Survey

NAME_LIMIT = 60  # characters of a question's text where it names an answer
Value = int | str | Sequence[str]  # a score, a text, or the options chosen


@dataclass(frozen=True)
class Given:
    """One answer to a designed question."""

    question: Question
    answer: Answer


def is_designed(question_id: str) -> bool:
    return question_id not in BUILT_IN_IDS


async def designed_questions(tx: Tx, survey: Survey) -> Sequence[Question]:
    """The questions a shop designed that `survey` asks (its version's, its variant's), in
    their order; none for the built-in survey."""
    if survey.version == DEFAULT_VERSION:
        return ()
    stored = await tx.survey_versions.get(survey.version)
    if stored is None:
        return ()
    questions = questions_of(parsed(stored.body), survey.variant)
    return [q for q in questions if is_designed(q.id)]


async def given(tx: Tx, survey: Survey, *, texts: bool = False) -> list[Given]:
    """The survey's answers to its designed scales and choices (`texts`: its text questions
    too), in the survey's order."""
    questions = await designed_questions(tx, survey)
    if not questions:
        return []
    answers = await tx.surveys.answers(survey.id)
    return [
        Given(q, answers[q.id])
        for q in questions
        if q.id in answers and (texts or q.type != "text")
    ]


async def every_question(tx: Tx) -> dict[str, Question]:
    """Every question any stored version asks, by id: the current survey's in its order (its
    variants' after), then those only older versions asked, the newest first; each as the
    newest version asking it has it."""
    found: dict[str, Question] = {}
    for body in await tx.survey_versions.bodies():
        definition = parsed(body)
        variants = [q for variant in definition.variants for q in variant.questions]
        for question in [*definition.questions, *variants]:
            found.setdefault(question.id, question)
    return found


def in_survey_order(every: dict[str, Question], ids: Iterable[str]) -> list[str]:
    """`ids` as the survey asks them (`every_question`), then the built-in survey's questions
    no stored version keeps, in its order, then any other alphabetically."""
    rank: dict[str, int] = {}
    for question_id in [*every, *BUILT_IN_IDS]:
        rank.setdefault(question_id, len(rank))
    return sorted(ids, key=lambda q: (rank.get(q, len(rank)), q))


def name(t: Translator, question: Question) -> str:
    """The question's text on one line, short: what names its answer."""
    return one_line(text_of(t, question.text, question.id), NAME_LIMIT)


def words(t: Translator, question: Question, value: Value | Answer) -> str:
    """An answer as people read it: the score, the options' texts (in the question's order,
    joined), or the text."""
    if isinstance(value, Answer):
        value = value.number if value.number is not None else value.options or value.text or ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    labels = {o.id: text_of(t, o.text, o.id) for o in question.options or []}
    chosen = [key for key in labels if key in value] + sorted(set(value) - set(labels))
    return ", ".join(labels.get(key, key) for key in chosen)


def answer_label(t: Translator, q: Question) -> str:
    """A designed question as a label: its name, and a scale's range («…? (1–7)»)."""
    if q.type == "scale" and q.min is not None and q.max is not None:
        return f"{name(t, q)} ({q.min}–{q.max})"
    return name(t, q)


def answer_line(t: Translator, answer: Given) -> str:
    """«Which shop did you visit? — Tverskaya», «How easy was it? (1–7): 2»."""
    q = answer.question
    said = words(t, q, answer.answer)
    if q.type == "scale" and q.min is not None and q.max is not None:
        return t(
            "survey.answer.scale", question=name(t, q), min=str(q.min), max=str(q.max), answer=said
        )
    return t("survey.answer", question=name(t, q), answer=said)

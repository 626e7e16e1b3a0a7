"""The exports' columns for the questions a shop designed: one per question, named by its
text in the owners' language, after the responses' own columns.

A question keeps its column across versions (its id; named as the newest version asking it
words it), and one a newer version removed keeps its column while the period has answers to
it. The current survey's questions come first in its order (with no answers yet too, so a
sheet's columns stay put from one export to the next), then the removed ones. A scale's answer
is a number, a choice's the options' texts joined, a text as written. The built-in survey's
questions have their columns already (`csat`, `expectation`, `aspects`, `comment`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.i18n import Translator, one_line
from bot.surveys.asked import Value, every_question, is_designed, words
from bot.surveys.design import Question, text_of
from bot.surveys.pinning import parsed
from storage.db import Tx

TITLE_LIMIT = 200  # characters of a column's title
ANSWER = "answer:"  # before a question's id: its key in a CSV row, apart from the columns'


async def answered_questions(tx: Tx, rows: Sequence[Mapping[str, object]]) -> tuple[Question, ...]:
    """The designed questions the rows answer or the current survey asks, in that order."""
    every = await every_question(tx)
    stored = await tx.survey_versions.current()
    current = set()
    if stored is not None:
        definition = parsed(stored.body)
        variants = [q for variant in definition.variants for q in variant.questions]
        current = {q.id for q in [*definition.questions, *variants]}
    answered = {qid for row in rows for qid in _answers(row)}
    return tuple(
        q for qid, q in every.items() if is_designed(qid) and (qid in current or qid in answered)
    )


def titles(t: Translator, questions: Sequence[Question], taken: Sequence[str]) -> list[str]:
    """Each question's column title: its text on one line; one that another column already
    has gets its id beside it."""
    found: list[str] = []
    seen = set(taken)
    for q in questions:
        title = one_line(text_of(t, q.text, q.id), TITLE_LIMIT)
        if title in seen:
            title = f"{title} ({q.id})"
        seen.add(title)
        found.append(title)
    return found


def cells(t: Translator, questions: Sequence[Question], row: Mapping[str, object]) -> list[object]:
    """The row's answer to each question: a number, words, or None (not asked or skipped)."""
    given = _answers(row)
    return [_cell(t, q, given.get(q.id)) for q in questions]


def answer_columns(
    t: Translator, questions: Sequence[Question], columns: Sequence[str]
) -> dict[str, str]:
    """For the CSV: each question's key in a row (`answer_cells`) and its title."""
    keys = [f"{ANSWER}{q.id}" for q in questions]
    return dict(zip(keys, titles(t, questions, columns), strict=True))


def answer_cells(
    t: Translator, questions: Sequence[Question], row: Mapping[str, object]
) -> dict[str, object]:
    keys = [f"{ANSWER}{q.id}" for q in questions]
    return dict(zip(keys, cells(t, questions, row), strict=True))


def _cell(t: Translator, question: Question, value: object) -> object:
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, str | list):
        answer: Value = value
        return words(t, question, answer)
    return str(value)


def _answers(row: Mapping[str, object]) -> Mapping[str, object]:
    found = row.get("answers")
    return found if isinstance(found, Mapping) else {}

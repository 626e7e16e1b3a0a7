"""The survey as asked: a definition's questions in order, each asked when its condition holds,
one message ("page") at a time, in the customer's language.

A page is one question, except a multiple choice followed by a text question with the same
condition and text (the built-in survey's detractor screen): both on one message, the options
as buttons with Next, the words typed answering the text. A survey's `step` is the id of the
first question of the page it waits on; before 0030 the follow-up page was stored as
`followup` (`LEGACY_FOLLOWUP`), and buttons already sent say so too.

Buttons carry the question id and a value: a score, an option id, or a control (`next`,
`skip`). The built-in survey's pages read exactly as the screens of `bot/surveys/screens.py`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.surveys.design import Question
from bot.surveys.design import text_of as text_of  # where the survey renders its texts
from bot.surveys.rules import category
from bot.surveys.screens import Screen, button, nps_screen
from storage.models import Answer

LEGACY_FOLLOWUP = "followup"  # the follow-up page's step and control buttons before 0030
ROW = 3  # a multiple choice's options per row
SCALE_ROW = 8  # a scale up to this many on one row (Telegram's most), else two rows


@dataclass(frozen=True)
class Page:
    questions: tuple[Question, ...]

    @property
    def first(self) -> Question:
        return self.questions[0]

    @property
    def typed(self) -> Question | None:
        """The text question typed words answer on this page, if any."""
        return next((q for q in self.questions if q.type == "text"), None)


def pages(questions: Sequence[Question]) -> list[Page]:
    found: list[Page] = []
    i = 0
    while i < len(questions):
        q = questions[i]
        after = questions[i + 1] if i + 1 < len(questions) else None
        if (
            after is not None
            and q.type == "choice"
            and q.multiple
            and after.type == "text"
            and after.when == q.when
            and after.text == q.text
        ):
            found.append(Page((q, after)))
            i += 2
        else:
            found.append(Page((q,)))
            i += 1
    return found


def asked(question: Question, nps: int | None, answers: Mapping[str, Answer]) -> bool:
    """Whether the question's condition holds for the answers given so far."""
    when = question.when
    if when is None:
        return True
    if when.question == "nps":
        return nps is not None and any(
            value == nps or value == category(nps) for value in when.in_
        )
    answer = answers.get(when.question)
    if answer is None:
        return False
    given: set[int | str] = set(answer.options)
    if answer.number is not None:
        given.add(answer.number)
    return any(value in given for value in when.in_)


def page_of(questions: Sequence[Question], step: str | None) -> Page | None:
    return next((p for p in pages(questions) if any(q.id == step for q in p.questions)), None)


def next_page(
    questions: Sequence[Question],
    after: Page | None,
    nps: int | None,
    answers: Mapping[str, Answer],
) -> Page | None:
    """The first page after `after` (None: from the start) whose condition holds."""
    every = pages(questions)
    start = 0 if after is None else every.index(after) + 1
    return next((p for p in every[start:] if asked(p.first, nps, answers)), None)


def current_page(
    questions: Sequence[Question], step: str | None, nps: int | None, answers: Mapping[str, Answer]
) -> Page | None:
    """The page a survey at `step` waits on (a survey of the built-in survey stored at the
    follow-up step before 0030: the page its NPS category is asked after the NPS)."""
    if step == LEGACY_FOLLOWUP:
        return next_page(questions, page_of(questions, "nps"), nps, answers)
    return page_of(questions, step)


def render(
    t: Translator,
    survey_id: int,
    page: Page,
    answer: Answer | None,
    reminder: str | None = None,
) -> Screen:
    """The page as a message; `answer`: the multiple choice's answer so far (its ticks);
    `reminder`: the reminder's line to put first (`screens.reminder_line`)."""
    q = page.first
    if q.type == "nps":
        return nps_screen(t, survey_id, reminder, text=text_of(t, q.text, t("survey.invite")))
    text = text_of(t, q.text)
    rows: list[list[InlineKeyboardButton]]
    if q.type == "scale":
        assert q.min is not None and q.max is not None  # design_check requires them
        scores = [button(str(n), survey_id, q.id, str(n)) for n in range(q.min, q.max + 1)]
        half = len(scores) if len(scores) <= SCALE_ROW else (len(scores) + 1) // 2
        rows = [scores[i : i + half] for i in range(0, len(scores), half)]
        if q.labels is not None:
            low, high = text_of(t, q.labels.min), text_of(t, q.labels.max)
            text = f"{text}\n\n{q.min} — {low}\n{q.max} — {high}"
    elif q.type == "choice" and q.multiple:
        chosen = answer.options if answer else ()
        options = [
            button(("✓ " if o.id in chosen else "") + text_of(t, o.text), survey_id, q.id, o.id)
            for o in q.options or []
        ]
        rows = [options[i : i + ROW] for i in range(0, len(options), ROW)]
        rows.append([button(t("survey.next"), survey_id, q.id, "next")])
    elif q.type == "choice":
        rows = [[button(text_of(t, o.text), survey_id, q.id, o.id)] for o in q.options or []]
    else:  # text: typed, or skipped
        rows = [[button(t("survey.skip"), survey_id, q.id, "skip")]]
    if reminder:
        text = f"{reminder}\n\n{text}"
    return Screen(text, InlineKeyboardMarkup(inline_keyboard=rows))

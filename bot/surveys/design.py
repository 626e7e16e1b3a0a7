"""The survey as data (DESIGN §9): the definition owners write, as pydantic models of exactly
the API's format. The rules between fields are `design_check`'s.

Buttons carry ids, never texts: `sv:<survey id>:<question id>:<value>`, where the value is a
score, an option id, or a control button's word (`CONTROLS`). `longest_callback` builds the
longest one a question can produce, at the largest survey id a button may carry, and
`design_check` refuses a question whose longest button would not fit Telegram's 64 bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
)

from bot.i18n import Translator
from bot.ids import RowId
from bot.surveys.rules import Category
from bot.surveys.rules import category as nps_category

CALLBACK_PREFIX = "sv"  # the survey buttons' (bot/surveys/callbacks.py)
LARGEST_ROW_ID = 2**62  # the largest survey id a button may carry (bot/ids.py RowId)
CONTROLS = ("next", "skip", "later", "never")  # values of the buttons that are not answers
NPS_LATER_NEVER = ("later", "never")
CATEGORIES = tuple(Category)  # a condition on the NPS may name these

# The estimated time to answer: seconds per question as a customer on a phone takes it (read,
# tap; a few words typed for a text), summed along the longest path the conditions allow.
SECONDS = {"nps": 5, "scale": 5, "choice": 5, "text": 20}
SECONDS_MULTIPLE = 10  # a multiple choice: several taps, then Next
WARN_SECONDS = 60

QuestionType = Literal["nps", "scale", "choice", "text"]
Texts = dict[StrictStr, StrictStr]  # language -> text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Option(_Strict):
    id: StrictStr
    text: Texts


class Labels(_Strict):
    min: Texts
    max: Texts


class When(_Strict):
    question: StrictStr
    in_: list[StrictInt | StrictStr] = Field(alias="in")


class Complaint(_Strict):
    at_most: StrictInt | None = None
    at_least: StrictInt | None = None
    options: list[StrictStr] | None = None


class Question(_Strict):
    id: StrictStr
    type: QuestionType
    text: Texts | None = None  # the NPS's may be left out: the catalog's (survey.invite)
    min: StrictInt | None = None
    max: StrictInt | None = None
    labels: Labels | None = None
    options: list[Option] | None = None
    multiple: StrictBool | None = None
    when: When | None = None
    complaint: Complaint | None = None

    def values(self) -> list[str]:
        """What this question's buttons carry (controls included), as sent."""
        if self.type == "nps":
            return [str(n) for n in range(11)] + list(NPS_LATER_NEVER)
        if self.type == "scale" and self.min is not None and self.max is not None:
            return [str(n) for n in range(self.min, self.max + 1)]
        if self.type == "choice":
            return [o.id for o in self.options or []] + (["next"] if self.multiple else [])
        return ["skip"]  # a text question: typed, or skipped with a button

    def seconds(self) -> int:
        if self.type == "choice" and self.multiple:
            return SECONDS_MULTIPLE
        return SECONDS[self.type]


class Variant(_Strict):
    branch: StrictStr | None = None
    segment: StrictStr | None = None
    questions: list[Question]


class Definition(_Strict):
    questions: list[Question]
    variants: list[Variant] = Field(default_factory=list)

    def estimated_seconds(self) -> int:
        """The longest time to answer, over the main survey and every variant."""
        lists = [self.questions, *(v.questions for v in self.variants)]
        return max(estimated_seconds(questions) for questions in lists)

    def warnings(self) -> list[str]:
        """What the owner should know but may keep (it is not refused)."""
        seconds = self.estimated_seconds()
        if seconds > WARN_SECONDS:
            return [
                f"about {seconds} s to answer: surveys over {WARN_SECONDS} s lose customers"
                " halfway"
            ]
        return []

    def as_json(self) -> dict[str, Any]:
        """The body as GET returns it and PUT takes it (fields left out stay out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


@dataclass(frozen=True)
class Problem:
    """What is wrong where: `message` in English (the API's 422 says it), `code` and `args`
    for whoever says it in another language (the dashboard: `survey.check.<code>`)."""

    path: str
    message: str
    code: str = ""
    args: tuple[tuple[str, str | int], ...] = ()

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def text_of(t: Translator, texts: Mapping[str, str] | None, fallback: str = "") -> str:
    """The text in the customer's language (every language the shop serves has one)."""
    if not texts:
        return fallback
    return texts.get(t.language) or next(iter(texts.values()))


def longest_callback(question: Question, survey_id: RowId = LARGEST_ROW_ID) -> str:
    """The longest callback data this question's buttons carry for `survey_id`."""
    values = question.values()
    value = max(values, key=lambda v: len(v.encode())) if values else ""
    return f"{CALLBACK_PREFIX}:{survey_id}:{question.id}:{value}"


def estimated_seconds(questions: Sequence[Question]) -> int:
    """Seconds to answer along the longest path: for each NPS category, the questions whose
    conditions that category can meet (a condition on another answer is assumed met)."""
    return max(
        sum(q.seconds() for q in questions if _reachable(q, category, questions))
        for category in CATEGORIES
    )


def _reachable(question: Question, category: str, questions: Sequence[Question]) -> bool:
    seen: set[str] = set()
    while question.when is not None and question.id not in seen:
        seen.add(question.id)
        when = question.when
        if when.question == "nps":
            return any(
                v == category or (isinstance(v, int) and nps_category(v) == category)
                for v in when.in_
            )
        earlier = next((q for q in questions if q.id == when.question), None)
        if earlier is None:
            return True
        question = earlier
    return True

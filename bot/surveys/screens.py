"""What the survey message shows at each step: text and buttons, in the customer's language."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.surveys.callbacks import Question, SurveyPress
from bot.surveys.duration import spoken
from bot.surveys.rules import EXPECTATIONS, Category, category


@dataclass(frozen=True)
class Screen:
    text: str
    markup: InlineKeyboardMarkup | None = None


def button(
    text: str, survey_id: int, step: str, value: str, style: str | None = None
) -> InlineKeyboardButton:
    data = SurveyPress(survey_id=survey_id, step=step, value=value).pack()
    return InlineKeyboardButton(text=text, callback_data=data, style=style)


# Bot API 9.4's button styles: the detractors' scores red, the promoters' green; passives and
# clients that predate styles show the app's own colour.
SCORE_STYLE = {Category.DETRACTOR: "danger", Category.PROMOTER: "success"}


def _score(survey_id: int, n: int) -> InlineKeyboardButton:
    style = SCORE_STYLE.get(category(n))
    return button(str(n), survey_id, Question.NPS, str(n), style)


def nps_screen(
    t: Translator, survey_id: int, reminder: str | None = None, text: str | None = None
) -> Screen:
    """`text`: the question as the survey's definition words it (the catalog's by default);
    `reminder`: the reminder's line to put first (`reminder_line`)."""
    rows = [
        [_score(survey_id, n) for n in range(0, 6)],
        [_score(survey_id, n) for n in range(6, 11)],
        [
            button(t("survey.later"), survey_id, Question.NPS, "later"),
            button(t("survey.never"), survey_id, Question.NPS, "never"),
        ],
    ]
    text = text or t("survey.invite")
    if reminder:
        text = f"{reminder}\n\n{text}"
    return Screen(text, InlineKeyboardMarkup(inline_keyboard=rows))


def reminder_line(t: Translator, seconds: int) -> str:
    """The reminder's first line, saying how long the survey takes (`seconds`: estimated)."""
    return t("survey.reminder", duration=spoken(t, seconds))


def followup_screen(
    t: Translator, survey_id: int, nps: int, aspects: list[str], chosen: list[str]
) -> Screen:
    kind = category(nps)
    rows: list[list[InlineKeyboardButton]] = []
    if kind == Category.DETRACTOR:
        buttons = [
            button(
                ("✓ " if key in chosen else "") + t(f"aspect.{key}"),
                survey_id,
                Question.ASPECT,
                key,
            )
            for key in aspects
        ]
        rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        rows.append([button(t("survey.next"), survey_id, Question.FOLLOWUP, "next")])
    else:
        rows.append([button(t("survey.skip"), survey_id, Question.FOLLOWUP, "skip")])
    return Screen(t(f"survey.followup.{kind}"), InlineKeyboardMarkup(inline_keyboard=rows))


def csat_screen(t: Translator, survey_id: int) -> Screen:
    row = [button(str(n), survey_id, Question.CSAT, str(n)) for n in range(1, 6)]
    return Screen(t("survey.csat"), InlineKeyboardMarkup(inline_keyboard=[row]))


def expectation_screen(t: Translator, survey_id: int) -> Screen:
    rows = [
        [button(t(f"survey.expectation.{key}"), survey_id, Question.EXPECTATION, key)]
        for key in EXPECTATIONS
    ]
    return Screen(t("survey.expectation"), InlineKeyboardMarkup(inline_keyboard=rows))


def thanks_screen(
    t: Translator,
    nps: int | None,
    review_url: str | None,
    referral_url: str | None,
    *,
    personal: bool = False,
    closing: str | None = None,
) -> Screen:
    """`personal`: the promoter got their own invitation link (in the next message), which
    takes the place of the shop's static referral page; `closing`: the thanks as another
    feature words them (a complaint the answers opened)."""
    parts = [closing or t("survey.thanks")]
    if review_url:  # everyone or no one: asking only the happy ones is review gating
        parts.append(t("survey.review", url=review_url))
    if personal:
        parts.append(t("survey.referral_personal"))
    elif referral_url and nps is not None and category(nps) == Category.PROMOTER:
        parts.append(t("survey.referral", url=referral_url))
    return Screen("\n\n".join(parts))

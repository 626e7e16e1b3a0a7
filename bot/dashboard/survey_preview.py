"""Each page of the survey as the customer gets it in Telegram, in every language: built by the
engine's own `render` (the code that builds the real message), so the preview cannot drift
from what is sent. Only the drawing is the page's: a row's buttons share its width equally,
as Telegram's clients lay out an inline keyboard, and a text too long for its button is cut.

The buttons are built for the largest survey id a button may carry, so the callback data
shown is the longest any customer's button of that question will carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.i18n import Catalog, Translator
from bot.surveys.design import LARGEST_ROW_ID, Question
from bot.surveys.design_check import CALLBACK_LIMIT
from bot.surveys.engine import Page, pages, render


@dataclass(frozen=True)
class Button:
    text: str
    style: str  # Bot API's button style ("danger", "success"), or "" for the app's colour
    data_bytes: int  # its callback data's length


@dataclass(frozen=True)
class Message:
    language: str
    text: str
    rows: list[list[Button]]


@dataclass(frozen=True)
class Preview:
    """One message of the survey: the questions it asks (two when a multiple choice and a
    comment share one), and the message in each language."""

    questions: tuple[str, ...]
    messages: list[Message]
    data_bytes: int  # the longest callback data of its buttons
    limit: int = CALLBACK_LIMIT


def previews(
    catalog: Catalog, questions: Sequence[Question], languages: Sequence[str]
) -> dict[str, Preview]:
    """The preview of each page, under the id of every question it asks."""
    found: dict[str, Preview] = {}
    for page in pages(questions):
        messages = [_message(Translator(catalog, language), page) for language in languages]
        longest = max((b.data_bytes for m in messages for row in m.rows for b in row), default=0)
        ids = tuple(q.id for q in page.questions)
        preview = Preview(ids, messages, longest)
        for question_id in ids:
            found.setdefault(question_id, preview)
    return found


def _message(t: Translator, page: Page) -> Message:
    screen = render(t, LARGEST_ROW_ID, page, None)
    keyboard = screen.markup.inline_keyboard if screen.markup is not None else []
    rows = [
        [Button(b.text, b.style or "", len((b.callback_data or "").encode())) for b in row]
        for row in keyboard
    ]
    return Message(t.language, screen.text, rows)

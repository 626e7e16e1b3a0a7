"""A labelled set of what customers write after a survey or a staff reply, in English, Russian
and Swedish: every complaint in it opens one; at least 95% of the thanks do not."""

from __future__ import annotations

import pytest

from bot.complaints.thanks import just_thanks

THANKS = [
    "Thanks!",
    "thank you",
    "Thank you so much!",
    "thx",
    "ty",
    "ok",
    "OK 👍",
    "👍",
    "🙏",
    "Great, thanks",
    "Perfect, thank you!",
    "Cool",
    "Got it, thanks",
    "Thanks a lot!!",
    "thank you, have a nice day",
    "Awesome 😊",
    "❤️",
    "👍🏻",
    "Noted, thanks",
    "ok thanks",
    "Спасибо!",
    "спасибо",
    "Спасибо большое!",
    "Огромное спасибо 🙏",
    "спс",
    "Ок",
    "Окей",
    "Хорошо, спасибо",
    "Отлично!",
    "Понятно, спасибо",
    "Благодарю",
    "Спасибо, всего доброго!",
    "Супер 👍",
    "Ясно",
    "Договорились",
    "И вам хорошего дня!",
    "спасибочки",
    "ок 👌",
    "Tack!",
    "tack så mycket",
    "Tusen tack!",
    "Ok",
    "Okej, tack",
    "Toppen!",
    "Perfekt, tack",
    "Bra",
    "Tack, ha en trevlig dag",
    "Kanon 👍",
    "Jättebra, tack!",
    "Tack detsamma",
    "Thank you! ☺️",
    "Спасибо 😊",
    "Tack 🙏",
]

COMPLAINTS = [
    "Thanks, but the parcel never arrived",
    "Thank you? I am still waiting for my refund",
    "ok but the box was broken",
    "not ok",
    "No thanks, it was awful",
    "👎",
    "😡",
    "Thanks for nothing",
    "The courier was rude",
    "When will you call me?",
    "Where is my order",
    "I want my money back",
    "Order 1234 is missing an item",
    "still broken",
    "Спасибо, но заказ так и не пришёл",
    "Не спасибо",
    "Ничего не работает",
    "Где мой заказ?",
    "Курьер нахамил",
    "Верните деньги",
    "Спасибо за ничего",
    "Хорошо, но товар бракованный",
    "😠",
    "Заказ 5512 не доставлен",
    "Почему так долго?",
    "ок, а когда вернут деньги",
    "Tack, men paketet kom aldrig",
    "Inte bra",
    "Varan var trasig",
    "Var är min order?",
    "Jag vill ha pengarna tillbaka",
    "Tack för ingenting",
    "ok men kvittot saknas",
    "💩",
    "Bra, men leveransen var sen",
    "Personalen var otrevlig",
]


@pytest.mark.parametrize("text", COMPLAINTS)
def test_every_complaint_opens_one(text: str) -> None:
    assert not just_thanks(text)


def test_at_least_95_percent_of_the_thanks_open_nothing() -> None:
    missed = [text for text in THANKS if not just_thanks(text)]
    assert len(missed) <= 0.05 * len(THANKS), missed


@pytest.mark.parametrize("text", [None, "", "   ", "ok " * 30, "1", "🤷"])
def test_nothing_much_is_not_thanks(text: str | None) -> None:
    assert not just_thanks(text)

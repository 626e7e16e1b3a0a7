"""The survey's first question: 0-10 in two rows, detractor scores red and promoter scores green
(Bot API 9.4's button style), passives and "later"/"never" in the app's own style."""

from __future__ import annotations

from bot.i18n import Catalog
from bot.surveys.screens import nps_screen


def test_nps_buttons_are_coloured_by_what_the_score_means() -> None:
    screen = nps_screen(Catalog.load().bind("en"), 7)
    assert screen.markup is not None
    rows = screen.markup.inline_keyboard
    styles = {b.text: b.style for row in rows[:2] for b in row}
    assert styles == {
        **{str(n): "danger" for n in range(0, 7)},
        "7": None,
        "8": None,
        "9": "success",
        "10": "success",
    }
    assert [b.style for b in rows[2]] == [None, None]

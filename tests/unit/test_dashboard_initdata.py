"""Mini App launch data: accepted only as Telegram signs it for this bot, and only while fresh.
The signatures here are made by the test's own reading of Telegram's documentation, not by the
module under test."""

from __future__ import annotations

import json

import pytest

from bot.dashboard.initdata import InitDataError, verify
from tests.support.miniapp import telegram_signs

TOKEN = "123456:TEST-token"
NOW = 1_800_000_000


def launch(user_id: int = 501, auth_date: int = NOW - 60, token: str = TOKEN) -> str:
    user = json.dumps({"id": user_id, "first_name": "Test", "language_code": "ru"})
    return telegram_signs(token, query_id="AAE1", user=user, auth_date=str(auth_date))


def test_launch_data_telegram_signed_for_this_bot_names_the_user() -> None:
    seen = verify(launch(), TOKEN, NOW)
    assert (seen.user_id, seen.language) == (501, "ru")


@pytest.mark.parametrize(
    "data",
    [
        launch(token="654321:OTHER-bot"),  # signed for another bot
        launch().replace("%22id%22%3A%20501", "%22id%22%3A%20502"),  # someone else's id
        launch(auth_date=NOW - 25 * 3600),  # a day and more old
        launch(auth_date=NOW + 3600),  # from the future
        launch().rsplit("&hash=", 1)[0],  # no signature
        launch() + "&auth_date=1",  # a field twice
        "",
        "x" * 10_000,
        telegram_signs(TOKEN, auth_date=str(NOW)),  # no user
    ],
)
def test_forged_stale_and_foreign_launch_data_is_refused(data: str) -> None:
    with pytest.raises(InitDataError):
        verify(data, TOKEN, NOW)

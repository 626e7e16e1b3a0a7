"""The web channel: a survey's web address (PUBLIC_URL/s/<token>) and its QR code, and the
mail that reaches customers outside Telegram (bot/mail/).

Installs: the routes under /s/. Without PUBLIC_URL no new survey gets a web address and no
QR code is drawn, but an address given before still opens its page."""

from __future__ import annotations

from bot.surveys.config import Surveys
from bot.webchannel.survey_page import SurveyPages
from bot.wiring import Wiring


def install(w: Wiring, surveys: Surveys) -> None:
    pages = SurveyPages(w.db, surveys, surveys.config.public_url)
    w.routes += [
        ("GET", "/s/{token}", pages.show),
        ("POST", "/s/{token}", pages.post),
        ("GET", "/s/{token}/qr.svg", pages.qr_svg),
        ("GET", "/s/{token}/qr.png", pages.qr_png),
    ]

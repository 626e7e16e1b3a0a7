"""The web channel: a survey's web address (PUBLIC_URL/s/<token>) and its QR code, the
conversation page of a complaint followed outside Telegram (PUBLIC_URL/c/<token>), and the
mail that tells its customer of news (bot/mail/).

Installs: the routes under /s/ and /c/, and the email of `when.page_news`. Without
PUBLIC_URL no new survey gets a web address, no QR code is drawn and no email goes (it would
have no link), but an address given before still opens its page."""

from __future__ import annotations

from functools import partial

from bot.complaints.config import Complaints
from bot.mail.config import Mailer
from bot.surveys.config import Surveys
from bot.webchannel.conversation import ConversationPages, news
from bot.webchannel.survey_page import SurveyPages
from bot.wiring import Wiring


def install(w: Wiring, surveys: Surveys, complaints: Complaints, mailer: Mailer) -> None:
    mail = mailer.config.smtp is not None
    pages = SurveyPages(w.db, surveys, surveys.config.public_url, mail)
    retention = w.settings.storage.data_retention
    talks = ConversationPages(w.db, surveys, complaints, retention, mailer)
    w.routes += [
        ("GET", "/s/{token}", pages.show),
        ("POST", "/s/{token}", pages.post),
        ("GET", "/s/{token}/qr.svg", pages.qr_svg),
        ("GET", "/s/{token}/qr.png", pages.qr_png),
        ("POST", "/s/{token}/follow", talks.follow),
        ("GET", "/c/{token}", talks.show),
        ("POST", "/c/{token}", talks.post),
        ("GET", "/c/{token}/unsubscribe", talks.unsubscribe_form),
        ("POST", "/c/{token}/unsubscribe", talks.unsubscribe),
    ]
    w.core.when.page_news.connect(partial(news, talks, mailer))

"""The customer's private chat with the bot: a router per feature, one private-chat filter.

Commands and buttons first (each feature's own); then `words`, which decides what every other
message is for (a pulse answer, a survey comment, thanks, a complaint), in one ordered list.
"""

from aiogram import Router

from handlers.customer import (
    complaint,
    language,
    membership,
    privacy,
    pulse,
    start,
    survey,
    words,
)
from handlers.filters import PRIVATE, PRIVATE_CALLBACK


def router() -> Router:
    audience = Router(name=__name__)
    audience.message.filter(PRIVATE)
    audience.callback_query.filter(PRIVATE_CALLBACK)
    audience.my_chat_member.filter(PRIVATE)
    audience.include_routers(
        membership.router(),
        start.router(),
        language.router(),
        privacy.router(),
        pulse.router(),
        survey.router(),
        complaint.router(),
        words.router(),  # last: whatever no command or button took
    )
    return audience

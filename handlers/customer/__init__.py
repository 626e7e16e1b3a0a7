"""The customer's private chat with the bot: a router per feature, one private-chat filter."""

from aiogram import Router

from handlers.customer import complaint, language, membership, privacy, pulse, start, survey
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
        pulse.router(),  # typed text goes to a staff member's pulse answer first,
        survey.router(),  # then to an open survey,
        complaint.router(),  # then to support
    )
    return audience

"""The staff group chat: complaint cards, the relay, /open, /mine, /find and /saved, under one
chat filter; and inline mode (saved replies), which has no chat.

Whether the person may act (a member of the chat, or configured) is asked per action: a
stranger's press gets an alert, which a filter could not give.
"""

from aiogram import Router

from handlers.filters import InStaffChat
from handlers.staff import complaints, inline


def router() -> Router:
    audience = Router(name=__name__)
    audience.message.filter(InStaffChat())
    audience.callback_query.filter(InStaffChat())
    audience.include_routers(complaints.router(), inline.router())
    return audience

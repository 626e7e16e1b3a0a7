"""The staff group chat: complaint cards, the relay, /open, /mine, /find and /saved, under one
chat filter; and inline mode (saved replies), which has no chat.

Whether the person may act (a member of the chat, or configured) is the `IsStaff` filter on
each staff handler; whoever it refuses falls through to the refusal router, which says what
they get (a press: an alert saying why; anything else: silence or no results).
"""

from aiogram import Router

from handlers.filters import InStaffChat
from handlers.staff import complaints, inline, refusal


def router() -> Router:
    audience = Router(name=__name__)
    audience.message.filter(InStaffChat())
    audience.callback_query.filter(InStaffChat())
    audience.include_routers(complaints.router(), inline.router(), refusal.router())
    return audience

"""aiogram routers, thin: parse, call a service, answer. Telegram's events about the chats
themselves come first; one parent router per audience (the staff chat, owners, customers)
carries the filter saying who may reach its features; the catch-all comes last.

Each module builds its router in `router()`, so every app (and every test) gets fresh ones.
"""

from aiogram import Router

from handlers import business, chats, customer, fallback, owner, staff


def routers() -> list[Router]:
    """Fresh routers for one Dispatcher (a router can belong to one only)."""
    return [
        chats.router(),
        business.router(),
        staff.router(),
        owner.router(),
        customer.router(),
        fallback.router(),
    ]

"""aiogram routers, thin: parse, call a service, answer. Order matters: the catch-all is last."""

from aiogram import Router

from handlers import fallback
from handlers.customer import language, start


def routers() -> list[Router]:
    return [start.router, language.router, fallback.router]

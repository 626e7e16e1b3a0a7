"""aiogram routers, thin: parse, call a service, answer. Order matters: the catch-all is last.

Each module builds its router in `router()`, so every app (and every test) gets fresh ones.
"""

from aiogram import Router

from handlers import fallback
from handlers.customer import complaint, language, membership, privacy, start, survey
from handlers.owner import reports
from handlers.staff import complaints


def routers() -> list[Router]:
    """Fresh routers for one Dispatcher (a router can belong to one only)."""
    return [
        membership.router(),
        complaints.router(),
        start.router(),
        language.router(),
        privacy.router(),
        reports.router(),
        survey.router(),
        complaint.router(),
        fallback.router(),
    ]

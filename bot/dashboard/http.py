"""What every dashboard page shares: the session cookie, the CSRF check, redirects."""

from __future__ import annotations

import hmac

from aiohttp import web

from bot.dashboard.access import Dashboard
from storage.repos.dashboard import DashboardSession

COOKIE = "feedback_dashboard"


async def session_of(dashboard: Dashboard, request: web.Request) -> DashboardSession | None:
    return await dashboard.session(request.cookies.get(COOKIE))


async def csrf_ok(request: web.Request, session: DashboardSession) -> bool:
    """A state-changing request echoes the session's token: a form field or a header."""
    form = await request.post()
    given = request.headers.get("X-CSRF-Token") or str(form.get("csrf", ""))
    return hmac.compare_digest(given.encode(), session.csrf.encode())


def see(path: str) -> web.Response:
    """303 See Other: after a POST, or to the page this person may see."""
    return web.Response(status=303, headers={"Location": path})


def number_in(request: web.Request) -> int:
    """The {number} of the path; 0 (no such complaint) for anything that is not one."""
    raw = request.match_info["number"]
    return int(raw) if raw.isdigit() and len(raw) < 16 else 0

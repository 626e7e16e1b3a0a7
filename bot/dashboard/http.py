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


async def form_session(
    dashboard: Dashboard, request: web.Request, owners_only: str | None = None
) -> DashboardSession | web.Response:
    """The session behind a form's POST, or the answer refusing it: 401 signed out, 403
    without the session's CSRF token, and 403 saying `owners_only` to a manager when given."""
    session = await session_of(dashboard, request)
    if session is None:
        return web.json_response({"error": "sign in first"}, status=401)
    if not await csrf_ok(request, session):
        return web.json_response({"error": "missing or wrong CSRF token"}, status=403)
    if owners_only is not None and session.role != "owner":
        return web.json_response({"error": owners_only}, status=403)
    return session


def see(path: str) -> web.Response:
    """303 See Other: after a POST, or to the page this person may see."""
    return web.Response(status=303, headers={"Location": path})


def number_in(request: web.Request) -> int:
    """The {number} of the path; 0 (no such complaint) for anything that is not one."""
    raw = request.match_info["number"]
    return int(raw) if raw.isdigit() and len(raw) < 16 else 0

"""The dashboard's saved replies (owners and managers, as /saved in their private chat): the
list, a form to add or replace one, and a delete button per text."""

from __future__ import annotations

from html import unescape

from aiohttp import web

from bot.complaints import saved
from bot.dashboard.desk import StaffPages
from bot.dashboard.http import form_session, see, session_of
from bot.dashboard.pages import page
from storage.repos.dashboard import DashboardSession


class SavedPages(StaffPages):
    async def listing(self, request: web.Request) -> web.Response:
        session = await session_of(self.dashboard, request)
        if session is None:
            return see("/app")
        return await self._render(session)

    async def _render(
        self, session: DashboardSession, said: str | None = None, status: int = 200
    ) -> web.Response:
        async with self.dashboard.db.read() as tx:
            replies = await tx.saved.starting("", 500)
        catalog = self.complaints.core.catalog
        return page(
            "saved.html",
            self.t,
            status,
            csrf=session.csrf,
            role=session.role,
            replies=replies,
            languages=catalog.languages,
            default=catalog.default,
            said=None if said is None else unescape(said),
        )

    async def change(self, request: web.Request) -> web.Response:
        """POST: add (name, language, text) or delete (name, language, delete=1)."""
        session = await form_session(self.dashboard, request)
        if isinstance(session, web.Response):
            return session
        form = await request.post()
        name, language = str(form.get("name", "")).strip(), str(form.get("language", ""))
        if language and language != self.complaints.core.catalog.default:
            name = f"{name}:{language}"
        async with self.dashboard.db.transaction() as tx:
            if form.get("delete"):
                done = await saved.remove(tx, self.complaints, self.t, name)
            else:
                text = str(form.get("text", ""))
                done = await saved.add(tx, self.complaints, self.t, session.user_id, name, text)
        return await self._render(session, done.text, 200 if done.changed else 422)

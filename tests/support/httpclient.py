"""A browser as the dashboard's tests need one: its own cookies, redirects not followed."""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.app import App


class Browser:
    """A browser of its own: its own cookies, no redirects followed unless asked."""

    def __init__(self, app: App) -> None:
        self.base = f"http://127.0.0.1:{app.port}"
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def get(self, path: str, **kw: Any) -> tuple[int, str, aiohttp.ClientResponse]:
        async with self.session.get(self.base + path, allow_redirects=False, **kw) as r:
            return r.status, (await r.read()).decode(errors="replace"), r

    async def post(self, path: str, **kw: Any) -> tuple[int, str, aiohttp.ClientResponse]:
        async with self.session.post(self.base + path, allow_redirects=False, **kw) as r:
            return r.status, await r.text(), r

    async def close(self) -> None:
        await self.session.close()

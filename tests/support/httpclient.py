"""A browser as the dashboard's tests need one: its own cookies, redirects not followed."""

from __future__ import annotations

import re
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

    async def sign_in(self, link: str, **kw: Any) -> tuple[int, str, aiohttp.ClientResponse]:
        """Open a one-time sign-in link as a person does: the page, then its button (what a
        browser with scripts does by itself). The answer to the button, or to the page when
        it has none (a used link)."""
        status, page, answer = await self.get(link[link.index("/app/login") :], **kw)
        form = re.search(r'<form method="post" action="/app/login"[^>]*>(.*?)</form>', page, re.S)
        if form is None:
            return status, page, answer
        token = re.search(r'name="token" value="([^"]+)"', form.group(1))
        assert token, form.group(1)
        return await self.post("/app/login", data={"token": token.group(1)}, **kw)

    async def close(self) -> None:
        await self.session.close()

"""A system that receives the bot's events: a local HTTP server that can be down, answer an
error, answer slowly or not at all, redirect, or answer with a body of any size and words, and
keeps every request it got (headers and body)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import socket
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Got:
    headers: dict[str, str]
    body: bytes
    status: int  # what the receiver answered

    @property
    def event(self) -> dict[str, Any]:
        return dict(json.loads(self.body))


def verify(secret: str, header: str, body: bytes, tolerance: float = 300.0) -> bool:
    """The receiver's own check of X-Feedback-Signature, written from the documented format
    alone (not the bot's code): t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    if "t" not in parts or "v1" not in parts or abs(time.time() - int(parts["t"])) > tolerance:
        return False
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), parts["v1"])


@dataclass
class Receiver:
    port: int = 0
    got: list[Got] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # statuses for the next requests
    delays: list[float] = field(default_factory=list)  # pauses before the next answers
    hang: bool = False  # never answer (until stopped)
    redirect: tuple[int, str] | None = None  # (3xx, Location) answered to every POST
    body: str | None = None  # the words of every answer, instead of {"ok": …}
    body_size: int = 0  # a 200 whose body is this many bytes, streamed
    streamed: int = 0  # bytes of such bodies the bot took in (sent until it hung up)
    elsewhere: list[Got] = field(default_factory=list)  # what reached the redirect's target
    _runner: web.AppRunner | None = None
    _released: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def start(self) -> None:
        if not self.port:
            with socket.socket() as s:  # a port of our own, kept across a restart
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
        self._released.clear()
        app = web.Application()
        app.router.add_post("/hook", self._hook)
        app.router.add_route("*", "/hook/{rest:.*}", self._elsewhere)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        """Down: connections are refused until `start` again (a hung answer ends now)."""
        self._released.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _hook(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        if self.delays:
            await asyncio.sleep(self.delays.pop(0))
        if self.hang:
            await self._released.wait()
        if self.redirect is not None:
            status, location = self.redirect
            self.got.append(Got(dict(request.headers), body, status))
            return web.Response(status=status, headers={"Location": location})
        status = self.answers.pop(0) if self.answers else 200
        self.got.append(Got(dict(request.headers), body, status))
        if self.body_size:
            return await self._flood(request)
        if self.body is not None:
            return web.Response(text=self.body, status=status)
        return web.json_response({"ok": status < 300}, status=status)

    async def _flood(self, request: web.Request) -> web.StreamResponse:
        """A 200 with a body of `body_size` bytes, written as fast as the bot reads it."""
        response = web.StreamResponse(headers={"Content-Length": str(self.body_size)})
        await response.prepare(request)
        chunk = b"x" * 65536
        try:
            while self.streamed < self.body_size:
                await response.write(chunk)
                self.streamed += len(chunk)
        except (ConnectionError, RuntimeError):
            pass  # the bot hung up: what it took in is counted
        return response

    async def _elsewhere(self, request: web.Request) -> web.Response:
        self.elsewhere.append(Got(dict(request.headers), await request.read(), 200))
        return web.json_response({"ok": True})

    def accepted(self) -> list[dict[str, Any]]:
        """The events this receiver accepted (2xx), in arrival order."""
        return [g.event for g in self.got if g.status < 300]

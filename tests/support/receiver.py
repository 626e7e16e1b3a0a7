"""A system that receives the bot's events: a local HTTP server that can be down, answer an
error, or answer slowly, and keeps every request it got (headers and body)."""

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
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def start(self) -> None:
        if not self.port:
            with socket.socket() as s:  # a port of our own, kept across a restart
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
        app = web.Application()
        app.router.add_post("/hook", self._hook)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        """Down: connections are refused until `start` again."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _hook(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self.delays:
            await asyncio.sleep(self.delays.pop(0))
        status = self.answers.pop(0) if self.answers else 200
        self.got.append(Got(dict(request.headers), body, status))
        return web.json_response({"ok": status < 300}, status=status)

    def accepted(self) -> list[dict[str, Any]]:
        """The events this receiver accepted (2xx), in arrival order."""
        return [g.event for g in self.got if g.status < 300]

"""The events sender's HTTP side: one signed POST to a receiver, and what it answered.

A receiver chooses its answer, not what the bot does with it. Redirects are never followed
(following one would re-send the event as an empty GET and count the target's 200 as
delivered, or send the signed event to another address): a 3xx is a failed try that names
its Location. At most READ_LIMIT bytes of an answer are read, then the connection is closed,
whatever the receiver goes on sending. What people are shown of an answer is its status and
a short, plain excerpt: no markup, no control characters, one line."""

from __future__ import annotations

import errno
import html
import re
import time
from dataclasses import dataclass

import aiohttp
from yarl import URL

from bot.events.config import TIMEOUT, EventsConfig
from bot.events.signing import HEADER, sign
from bot.i18n import one_line

READ_LIMIT = 4096  # bytes of any answer the bot reads
EXCERPT = 60  # characters of an answer people are shown
LOCATION = 200  # characters of a redirect's Location people are shown
_TAG = re.compile(r"<[^>]*>?")
_HIDDEN = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.I | re.S)  # never shown words
_REDIRECT = re.compile(r"3\d\d redirect to (\S+), not followed")


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer (refused, timed out)
    excerpt: str = ""  # the start of the body, plain (see `plain`)
    location: str | None = None  # where a 3xx pointed
    problem: str = ""  # without an answer: why, in the bot's words

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def redirect(self) -> bool:
        return self.status is not None and 300 <= self.status < 400

    def summary(self) -> str:
        """One line saying what the receiver answered; its own words marked «…»."""
        if self.status is None:
            return self.problem
        if self.redirect:
            return f"{self.status} redirect to {self.location or '(no Location)'}, not followed"
        return f"{self.status}: «{self.excerpt}»" if self.excerpt else str(self.status)


def redirected_to(summary: str) -> str | None:
    """The Location a stored summary (`Answer.summary`) names, if the answer redirected."""
    found = _REDIRECT.fullmatch(summary)
    return found[1] if found else None


def plain(raw: str, limit: int) -> str:
    """Text a receiver wrote, as at most `limit` characters of one plain line: entities
    decoded, then tags, control characters and runs of spaces gone."""
    return one_line(_TAG.sub(" ", html.unescape(_HIDDEN.sub(" ", raw))), limit)


def origin(url: str) -> str:
    """A receiver as /healthz names it: its path may be a secret (many hooks' are)."""
    return str(URL(url).origin())


class Receivers:
    """The HTTP client events go out with (one connection pool, opened on first use)."""

    def __init__(self, config: EventsConfig, timeout: float = TIMEOUT) -> None:
        self.config = config
        self.timeout = timeout  # for the whole try: connecting, sending, the answer
        self._session: aiohttp.ClientSession | None = None

    async def post(self, url: str, body: bytes) -> Answer:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {
            "Content-Type": "application/json",
            HEADER: sign(self.config.secret, body, int(time.time())),
            "User-Agent": "feedback-bot-events/1",
        }
        try:
            async with self._session.post(
                url,
                data=body,
                headers=headers,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as response:
                location = response.headers.get("Location")
                start = await _start_of(response)
        except TimeoutError:
            return Answer(None, problem=f"no answer within {self.timeout:.0f} s")
        except aiohttp.ClientConnectorError as exc:
            refused = exc.os_error.errno == errno.ECONNREFUSED
            why = (
                "connection refused" if refused else str(exc.os_error.strerror or "no connection")
            )
            host = f"{exc.host}:{exc.port}"
            return Answer(None, problem=plain(f"no answer: cannot connect to {host} ({why})", 300))
        except aiohttp.ClientError as exc:
            return Answer(None, problem=plain(f"no answer: {type(exc).__name__}: {exc}", 300))
        excerpt = plain(start.decode("utf-8", errors="replace"), EXCERPT)
        where = plain(location, LOCATION) if location is not None else None
        return Answer(response.status, excerpt, where)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


async def _start_of(response: aiohttp.ClientResponse) -> bytes:
    """The first READ_LIMIT bytes of the body; the connection is closed on the rest. The
    status decides the try: a body that stops coming leaves what came."""
    start = bytearray()
    try:
        while len(start) < READ_LIMIT:
            chunk = await response.content.read(READ_LIMIT - len(start))
            if not chunk:
                return bytes(start)
            start += chunk
    except (TimeoutError, aiohttp.ClientError):
        pass
    if not response.content.at_eof():
        response.close()  # hang up: the rest is never read, so never held
    return bytes(start)

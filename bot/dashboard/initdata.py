"""Telegram Mini App launch data (`Telegram.WebApp.initData`), checked as Telegram's Mini App
documentation defines it.

The client sends a query string of fields, one of them `hash`: the hex HMAC-SHA256 of the
data-check-string (every other field as `key=value`, sorted by key, joined by newlines) under
the key HMAC-SHA256("WebAppData", BOT_TOKEN). Anyone holding the bot's token could sign, so
only the server checks; `auth_date` says when Telegram signed it, and old data is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

MAX_AGE = 24 * 3600  # seconds: a launch older than a day is refused
MAX_LENGTH = 8192  # Telegram's are well under 2 KB


class InitDataError(ValueError):
    """Not launch data Telegram signed for this bot, or too old."""


@dataclass(frozen=True)
class Launch:
    user_id: int
    language: str | None
    auth_date: int
    signature: str  # its `hash`: names this launch (each opens one session)


def _secret(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def _check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def verify(init_data: str, bot_token: str, now: float, max_age: float = MAX_AGE) -> Launch:
    """The user Telegram vouches for; raises InitDataError (forged, tampered, stale, or
    without a user)."""
    if not init_data or len(init_data) > MAX_LENGTH:
        raise InitDataError("no launch data")
    pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=False)
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataError("a field given twice")
    given = fields.get("hash", "")
    expected = hmac.new(_secret(bot_token), _check_string(fields).encode(), hashlib.sha256)
    if not hmac.compare_digest(given.encode(), expected.hexdigest().encode()):
        raise InitDataError("signature does not match")
    try:
        auth_date = int(fields["auth_date"])
        user = json.loads(fields["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError) as exc:
        raise InitDataError("no user in the launch data") from exc
    if not (now - max_age <= auth_date <= now + 60):
        raise InitDataError("launch data too old")
    language = user.get("language_code") if isinstance(user, dict) else None
    return Launch(user_id, language if isinstance(language, str) else None, auth_date, given)


def sign(fields: dict[str, str], bot_token: str) -> str:
    """Launch data as Telegram's client would send it (for the demo and the tests)."""
    digest = hmac.new(_secret(bot_token), _check_string(fields).encode(), hashlib.sha256)
    return urlencode({**fields, "hash": digest.hexdigest()})

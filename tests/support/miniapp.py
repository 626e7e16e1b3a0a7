"""Mini App launch data as Telegram's client sends it, signed by the tests' own reading of
Telegram's documentation (not by the product's code under test)."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote


def telegram_signs(token: str, **fields: str) -> str:
    """URL-encoded `fields` plus `hash`: the HMAC-SHA256 of the sorted `key=value` lines under
    HMAC-SHA256("WebAppData", token)."""
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    key = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    digest = hmac.new(key, check.encode(), hashlib.sha256).hexdigest()
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in {**fields, "hash": digest}.items())

"""X-Feedback-Signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with
EVENTS_SECRET, as a receiver checks it (docs/integrations.md has a ten-line verifier)."""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Feedback-Signature"


def sign(secret: str, body: bytes, at: int) -> str:
    mac = hmac.new(secret.encode(), f"{at}.".encode() + body, hashlib.sha256)
    return f"t={at},v1={mac.hexdigest()}"

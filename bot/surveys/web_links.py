"""A survey's web address, PUBLIC_URL/s/<token>: what a receipt's QR code opens.

The token is 128 random bits; only its SHA-256 digest is stored (`survey_links`), as the
dashboard's sign-in links are, so a copy of the database (a backup, a leaked dump) opens no
survey. What the token itself allows is what a receipt allows anyway: whoever holds the
receipt answers its survey once, and the page names no customer. Each registration of a
purchase, a repeat included, gets a token of its own: an integrator's retry after a lost
answer gets a working link, and a link already printed keeps working.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence

from storage.db import Tx

TOKEN_BYTES = 16  # 128 bits: at least 96 bits, and 22 characters in a URL
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def survey_url(public_url: str, token: str) -> str:
    return f"{public_url}/s/{token}"


async def mint(tx: Tx, public_url: str, survey_ids: Sequence[int]) -> list[str]:
    """A new web address for each survey, in order; only the tokens' digests are stored."""
    tokens = [secrets.token_urlsafe(TOKEN_BYTES) for _ in survey_ids]
    await tx.survey_links.add_many(
        [(digest(token), survey_id) for token, survey_id in zip(tokens, survey_ids, strict=True)]
    )
    return [survey_url(public_url, token) for token in tokens]


async def survey_of(tx: Tx, token: str) -> int | None:
    """The survey a token opens; None for anything else (a wrong shape is not looked up)."""
    if not TOKEN_SHAPE.match(token):
        return None
    return await tx.survey_links.survey_of(digest(token))

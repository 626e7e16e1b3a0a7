"""The digest's "Bring a friend": invitation links sent, friends who joined and who bought, and
the advocates who brought the most buyers (names: the digest goes to owners only)."""

from __future__ import annotations

from bot.i18n import Translator
from bot.reports.digest import Digest


def referral_lines(t: Translator, d: Digest) -> list[str]:
    r = d.referrals
    if not (r.links_sent or r.friends_joined or r.friends_purchased):
        return []
    lines = [
        t(
            "advocates.counts",
            sent=r.links_sent,
            joined=r.friends_joined,
            purchased=r.friends_purchased,
        )
    ]
    if d.advocates:
        named = ", ".join(f"{name} {count}" for name, count in d.advocates)
        lines.append(t("advocates.top", advocates=named))
    return lines

"""A resolved complaint's causes: the survey's aspects plus "other", "skipped" when the staff
skip the question, "unrecorded" when nobody answered it; named in any catalog language.

No Telegram framework here: the digest's text uses it too."""

from __future__ import annotations

from bot.i18n import Translator
from storage.repos.corrective import UNRECORDED

OTHER = "other"
SKIPPED = "skipped"  # the cause stored when the staff skip the question: counted, not hidden


def causes(aspects: list[str]) -> list[str]:
    """The survey's aspects, then "other" (once)."""
    return list(dict.fromkeys([*aspects, OTHER]))


def cause_label(t: Translator, cause: str) -> str:
    """A complaint's cause in `t`'s language (an aspect's name, or "skipped")."""
    return t(f"corrective.cause.{cause}" if cause in (SKIPPED, UNRECORDED) else f"aspect.{cause}")

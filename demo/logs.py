"""LOG_LEVEL as the bot reads it, WARNING unless set: for `python -m demo` and the sandbox."""

from __future__ import annotations

import sys

from bot import logs
from bot.settings import ConfigError, LogSettings, load_section


def configure() -> bool:
    """False (the problem said on stderr) when LOG_LEVEL is not a level."""
    try:
        level = load_section(LogSettings).log_level
    except ConfigError as exc:
        print(*exc.lines, sep="\n", file=sys.stderr)
        return False
    logs.configure(level, default="WARNING")
    return True

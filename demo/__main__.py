"""`python -m demo` (`make demo`): LOG_LEVEL as the bot reads it, WARNING unless set."""

import sys

from bot import logs
from bot.settings import ConfigError, LogSettings, load_section
from demo.run import main

try:
    level = load_section(LogSettings).log_level
except ConfigError as exc:
    print(*exc.lines, sep="\n", file=sys.stderr)
    sys.exit(2)
logs.configure(level, default="WARNING")
sys.exit(main())

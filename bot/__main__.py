"""`python -m bot`: see bot/cli.py."""

import os
import sys

from bot.cli import main

try:
    code = main()
    sys.stdout.flush()  # a reader that left shows here, not in the interpreter's exit
except BrokenPipeError:
    # `python -m bot check-config | head -1`: the reader has what it wanted and left. The rest
    # goes nowhere instead of ending in a traceback (as Python's docs on SIGPIPE advise).
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
raise SystemExit(code)

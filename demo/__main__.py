"""`python -m demo` (`make demo`): LOG_LEVEL as the bot reads it, WARNING unless set."""

import sys

from demo.logs import configure
from demo.run import main

if not configure():
    sys.exit(2)
sys.exit(main())

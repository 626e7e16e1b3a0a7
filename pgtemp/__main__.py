"""`python -m pgtemp -- COMMAND ...`: run COMMAND with TEST_DATABASE_URL on a throwaway cluster."""

from __future__ import annotations

import os
import subprocess
import sys

from pgtemp import cluster


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    with cluster() as url:
        env = {**os.environ, "TEST_DATABASE_URL": url}
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

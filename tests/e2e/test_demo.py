"""README's first command works: `python -m demo` plays its whole script against the fake
Telegram and ends with the owners' digest and its chart (it once stopped at the survey's
follow-up, waiting for buttons the survey engine had renamed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.backend import own_sqlite
from tests.support.processes import STARTING

pytestmark = own_sqlite

ROOT = Path(__file__).resolve().parents[2]


def test_the_demo_plays_to_the_end(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.isupper() or k in {"PATH", "HOME"}}
    result = subprocess.run(
        [sys.executable, "-m", "demo"],
        cwd=tmp_path,  # its database and chart go to data/ here
        env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=STARTING + 300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Done: " in result.stdout and "0 answered 429" in result.stdout
    assert (tmp_path / "data" / "demo-digest.png").stat().st_size > 10_000

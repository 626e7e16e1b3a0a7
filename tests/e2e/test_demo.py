"""README's first command works: `python -m demo` plays its whole script against the fake
Telegram and ends with the owners' digest and its chart (it once stopped at the survey's
follow-up, waiting for buttons the survey engine had renamed)."""

from __future__ import annotations

import os
import re
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
    out = result.stdout  # the web act: a customer with no Telegram, on her pages
    assert "survey_url http://127.0.0.1:" in out and "From a survey answer, via web" in out
    assert "(reloaded) Corner Books · " in out and ": Sorry, Nina! A new copy" in out
    assert "«Corner Books: Reply to your request #" in out
    assert re.search(r"link: http://127\.0\.0\.1:\d+/c/[A-Za-z0-9_-]+", out)
    assert "the team is working on it again" in out and "reopened 1 time" in out

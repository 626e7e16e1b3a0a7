"""`python -m bench --profile DIR`: py-spy samples the product (not the fake, not the echo
bot) during a benchmark's timed phase only, so start-up and the set-up of customers are not
in it. Writes DIR/<benchmark>.txt (py-spy's raw format: one stack a line, with its count)
and prints the entries taking the most samples, on their own ("self") and with what they
call ("total"). Needs py-spy (`.venv/bin/pip install py-spy`); Linux may need root."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import re
import shutil
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from subprocess import DEVNULL

RATE = 250  # samples a second: enough for a phase of seconds, light on a 2-core machine
_SITE = re.compile(r" \((?:/[^()]*/(?:site-packages|python3\.\d+)/)")


def spy() -> str:
    """py-spy beside this interpreter, else on PATH; an error saying how to get it."""
    beside = Path(sys.executable).with_name("py-spy")
    found = str(beside) if beside.exists() else shutil.which("py-spy")
    if found is None:
        raise RuntimeError("--profile needs py-spy: .venv/bin/pip install py-spy")
    return found


@contextlib.asynccontextmanager
async def sampled(pid: int, out: Path | None) -> AsyncIterator[None]:
    """Samples process `pid` while the block runs, into `out` (nothing when None)."""
    if out is None:
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    args = [spy(), "record", "--pid", str(pid), "--rate", str(RATE), "--format", "raw"]
    recorder = await asyncio.create_subprocess_exec(
        *args, "--nonblocking", "-o", str(out), stdout=DEVNULL, stderr=DEVNULL
    )
    await asyncio.sleep(1)  # attached before the phase begins
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)  # py-spy writes what it has on Ctrl-C
        await asyncio.wait_for(recorder.wait(), 60)
    print(f"profile of {out.stem}: {out}", file=sys.stderr)
    for line in top(out):
        print("  " + line, file=sys.stderr)


def top(path: Path, n: int = 12) -> list[str]:
    """The `n` frames with the most samples on their own, then with their callees."""
    own: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    samples = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [_SITE.sub(" (", frame) for frame in stack.split(";")]
        samples += int(count)
        own[frames[-1]] += int(count)
        for frame in set(frames):
            total[frame] += int(count)
    if not samples:
        return ["no samples (py-spy may need root to read another process)"]
    return [
        *(f"self  {100 * k / samples:5.1f}%  {frame}" for frame, k in own.most_common(n)),
        *(f"total {100 * k / samples:5.1f}%  {frame}" for frame, k in total.most_common(n * 3)),
    ]

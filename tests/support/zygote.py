"""`python -m tests.support.zygote`: imports the bot once, then forks a bot process per request.

`python -m bot run` spends ~9 s of CPU importing aiogram (its types are pydantic models)
before it does anything; the tests that kill and restart the bot start it many times. Each
start here is a fork of a process that has imported it already: a separate process running
`bot.cli.main(["run"])` with its own environment, killed and restarted like any other, minus
the import. The protocol is one JSON line each way on stdin and stdout:

    in:  {"env": {...}, "cwd": "...", "log": "path for its stderr"}
    out: {"ready": pid}           once, when it has imported the bot
    out: {"started": pid}         for each request, in order
    out: {"exited": pid, "code": n}  when that process ends (-n: killed by signal n)

When stdin closes (the test process is gone), what is still running is killed.
"""

from __future__ import annotations

import importlib
import json
import os
import select
import signal
import sys
import traceback
from typing import Any

from bot.cli import main

# What `main(["run"])` imports: the seconds of importing, paid once.
for _module in ("bot.app", "bot.container", "storage.lock", "storage.sql"):
    importlib.import_module(_module)


def _child(request: dict[str, Any]) -> None:
    """In the forked process: become `python -m bot run` with the request's environment."""
    code = 1
    try:
        null = os.open(os.devnull, os.O_RDWR)
        log = os.open(request["log"], os.O_WRONLY | os.O_APPEND)
        os.dup2(null, 0)
        os.dup2(null, 1)  # never the zygote's answers
        os.dup2(log, 2)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        code = main(["run"])
    except BaseException:  # noqa: BLE001 - as the interpreter would: the traceback in its log, exit 1
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)


def _exit_code(status: int) -> int:
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def serve() -> None:
    children: set[int] = set()
    pending = b""
    _say({"ready": os.getpid()})
    while True:
        ready, _, _ = select.select([0], [], [], 0.05)
        while children:  # single-threaded on purpose: a fork copies no other thread's lock
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            children.discard(pid)
            _say({"exited": pid, "code": _exit_code(status)})
        if not ready:
            continue
        chunk = os.read(0, 1 << 16)  # unbuffered: select sees every request still unread
        if not chunk:
            break
        *requests, pending = (pending + chunk).split(b"\n")
        for line in requests:
            pid = os.fork()
            if pid == 0:
                _child(json.loads(line))
            children.add(pid)
            _say({"started": pid})
    for pid in children:
        os.kill(pid, signal.SIGKILL)


def _say(message: dict[str, int]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    serve()

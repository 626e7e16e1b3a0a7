"""A throwaway PostgreSQL cluster for `make test-pg` and the benchmarks: initdb + pg_ctl in a
temporary directory.

PostgreSQL refuses to run as root; when we are root the cluster belongs to the unprivileged
`postgres` system user (runuser). It listens on a Unix socket in its own directory and on a
free localhost port, trusts local connections, and is removed when stopped.

    python -m pgtemp -- pytest ...   # runs the command with TEST_DATABASE_URL set to it
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

USER = "postgres"


def _bindir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if versions:
        return versions[-1].parent
    raise SystemExit(
        "PostgreSQL's server is not installed (no pg_ctl): apt-get install postgresql"
    )


def _as_owner(args: list[str]) -> list[str]:
    return ["runuser", "-u", USER, "--", *args] if os.geteuid() == 0 else args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster: its URL, and stop/start for tests of a database outage."""

    url: str
    data: Path
    log: Path
    options: str

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "stop")

    def start(self) -> None:
        self._ctl("-l", str(self.log), "-o", self.options, "-w", "start")

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_owner([str(_bindir() / "pg_ctl"), "-D", str(self.data), *args]),
            stdout=subprocess.DEVNULL,
            check=True,
        )


@contextlib.contextmanager
def cluster(*, durable: bool = False) -> Iterator[str]:
    """Start a cluster; yield a URL to its `postgres` database; stop and remove it after."""
    with running(durable=durable) as started:
        yield started.url


@contextlib.contextmanager
def running(*, durable: bool = False) -> Iterator[Cluster]:
    """Start a cluster; yield it; stop and remove it after.

    For tests it skips flushing to disk (fsync off: a test database never outlives a crash);
    `durable` keeps PostgreSQL's defaults (each commit flushed), for benchmarks."""
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="pgtest-"))
    data = root / "data"
    if os.geteuid() == 0:
        owner = pwd.getpwnam(USER)
        os.chown(root, owner.pw_uid, owner.pw_gid)
        user = USER
    else:
        user = pwd.getpwuid(os.geteuid()).pw_name
    port = _free_port()
    try:
        subprocess.run(
            _as_owner(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    user,
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                ]
            ),
            stdout=subprocess.DEVNULL,
            check=True,
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=300"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        started = Cluster(
            f"postgresql://{user}@127.0.0.1:{port}/postgres", data, root / "log", options
        )
        started.start()
        try:
            yield started
        finally:
            subprocess.run(
                _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                stdout=subprocess.DEVNULL,
                check=False,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)

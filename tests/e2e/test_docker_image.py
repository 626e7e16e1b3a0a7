"""docs/operations.md's Docker command, for real, where a daemon and the base image are at hand:
the image built, run with a `.env` made from `.env.example`, answering /healthz on the published
port, and its database still there after `docker rm` and a new container on the same volume.
Skipped, saying why, where there is no daemon or no base image (a registry may be out of reach:
the settings Docker would settle are checked without it in tests/unit/test_container.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE = os.environ.get("DOCKER_BASE", "python:3.11-slim")  # the Dockerfile's ARG BASE


def docker(*args: str, check: bool = True, timeout: float = 600) -> str:
    done = subprocess.run(
        ["docker", *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"docker {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def why_not() -> str | None:
    if shutil.which("docker") is None:
        return "no docker command on this machine"
    if subprocess.run(["docker", "info"], capture_output=True, check=False).returncode != 0:
        return "no Docker daemon answers"
    base = subprocess.run(["docker", "image", "inspect", BASE], capture_output=True, check=False)
    if base.returncode != 0:
        return f"the base image {BASE} is not here and may not be pullable"
    return None


pytestmark = pytest.mark.skipif(why_not() is not None, reason=str(why_not()))


def test_the_readmes_docker_command_keeps_the_data_and_answers_on_its_port(
    tmp_path: Path,
) -> None:
    name, volume = f"fb-{uuid.uuid4().hex[:8]}", f"fb-data-{uuid.uuid4().hex[:8]}"
    env = (ROOT / ".env.example").read_text()
    env = env.replace("BOT_TOKEN=123456:replace-with-your-token", "BOT_TOKEN=123456:made-up")
    env += "\nTELEGRAM_API_URL=http://127.0.0.1:9\n"  # Telegram out of reach: still serves
    (tmp_path / ".env").write_text(env)
    docker("build", "--build-arg", f"BASE={BASE}", "-t", name, str(ROOT), timeout=1200)
    run = ["run", "-d", "--env-file", str(tmp_path / ".env"), "-v", f"{volume}:/data"]
    try:
        docker(*run, "-p", "127.0.0.1::8080", "--name", name, name)
        port = json.loads(docker("inspect", name))[0]["NetworkSettings"]["Ports"]["8080/tcp"]
        url = f"http://127.0.0.1:{port[0]['HostPort']}/healthz"
        body = _get_json(url)
        assert body["database"] == "ok"
        logs = subprocess.run(
            ["docker", "logs", name], capture_output=True, text=True, timeout=60, check=False
        )
        assert "database: SQLite file /data/bot.db" in logs.stderr, logs.stderr
        assert "HTTP API on 0.0.0.0:8080" in logs.stderr
        assert "Traceback" not in logs.stderr  # Telegram unreachable: one line a failure
        docker("rm", "-f", name)
        docker(*run, "--name", name, name)  # an upgrade: a new container, the same volume
        time.sleep(3)
        assert "bot.db" in docker("exec", name, "ls", "/data")
    finally:
        docker("rm", "-f", name, check=False)
        docker("volume", "rm", "-f", volume, check=False)
        docker("image", "rm", "-f", name, check=False)


def _get_json(url: str) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=3) as resp:
                answer: dict[str, object] = json.loads(resp.read())
                return answer
        except (OSError, ValueError):
            if time.monotonic() > deadline:
                raise
            time.sleep(1)

"""docs/operations.md's Docker command, a `.env` made from `.env.example`, settled the way Docker
settles it (the image's ENV, then `--env-file`, which wins): the database must be in the volume
and the HTTP API must listen where the published port reaches it. Read from the Dockerfile and
`.env.example` themselves, so neither can drift from what is tested here."""

from __future__ import annotations

import logging
import re
from pathlib import Path, PurePosixPath

import pytest

from bot.container import looks_around
from bot.settings import SECTIONS, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = ("127.", "localhost", "::1")
REQUIRED = {"BOT_TOKEN": "123456:made-up", "STAFF_CHAT_ID": "-1001000000001"}


def final_stage() -> list[str]:
    """The Dockerfile's last stage, one instruction a line (continuations joined)."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    last_from = max(i for i, line in enumerate(lines) if line.startswith("FROM "))
    return lines[last_from:]


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for line in final_stage():
        if line.startswith("ENV "):
            for pair in line.removeprefix("ENV ").split():
                key, value = pair.split("=", 1)
                env[key] = value
    return env


def image_setting(instruction: str) -> str:
    found = [line.split()[1] for line in final_stage() if line.startswith(instruction + " ")]
    return found[-1]


def env_file(text: str) -> dict[str, str]:
    """As `docker run --env-file` reads it: KEY=VALUE, taken literally; # lines are comments."""
    env = {}
    for line in text.splitlines():
        line = line.lstrip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    return env


def in_the_container(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> Settings:
    for section in SECTIONS.values():
        for name in section.model_fields:
            monkeypatch.delenv(name.upper(), raising=False)
    for key, value in {**REQUIRED, **env}.items():
        monkeypatch.setenv(key, value)
    return load_settings(env_file=None)


def database_file(settings: Settings) -> PurePosixPath:
    """Where the SQLite file is inside the container (relative paths from its WORKDIR)."""
    path = PurePosixPath(settings.storage.database.path.as_posix())
    return path if path.is_absolute() else PurePosixPath(image_setting("WORKDIR")) / path


def volume() -> PurePosixPath:
    return PurePosixPath(image_setting("VOLUME"))


def test_the_readmes_docker_command_with_env_example_keeps_data_and_listens_outside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    example = env_file((ROOT / ".env.example").read_text())
    example["BOT_TOKEN"] = "123456:made-up"  # the placeholder is refused: the user sets theirs
    settings = in_the_container(monkeypatch, {**image_env(), **example})
    assert volume() in database_file(settings).parents
    assert not settings.api.api_host.startswith(LOOPBACK)


@pytest.mark.parametrize("url", ["sqlite:///data/bot.db", "sqlite:////data/bot.db"])
def test_the_default_database_url_written_out_in_env_still_lands_in_the_volume(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """What users copy from the docs (the default, relative) or from the image (absolute):
    the same file, in the volume."""
    settings = in_the_container(monkeypatch, {**image_env(), "DATABASE_URL": url})
    assert database_file(settings) == volume() / "bot.db"


def test_env_example_sets_nothing_that_only_suits_a_machine_without_docker() -> None:
    """The listening address and the database are left to the defaults (commented out, with
    what to write): a copied `.env` must not override what the image sets."""
    example = env_file((ROOT / ".env.example").read_text())
    assert "API_HOST" not in example and "DATABASE_URL" not in example
    text = (ROOT / ".env.example").read_text()
    assert "# API_HOST=" in text and "# DATABASE_URL=" in text


def test_a_container_says_where_its_data_is_and_warns_of_what_loses_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Docker marks a container with /.dockerenv; a database on the same filesystem as the
    container's root is in its own layer, gone with `docker rm`; a loopback address is not
    reachable through a published port."""
    root = tmp_path / "root"
    root.mkdir()
    (root / ".dockerenv").touch()
    monkeypatch.chdir(tmp_path)
    settings = in_the_container(
        monkeypatch, {**image_env(), "DATABASE_URL": f"sqlite:///{root}/home/bot/data/bot.db"}
    )
    monkeypatch.setenv("API_HOST", "127.0.0.1")
    loopback = load_settings(env_file=None)
    with caplog.at_level(logging.INFO, logger="bot.container"):
        looks_around(loopback, root=root)
    text = caplog.text
    assert f"database: SQLite file {root}/home/bot/data/bot.db" in text
    assert "inside the container's own layer" in text and "docker rm" in text
    assert "127.0.0.1" in text and "the published port reaches nothing" in text
    caplog.clear()
    (tmp_path / "not-a-container").mkdir()
    with caplog.at_level(logging.INFO, logger="bot.container"):
        looks_around(settings, root=tmp_path / "not-a-container")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "HTTP API on 0.0.0.0:8080" in caplog.text

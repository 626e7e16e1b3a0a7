"""At start, where the data is and where the API listens, said once in the log; inside a
container, a warning for the two settings that silently lose a shop's data or its reach: a
SQLite file in the container's own layer (gone with the next `docker rm`), and an API bound to
loopback (the published port reaches nothing while the in-container health check passes)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from bot.settings import Settings

log = logging.getLogger(__name__)

_MARKERS = (".dockerenv", "run/.containerenv")  # Docker's, Podman's
_LOOPBACK = ("127.", "localhost", "::1")


def in_a_container(root: Path = Path("/")) -> bool:
    return any((root / marker).exists() for marker in _MARKERS)


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def looks_around(settings: Settings, root: Path = Path("/")) -> None:
    database = settings.storage.database
    api = settings.api
    contained = in_a_container(root)
    if database.is_sqlite:
        file = database.path.absolute()
        log.info("database: SQLite file %s", file)
        same_disk = os.stat(_existing(file.parent)).st_dev == os.stat(root).st_dev
        if contained and same_disk:
            log.warning(
                "the database %s is inside the container's own layer: every answer and"
                " complaint is lost at the next `docker rm` (an upgrade). Mount a volume at"
                " /data and leave DATABASE_URL unset (or sqlite:////data/bot.db)",
                file,
            )
    else:
        log.info("database: %s %s", database.engine, database.safe)
    log.info("HTTP API on %s:%s", api.api_host, api.api_port)
    if contained and api.api_host.startswith(_LOOPBACK):
        log.warning(
            "API_HOST=%s inside a container: the published port reaches nothing (no webhook,"
            " no API, no /healthz from outside). Leave API_HOST unset in .env (the image"
            " listens on 0.0.0.0)",
            api.api_host,
        )

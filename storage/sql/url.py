"""DATABASE_URL: which engine, and where."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SQLITE = "sqlite:///"
POSTGRES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class DatabaseUrl:
    url: str

    def __post_init__(self) -> None:
        if self.is_sqlite:
            if len(self.url) == len(SQLITE):
                raise ValueError("name the file: sqlite:///data/bot.db")
        elif self.url.startswith(POSTGRES):
            if not urlsplit(self.url).hostname and "host=" not in self.url:
                raise ValueError("name the server: postgresql://user:pass@host:5432/db")
        else:
            raise ValueError("use sqlite:///data/bot.db or postgresql://user:pass@host:5432/db")

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith(SQLITE)

    @property
    def engine(self) -> str:
        return "sqlite" if self.is_sqlite else "postgresql"

    @property
    def path(self) -> Path:
        """The SQLite file (only for sqlite:///)."""
        if not self.is_sqlite:
            raise ValueError(f"{self.safe} is not a file")
        return Path(self.url.removeprefix(SQLITE))

    @property
    def safe(self) -> str:
        """The URL without its password, for messages and logs."""
        if self.is_sqlite:
            return self.url
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return parts._replace(netloc=netloc).geturl()

    def __str__(self) -> str:
        return self.safe

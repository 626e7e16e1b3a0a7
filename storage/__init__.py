"""Persistence: one SQLite file, numbered migrations, repositories returning dataclasses."""

from storage.db import Database, Tx

__all__ = ["Database", "Tx"]

"""The storage seam: one small connection interface, two engines behind it.

Repositories write SQL in the subset SQLite and PostgreSQL share (`?` or `:name` parameters,
`ON CONFLICT`, `RETURNING`, `CASE` instead of summing booleans) and call the few things that
differ through `Conn`: this package is the only place that knows which engine it talks to.
"""

from storage.sql.conn import Conn, DatabaseError, Params, Row
from storage.sql.url import DatabaseUrl

__all__ = ["Conn", "DatabaseError", "DatabaseUrl", "Params", "Row", "count_if"]


def count_if(condition: str) -> str:
    """SQL counting the rows where `condition` holds (SUM of a comparison is SQLite's only)."""
    return f"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)"

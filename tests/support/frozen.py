"""A PostgreSQL session frozen in the middle of a statement, as a SIGSTOPped bot's can be.

Spoken in the wire protocol by hand: a startup as the bot (its application_name), a simple
query that takes locks inside a transaction, then a Parse message with no Sync after it. The
server runs the Parse and waits for the next message in state 'active', which neither
`idle_session_timeout` nor `idle_in_transaction_session_timeout` covers.
"""

from __future__ import annotations

import asyncio
import struct
from urllib.parse import urlsplit

from storage.sql.postgres import APPLICATION_NAME


def _message(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("!I", len(body) + 4) + body


async def _until_ready(reader: asyncio.StreamReader) -> None:
    while True:
        kind = await reader.readexactly(1)
        (length,) = struct.unpack("!I", await reader.readexactly(4))
        body = await reader.readexactly(length - 4)
        if kind == b"E":
            raise RuntimeError(f"the server refused: {body!r}")
        if kind == b"R" and struct.unpack("!I", body[:4])[0] != 0:
            raise RuntimeError("the test server must trust local connections")
        if kind == b"Z":
            return


async def frozen_session(url: str, locks: str) -> asyncio.StreamWriter:
    """Open a session, run `BEGIN; <locks>`, and freeze mid-statement; close the writer to
    let it go."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    params = b"".join(
        key + b"\0" + value.encode() + b"\0"
        for key, value in (
            (b"user", parts.username or ""),
            (b"database", parts.path.lstrip("/")),
            (b"application_name", APPLICATION_NAME),
        )
    )
    startup = struct.pack("!I", 196608) + params + b"\0"
    writer.write(struct.pack("!I", len(startup) + 4) + startup)
    await _until_ready(reader)
    writer.write(_message(b"Q", f"BEGIN; {locks}".encode() + b"\0"))
    await _until_ready(reader)
    writer.write(_message(b"P", b"\0SELECT 1\0" + struct.pack("!H", 0)))  # and no Sync
    await writer.drain()
    return writer

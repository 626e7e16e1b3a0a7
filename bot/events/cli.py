"""`python -m bot events test`: a signed ping to each EVENTS_URL, printing what each answered
(its status, a redirect's Location, the start of its answer);
`python -m bot events replay --since ID`: every event after ID delivered again (same ids) by
the running bot."""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime

from bot.events.config import EventsConfig
from bot.events.receivers import Answer, Receivers
from bot.settings import Settings
from storage.db import Database
from storage.migrate import migrate


async def ping(settings: Settings) -> int:
    config = EventsConfig.from_settings(settings)
    if not config.urls:
        print("events test: EVENTS_URL is not set", file=sys.stderr)
        return 2
    event = {
        "id": 0,
        "type": "ping",
        "occurred_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": {},
    }
    body = json.dumps(event, separators=(",", ":")).encode()
    receivers = Receivers(config)
    failed = 0
    try:
        for url in config.urls:
            answer = await receivers.post(url, body)
            print(f"{url} → {answer.summary()}")
            if not answer.ok:
                print(f"  what to do: {next_step(answer)}")
            failed += not answer.ok
    finally:
        await receivers.close()
    return 1 if failed else 0


def next_step(answer: Answer) -> str:
    """What the operator can do about a receiver's answer to the ping."""
    if answer.status is None:
        return (
            "nothing took the ping: check that the receiver is running and reachable from"
            " this machine, and that EVENTS_URL's host and port are right"
        )
    if answer.redirect:
        return (
            "the bot never follows a redirect (each event must reach the address you set):"
            " if the Location is your receiver's, put it in EVENTS_URL"
        )
    if answer.status in (401, 403):
        return "the receiver refused the ping: give it the same EVENTS_SECRET as the bot"
    return "the receiver must answer 2xx once it has the event; see its own log"


async def replay(settings: Settings, since: int) -> int:
    config = EventsConfig.from_settings(settings)
    if not config.urls:
        print("events replay: EVENTS_URL is not set", file=sys.stderr)
        return 2
    db = Database(settings.storage.database)
    await db.connect()
    try:
        await migrate(db.conn)
        async with db.transaction() as tx:
            count = await tx.events.replay(since, config.urls, time.time())
    finally:
        await db.close()
    many = "deliveries" if count != 1 else "delivery"
    urls = f"{len(config.urls)} URL{'s' if len(config.urls) != 1 else ''}"
    print(
        f"queued again: {count} {many} to {urls}; the bot sends {'it' if count == 1 else 'them'}"
    )
    return 0

"""The themes feature: texts customers write tagged with the themes they mention.

Installs: the database's tagger (every write of a text tags it in its transaction,
`storage/repos/themes.py`), the analysers loaded then, so no request pays for the Russian
dictionary, and the shop's definitions in it at start; every tick, the tagger follows a
change stored by another instance and past texts are tagged again in batches after a change
(`stored.retag_step`).
The API's routes: bot/api/themes.py; the figures: bot/reports/themes.py.
"""

from __future__ import annotations

from bot.jobs import JobContext, job
from bot.themes import stored
from bot.wiring import Wiring
from storage.db import Tx


def install(w: Wiring) -> None:
    # Ready before the first request (the analysers take ~0.5 s to load, once per process):
    # the defaults now, the shop's own once the app starts and reads them.
    stored.use(w.db.tagging, stored.defaults())
    w.when.started.connect(at_start)
    w.every_tick(retag_texts)


async def at_start(tx: Tx) -> None:
    stored.use(tx.themes.tagging, await stored.current(tx))


@job
async def retag_texts(ctx: JobContext) -> None:
    """Texts whose tags come from other definitions (or none) are tagged with the current
    ones, a few batches per tick; a restart resumes where the last batch stopped."""
    await stored.retag_step(ctx.db, await stored.load(ctx.db))

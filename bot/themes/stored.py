"""The shop's themes as stored, the tagger texts are tagged with as they are written, and
tagging the past again after a change.

Every accepted definition is a new version (`theme_versions`); the highest is current, and
with none stored the default themes apply (version 0, never stored). Storing the definitions
that are already current adds nothing. Each definition has a digest (a hash of its JSON): the
database's `Tagging` holds a tagger for one digest, and the re-tagging job (`retag_step`)
keeps in `kv` which digest the stored tags come from and how far it got, so a restart resumes
where it stopped and a newer change starts it over.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.themes.defaults import default_themes
from bot.themes.definitions import Language, Theme, ThemesInvalid, parse_themes, themes_as_json
from bot.themes.tagger import Tagger
from storage.db import Database, Tx
from storage.repos.themes import SOURCES, Tagging
from storage.states import TextSource

BY_API = "api"  # created_by of definitions stored with the API token
BY_DASHBOARD = "dashboard"  # ... and by an owner on the dashboard
PROGRESS_KEY = "themes.tagged"  # "<digest> <source> <last id>", or "<digest> done"
BATCH = 500  # texts per transaction: ~0.1 s of tagging while the writers' lock is held
BATCHES_PER_RUN = 20  # per tick, so a million texts take a few minutes and nothing waits long
DONE = "done"


def digest_of(themes: Sequence[Theme]) -> str:
    body = json.dumps(themes_as_json(themes), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class CurrentThemes:
    version: int  # 0: the defaults, never stored
    themes: tuple[Theme, ...]
    digest: str
    created_at: datetime | None = None

    def as_json(self) -> list[dict[str, object]]:
        return themes_as_json(self.themes)


class ThemeTagger:
    """A `TextTagger` for one set of definitions (storage's protocol)."""

    def __init__(self, current: CurrentThemes) -> None:
        self.current = current
        self.digest = current.digest
        self._tagger = Tagger(current.themes)
        self._tagger.prepare()  # here, not in the first request that writes a text

    @property
    def tagger(self) -> Tagger:
        return self._tagger

    def tag(self, text: str, customer_language: str | None = None) -> tuple[str, ...]:
        return self._tagger.tag(text, customer_language)


async def current(tx: Tx) -> CurrentThemes:
    stored = await tx.themes.current()
    if stored is None:
        return defaults()
    themes = _parsed(stored.body)
    return CurrentThemes(stored.version, themes, stored.digest, stored.created_at)


@functools.lru_cache(maxsize=8)
def _parsed(body: str) -> tuple[Theme, ...]:
    """A stored version's themes, parsed once per process (each tick reads the current one)."""
    return parse_themes(json.loads(body))


async def replace(
    tx: Tx, themes: Sequence[Theme], by: str, at: datetime
) -> tuple[CurrentThemes, bool]:
    """Store `themes` as the next version unless they are the current ones; (current,
    changed). Texts written from the commit on are tagged with them; the past follows."""
    now = await current(tx)
    digest = digest_of(themes)
    if digest == now.digest:
        return now, False
    body = json.dumps(themes_as_json(themes), ensure_ascii=False)
    version = await tx.themes.add(body, digest, by, at)
    stored = CurrentThemes(version, tuple(themes), digest, at)
    tagging = tx.themes.tagging

    def take_effect() -> None:  # after the commit: a rolled back change tags nothing
        use(tagging, stored)

    tx.after_commit(take_effect)
    return stored, True


async def add_word(
    tx: Tx, theme_id: str, language: Language, word: str, by: str, at: datetime
) -> tuple[CurrentThemes, bool]:
    """`word` added to the words of `theme_id` in `language`, as a new version (as a PUT of
    the whole list would store it: the past is tagged again); ThemesInvalid for an unknown
    theme or a word the definitions refuse."""
    now = await current(tx)
    body = now.as_json()
    found = [theme for theme in body if theme["theme"] == theme_id]
    if not found:
        raise ThemesInvalid(f"theme: unknown theme {theme_id!r}")
    words = found[0]["words"]
    assert isinstance(words, dict)
    if word not in words.get(language, []):
        words[language] = [*words.get(language, []), word]
    return await replace(tx, parse_themes(body), by, at)


def use(tagging: Tagging, themes: CurrentThemes) -> ThemeTagger:
    """The tagger for `themes`, made the database's unless it already is."""
    tagger = tagging.tagger
    if not isinstance(tagger, ThemeTagger) or tagger.digest != themes.digest:
        tagger = tagger_for(themes)
        tagging.tagger = tagger
    return tagger


_TAGGERS: dict[str, ThemeTagger] = {}  # by digest: one process's apps share what is compiled
_KEPT = 4


def tagger_for(themes: CurrentThemes) -> ThemeTagger:
    if themes.digest not in _TAGGERS:
        if len(_TAGGERS) >= _KEPT:
            _TAGGERS.pop(next(iter(_TAGGERS)))
        _TAGGERS[themes.digest] = ThemeTagger(themes)
    return _TAGGERS[themes.digest]


@functools.cache
def defaults() -> CurrentThemes:
    """The built-in themes, parsed once per process: every tick of a shop that never changed
    them reads them again."""
    themes = default_themes()
    return CurrentThemes(0, themes, digest_of(themes))


async def load(db: Database) -> ThemeTagger:
    """The current definitions into the database's tagger (at start, and on every tick: an
    instance that did not store a change learns of it there)."""
    async with db.read() as tx:
        themes = await current(tx)
    return use(db.tagging, themes)


async def retag_step(
    db: Database, tagger: ThemeTagger, batches: int = BATCHES_PER_RUN, batch: int = BATCH
) -> int:
    """Tag up to `batches` batches of past texts with `tagger` where the stored tags come from
    other definitions (or none: texts older than themes). The texts tagged."""
    tagged = 0
    async with db.read() as tx:  # done: no write transaction on an idle tick
        if _progress(await tx.kv.get(PROGRESS_KEY), tagger.digest)[0] is None:
            return tagged
    for _ in range(batches):
        async with db.transaction() as tx:
            source, after = _progress(await tx.kv.get(PROGRESS_KEY), tagger.digest)
            if source is None:
                return tagged
            last, count = await tx.themes.retag(tagger, source, after, batch)
            tagged += count
            if count < batch:  # this source is done: the next one from its start
                following = SOURCES.index(source) + 1
                position = f"{SOURCES[following]} 0" if following < len(SOURCES) else DONE
            else:
                position = f"{source} {last}"
            await tx.kv.set(PROGRESS_KEY, f"{tagger.digest} {position}")
    return tagged


def _progress(stored: str | None, digest: str) -> tuple[TextSource | None, int]:
    """Where tagging with `digest` stands: the source and last id done (None: all done)."""
    parts = (stored or "").split()
    if len(parts) < 2 or parts[0] != digest:
        return SOURCES[0], 0
    if parts[1] == DONE or len(parts) != 3:
        return None, 0
    return TextSource(parts[1]), int(parts[2])

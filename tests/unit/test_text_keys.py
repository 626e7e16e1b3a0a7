"""Every text key the code names literally is in the catalogs: a missing one would reach
people as the bare key ("saved.bad_name")."""

from __future__ import annotations

import re
from pathlib import Path

from bot.i18n import Catalog, fluent_id

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r"""\b(?:t|staff_t|self\.t|_t)\(\s*"([a-z_]+(?:\.[a-z_0-9]+)+)"\s*[,)]""")
TEMPLATE = re.compile(r"""\bt\(\s*"([a-z_]+(?:\.[a-z_0-9]+)+)"\s*[,)]""")


def named_keys() -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in (".py", ".html"):
                continue
            pattern = CALL if path.suffix == ".py" else TEMPLATE
            for key in pattern.findall(path.read_text("utf-8")):
                found.setdefault(key, str(path.relative_to(ROOT)))
    return found


def test_every_literal_text_key_is_in_every_catalog() -> None:
    catalog = Catalog.load()
    keys = named_keys()
    assert len(keys) > 100  # the scan finds the code's keys at all
    missing = [
        f"{where}: {key} ({language})"
        for key, where in sorted(keys.items())
        for language in catalog.languages
        if not catalog.bundles[language].has_message(fluent_id(key))
    ]
    assert missing == []

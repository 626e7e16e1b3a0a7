"""The dashboard's HTML, from Jinja2 templates (escaped by default) in the owners' language."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape


@cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("bot.dashboard", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **values: Any) -> str:
    return _templates().get_template(name).render(**values)


def data_block(value: Any) -> str:
    """JSON to embed in a page as data (never run): `<` escaped so it cannot close the tag."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")

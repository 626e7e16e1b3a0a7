"""The dashboard's HTML, from Jinja2 templates (escaped by default) in the owners' language."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from aiohttp import web
from jinja2 import Environment, PackageLoader, select_autoescape

from bot.i18n import Translator


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


def page(name: str, t: Translator, status: int = 200, **values: Any) -> web.Response:
    """A dashboard page in `t`'s language."""
    text = render(name, t=t, lang=t.language, base="/app", title=t("dashboard.title"), **values)
    return web.Response(text=text, status=status, content_type="text/html")

"""The customer's pages under /s/: small, no script, nothing loaded from elsewhere.

Every answer says: no referrer (the address holds the survey's secret token, and a link out
must not hand it to the next site), no caching of pages, no indexing, and a Content-Security-
Policy that allows only the page's own style (by its hash)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from typing import Any

from aiohttp import web
from jinja2 import Environment, PackageLoader, select_autoescape

# Big tap targets and system colours: readable on a small phone, light or dark.
CSS = (
    "body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;"
    "color:CanvasText;background:Canvas}"
    "main{max-width:32rem;margin:0 auto}"
    "h1{font-size:1.5rem}"
    ".button{display:block;padding:1rem;border-radius:.75rem;text-align:center;"
    "text-decoration:none;font-weight:600;background:#2a7de1;color:#fff}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
PAGE_CSP = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; img-src 'self';"
    " form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
PRIVATE = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
}


@cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("bot.webchannel", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page(name: str, lang: str, **values: Any) -> web.Response:
    text = _templates().get_template(name).render(lang=lang, css=CSS, **values)
    headers = {**PRIVATE, "Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-store"}
    return web.Response(text=text, content_type="text/html", headers=headers)


def not_found() -> web.Response:
    """Whatever the token (unknown, malformed, forgotten): the same plain 404."""
    headers = {**PRIVATE, "Content-Security-Policy": "default-src 'none'"}
    return web.Response(status=404, text="Not Found", headers=headers)

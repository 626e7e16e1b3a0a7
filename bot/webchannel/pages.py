"""The customer's pages under /s/ and /c/: small, no script, nothing loaded from elsewhere.

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

# Big tap targets (3rem high at least) and system colours: readable on a small phone, light
# or dark; the accent and the answer buttons' grey follow the reader's colour scheme.
CSS = (
    ":root{--a:#1f6fd1;--f:#1f6fd1;--b:#eef1f5;--l:#c3cad4}"
    "@media(prefers-color-scheme:dark){:root{--a:#7db3ff;--f:#2662b8;--b:#252a31;--l:#454d58}}"
    "body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.25rem;"
    "color:CanvasText;background:Canvas}"
    "main{max-width:32rem;margin:0 auto}"
    "h1{font-size:1.5rem;margin:0 0 1rem}"
    ".q{font-weight:600;white-space:pre-line}"
    "button,.button,.option,textarea{font:inherit;box-sizing:border-box;border-radius:.75rem}"
    ".button{display:block;width:100%;min-height:3rem;padding:.75rem 1rem;margin:1rem 0 0;"
    "text-align:center;text-decoration:none;font-weight:600;background:var(--f);color:#fff;"
    "border:0}"
    ".scores{display:grid;grid-auto-flow:column;grid-auto-columns:1fr;gap:.5rem}"
    ".scores.wide{grid-auto-flow:row;grid-template-columns:repeat(6,1fr)}"
    ".scores button,.option{min-height:3rem;background:var(--b);color:inherit;"
    "border:1px solid var(--l)}"
    ".scores button{font-weight:600;padding:0}"
    ".option{display:flex;align-items:center;gap:.75rem;width:100%;margin:.5rem 0;"
    "padding:.75rem 1rem;text-align:left}"
    ".option input{width:1.5rem;height:1.5rem;margin:0;accent-color:var(--a)}"
    "textarea{width:100%;padding:.75rem;margin-top:.5rem;border:1px solid var(--l);"
    "background:Canvas;color:inherit}"
    ".skip{display:block;width:100%;min-height:3rem;margin:.5rem 0 0;background:none;border:0;"
    "color:var(--a);text-decoration:underline}"
    ".ends{display:flex;justify-content:space-between;gap:1rem;font-size:.95rem;opacity:.8}"
    ".problem{padding:.75rem 1rem;border-radius:.75rem;background:#fde8e8;color:#8a1c1c}"
    "@media(prefers-color-scheme:dark){.problem{background:#4a1d1d;color:#ffd6d6}}"
    "nav{display:flex;gap:1.25rem;margin-top:2rem;font-size:.95rem}"
    "nav a{color:var(--a);padding:.5rem 0}"
    "input[type=email]{font:inherit;box-sizing:border-box;width:100%;min-height:3rem;"
    "padding:.75rem;margin-top:.5rem;border:1px solid var(--l);border-radius:.75rem;"
    "background:Canvas;color:inherit}"
)
# The conversation page (/c/<token>): the messages as a chat shows them, the customer's on
# the right in the accent colour, the team's on the left.
CONVERSATION_CSS = CSS + (
    ".sub{margin:-.5rem 0 1rem;opacity:.8}"
    ".talk{list-style:none;padding:0;margin:1.25rem 0;display:flex;flex-direction:column;"
    "gap:.75rem}"
    ".talk li{max-width:85%;padding:.625rem .875rem;border-radius:1rem;background:var(--b);"
    "border:1px solid var(--l);align-self:flex-start}"
    ".talk li.you{align-self:flex-end;background:var(--f);border-color:var(--f);color:#fff}"
    ".who{display:block;font-size:.85rem;opacity:.85}"
    ".said{display:block;white-space:pre-wrap;overflow-wrap:anywhere}"
    "form{margin:1.5rem 0 0}"
    "label.q{display:block}"
    ".alt{background:var(--b);color:inherit;border:1px solid var(--l)}"
    ".danger{background:#b3261e}"
    "nav{align-items:center;flex-wrap:wrap}"
    "nav form{margin:0 0 0 auto}"
    "nav button{font:inherit;background:none;border:0;color:var(--a);text-decoration:underline;"
    "padding:.5rem 0;min-height:3rem;cursor:pointer}"
)


def _csp(css: str) -> str:
    style_hash = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return (
        f"default-src 'none'; style-src 'sha256-{style_hash}'; img-src 'self' data:;"
        " form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


PAGE_CSP = _csp(CSS)
_CSP = {CSS: PAGE_CSP, CONVERSATION_CSS: _csp(CONVERSATION_CSS)}
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


def page(name: str, lang: str, status: int = 200, css: str = CSS, **values: Any) -> web.Response:
    text = _templates().get_template(name).render(lang=lang, css=css, **values)
    headers = {**PRIVATE, "Content-Security-Policy": _CSP[css], "Cache-Control": "no-store"}
    return web.Response(status=status, text=text, content_type="text/html", headers=headers)


def not_found() -> web.Response:
    """Whatever the token (unknown, malformed, forgotten): the same plain 404."""
    headers = {**PRIVATE, "Content-Security-Policy": "default-src 'none'"}
    return web.Response(status=404, text="Not Found", headers=headers)

"""HTML parse_mode checked the way Telegram checks it: known tags only, every tag closed.

Telegram refuses a message whose HTML it cannot parse with 400 "can't parse entities", and
counts the 4,096-character limit on the text left after the tags are parsed away.
"""

from __future__ import annotations

import html
import re

from faketg.world import ApiError

ALLOWED = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")


def _refuse(why: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {why}")


def plain_text(text: str) -> str:
    """The text Telegram would show; raises ApiError where Telegram would refuse the HTML."""
    out: list[str] = []
    open_tags: list[str] = []
    pos = 0
    while True:
        start = text.find("<", pos)
        if start < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:start])
        offset = len(text[:start].encode())
        match = _TAG.match(text, start)
        if match is None:
            raise _refuse(f"Unclosed start tag at byte offset {offset}")
        closing, name = match[1] == "/", match[2].lower()
        if closing:
            if not open_tags or open_tags[-1] != name:
                raise _refuse(f"Unexpected end tag at byte offset {offset}")
            open_tags.pop()
        elif name not in ALLOWED:
            raise _refuse(f'Unsupported start tag "{name}" at byte offset {offset}')
        else:
            open_tags.append(name)
        pos = match.end()
    if open_tags:
        raise _refuse(f'Can\'t find end tag corresponding to start tag "{open_tags[-1]}"')
    return html.unescape("".join(out))

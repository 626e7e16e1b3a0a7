"""Every request checked against the official Bot API reference (its JSON form, `api.json`):
the method exists, required parameters are there, none is unknown, each value has a type the
reference allows (objects field by field, arrays element by element, a family such as
`BotCommandScope` as any of its members), enumerations written in the reference ("must be
one of …", "always “…”"), and the documented limits the real server enforces.

The reference lives outside this repository (`../shared/botapi/api.json` beside a checkout, or
`FAKETG_BOTAPI`); without it nothing is checked, and `available` says so.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faketg.html import plain_text

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "botapi" / "api.json"
PARSE_MODES = {"HTML", "MarkdownV2", "Markdown"}
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
# A list of quoted values, maybe with a word in brackets after each ("danger" (red), ...).
_ENUM = re.compile(
    r"(?:must be one of|one of|can be one of)\s+((?:“[^”]+”|\"[^\"]+\"|\([\w ]*\)|,|\s|or)+)",
    re.I,
)
_ONLY = re.compile(r"(?:must be|always)\s+[“\"]?([A-Za-z_]+)[”\"]?\s*$")
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def reference_path() -> Path:
    return Path(os.environ.get("FAKETG_BOTAPI", DEFAULT))


@dataclass(frozen=True)
class Field:
    name: str
    types: tuple[str, ...]
    required: bool
    allowed: frozenset[str] | None  # an enumeration, when the reference spells one out


class Contract:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.version = str(spec.get("version", "?"))
        self.methods = {
            name.lower(): _fields(method.get("fields", []))
            for name, method in spec["methods"].items()
        }
        self.types: dict[str, dict[str, Field]] = {}
        self.families: dict[str, list[str]] = {}
        for name, kind in spec["types"].items():
            if kind.get("subtypes"):
                self.families[name] = list(kind["subtypes"])
            self.types[name] = _fields(kind.get("fields", []))

    @classmethod
    def load(cls, path: Path | None = None) -> Contract | None:
        """The reference at `path`, read once per process while the file stays the same
        (~0.1 s of parsing every fake server would pay): a Contract is only read after it is
        made, so every server shares one."""
        path = path or reference_path()
        if not path.is_file():
            return None
        stat = path.stat()
        return _parsed(str(path.resolve()), stat.st_mtime_ns, stat.st_size)

    def check(self, method: str, params: dict[str, Any]) -> list[str]:
        """What is wrong with this request, as sentences (empty: nothing)."""
        fields = self.methods.get(method.lower())
        if fields is None:
            return [f"{method}: no such method in the Bot API"]
        # Uploads travel as parts of their own, named by an `attach://<name>` value.
        attached = {
            value.removeprefix("attach://")
            for value in params.values()
            if isinstance(value, str) and value.startswith("attach://")
        }
        params = {k: v for k, v in params.items() if k not in attached}
        problems = self._object(method, fields, params)
        problems += _limits(method.lower(), params)
        return problems

    def _object(self, where: str, fields: dict[str, Field], value: dict[str, Any]) -> list[str]:
        problems = [
            f"{where}: {name} is required"
            for name, f in fields.items()
            if f.required and name not in value
        ]
        for name, item in value.items():
            spec = fields.get(name)
            if spec is None:
                problems.append(f"{where}: unknown parameter {name}")
                continue
            if not any(self._fits(t, item) for t in spec.types):
                problems.append(f"{where}.{name}: {item!r:.80} is not {' or '.join(spec.types)}")
            elif spec.allowed is not None and isinstance(item, str) and item not in spec.allowed:
                problems.append(f"{where}.{name}: {item!r} is not one of {sorted(spec.allowed)}")
        return problems

    def _fits(self, kind: str, value: Any) -> bool:
        if kind.startswith("Array of "):
            inner = kind.removeprefix("Array of ")
            return isinstance(value, list) and all(self._fits(inner, v) for v in value)
        if kind == "Integer":
            return isinstance(value, int) and not isinstance(value, bool)
        if kind == "Float":
            return isinstance(value, int | float) and not isinstance(value, bool)
        if kind == "Boolean":
            return isinstance(value, bool)
        if kind == "String":  # form bodies carry numbers as text; the server takes them
            return isinstance(value, str | int | float) and not isinstance(value, bool)
        if kind == "InputFile":
            return isinstance(value, bytes | str)
        if kind in self.families:
            return any(self._fits(member, value) for member in self.families[kind])
        if kind in self.types:
            return isinstance(value, dict) and not self._object(kind, self.types[kind], value)
        return False


@functools.lru_cache(maxsize=4)
def _parsed(path: str, _mtime_ns: int, _size: int) -> Contract:
    return Contract(json.loads(Path(path).read_text()))


def _fields(raw: list[dict[str, Any]]) -> dict[str, Field]:
    return {
        f["name"]: Field(f["name"], tuple(f["types"]), bool(f["required"]), _enumeration(f))
        for f in raw
    }


def _enumeration(field: dict[str, Any]) -> frozenset[str] | None:
    if field["types"] != ["String"]:
        return None
    if field["name"] == "parse_mode":
        return frozenset(PARSE_MODES)
    text = str(field.get("description", ""))
    listed = _ENUM.search(text)
    if listed:
        values = _QUOTED.findall(listed.group(1))
        return frozenset(values) if values else None
    only = _ONLY.search(text.rstrip(". "))
    if only and field["name"] in ("type", "source", "status"):
        return frozenset({only.group(1)})
    return None


def _limits(method: str, params: dict[str, Any]) -> list[str]:
    """The documented limits the real server enforces (lengths in UTF-16 code units after
    entity parsing, as Telegram counts them)."""
    problems = []
    for key, low, high in (("text", 1, 4096), ("caption", 0, 1024)):
        if isinstance(params.get(key), str):
            shown = params[key]
            if params.get("parse_mode") == "HTML":
                try:
                    shown = plain_text(shown)
                except Exception:  # noqa: BLE001 - the method itself answers bad HTML
                    continue
            units = len(shown.encode("utf-16-le")) // 2
            if not low <= units <= high:
                problems.append(f"{method}.{key}: {units} UTF-16 units, not {low}-{high}")
    markup = params.get("reply_markup")
    if isinstance(markup, dict):
        for row in markup.get("inline_keyboard", []):
            for button in row if isinstance(row, list) else []:
                data = button.get("callback_data") if isinstance(button, dict) else None
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    problems.append(f"{method}: callback_data of {len(str(data).encode())} bytes")
    if method == "setmycommands":
        for command in params.get("commands") or []:
            if not isinstance(command, dict):
                continue
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                problems.append(f"setMyCommands: command {command.get('command')!r}")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                problems.append(f"setMyCommands: description of {command.get('command')!r}")
    name = params.get("name")
    topic = method in ("createforumtopic", "editforumtopic") and isinstance(name, str)
    if topic and not 1 <= len(str(name)) <= 128:
        problems.append(f"{method}.name: {len(str(name))} characters, not 1-128")
    return problems

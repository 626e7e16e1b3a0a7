"""Turn an aiogram method into a storable row and back; files travel inside the payload."""

from __future__ import annotations

import base64
import json
from typing import Any

from aiogram import methods
from aiogram.client.default import Default
from aiogram.methods import AnswerCallbackQuery, AnswerInlineQuery, SetMyCommands, TelegramMethod
from aiogram.types import BufferedInputFile, InputFile
from pydantic import BaseModel

from bot.outbox.pacer import FREE_LANE

_FILE = "__file__"


def encode(method: TelegramMethod[Any]) -> tuple[str, str]:
    """(method class name, JSON of its fields). Files must be in memory (BufferedInputFile)."""
    data: dict[str, Any] = {}
    for name in type(method).model_fields:
        value = getattr(method, name)
        if value is None or isinstance(value, Default):
            continue  # Default(...) is resolved from the Bot's defaults when sent
        if isinstance(value, InputFile):
            data[name] = _encode_file(value)
        elif isinstance(value, BaseModel):
            data[name] = _model(value)
        else:
            data[name] = value
    return type(method).__name__, json.dumps(_neutral(data), ensure_ascii=False, default=_default)


# Explicit direction embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): a name
# like "Ann\u202egnp.exe" would read backwards on a card, a topic title or a digest. Every
# text the bot sends loses them; the marks real right-to-left text needs (LRM, RLM) stay.
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _neutral(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_DIRECTION_CONTROLS)
    if isinstance(value, dict):
        return {key: _neutral(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_neutral(item) for item in value]
    if isinstance(value, BaseModel):  # nested in lists: keyboard buttons, commands
        return _neutral(_model(value))
    return value


def decode(name: str, payload: str) -> TelegramMethod[Any]:
    cls = getattr(methods, name, None)
    if not (isinstance(cls, type) and issubclass(cls, TelegramMethod)):
        raise ValueError(f"unknown Telegram method {name!r}")
    data = json.loads(payload)
    for key, value in data.items():
        if isinstance(value, dict) and _FILE in value:
            data[key] = BufferedInputFile(base64.b64decode(value["data"]), value[_FILE])
    method: TelegramMethod[Any] = cls.model_validate(data)
    return method


def lane_of(method: TelegramMethod[Any]) -> int:
    """The chat whose order and limits the call belongs to (0: none)."""
    if isinstance(method, AnswerCallbackQuery | AnswerInlineQuery | SetMyCommands):
        return FREE_LANE
    chat_id = getattr(method, "chat_id", None)
    if isinstance(chat_id, int):
        return chat_id
    raise ValueError(f"{type(method).__name__} needs a numeric chat_id to go through the outbox")


def compact_result(result: Any) -> Any:
    """What is worth keeping of Telegram's answer (ids for later edits), as JSON data. Read
    field by field: a full dump of aiogram's model can fail (Default markers it leaves in
    the answer's unset fields, e.g. of an echoed link_preview_options)."""
    if isinstance(result, BaseModel):
        kept: dict[str, Any] = {}
        for key in _KEEP:
            value = getattr(result, key, None)
            chat_id = getattr(value, "id", None) if key == "chat" else None
            if isinstance(chat_id, int):
                kept[key] = {"id": chat_id}
            elif isinstance(value, int | str):
                kept[key] = value
        return kept or result.model_dump(mode="json", exclude_none=True, fallback=_unset)
    if not isinstance(result, dict):
        return result
    slim: dict[str, Any] = {k: result[k] for k in _KEEP if k in result}
    chat = slim.get("chat")
    if isinstance(chat, dict):
        slim["chat"] = {"id": chat.get("id")}
    return slim or result


_KEEP = ("message_id", "message_thread_id", "name", "chat")


def _unset(value: Any) -> None:
    """A value JSON cannot hold (a Default marker) is not kept."""
    return None


def message_id_of(result: object) -> int | None:
    """The message id in a stored send result (what result hooks receive), if there is one."""
    if isinstance(result, dict) and isinstance(result.get("message_id"), int):
        return int(result["message_id"])
    return None


def _encode_file(value: InputFile) -> dict[str, str]:
    if not isinstance(value, BufferedInputFile):
        raise TypeError("only in-memory files (BufferedInputFile) can be queued")
    return {_FILE: value.filename or "file", "data": base64.b64encode(value.data).decode()}


def _model(value: BaseModel) -> dict[str, Any]:
    """A nested object's set fields; Default(...) markers (resolved by the Bot) are left out."""
    data: dict[str, Any] = {}
    for name in type(value).model_fields:
        field = getattr(value, name)
        if field is None or isinstance(field, Default):
            continue
        data[name] = _model(field) if isinstance(field, BaseModel) else field
    return data


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):  # nested objects: a list of BotCommand, media groups
        return _model(value)
    raise TypeError(f"cannot store {type(value).__name__} in the outbox")

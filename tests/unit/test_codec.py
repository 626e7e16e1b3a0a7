"""Outbox rows must turn back into exactly the call that was queued."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiogram.methods import (
    AnswerCallbackQuery,
    CopyMessage,
    CreateForumTopic,
    EditMessageText,
    SendDocument,
    SendMessage,
    SetMyCommands,
    TelegramMethod,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.outbox.codec import compact_result, decode, encode, lane_of

MARKUP = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="10", callback_data="s:1:nps:10")]]
)


@pytest.mark.parametrize(
    "method",
    [
        SendMessage(chat_id=5, text="привет", reply_markup=MARKUP, message_thread_id=3),
        EditMessageText(chat_id=5, message_id=9, text="x", reply_markup=MARKUP),
        CopyMessage(chat_id=-100, from_chat_id=5, message_id=7),
        AnswerCallbackQuery(callback_query_id="q", text="done", show_alert=True),
        SetMyCommands(
            commands=[BotCommand(command="start", description="Start")],
            scope=BotCommandScopeAllPrivateChats(),
            language_code="ru",
        ),
    ],
)
def test_roundtrip(method: TelegramMethod[Any]) -> None:
    name, payload = encode(method)
    again = decode(name, payload)
    assert type(again) is type(method)
    assert again.model_dump(exclude_none=True) == method.model_dump(exclude_none=True)


def test_files_travel_inside_the_row() -> None:
    doc = SendDocument(chat_id=1, document=BufferedInputFile(b"a,b\n1,2\n", "export.csv"))
    again = decode(*encode(doc))
    assert isinstance(again, SendDocument)
    assert isinstance(again.document, BufferedInputFile)
    assert again.document.data == b"a,b\n1,2\n" and again.document.filename == "export.csv"


def test_lanes_and_refusals() -> None:
    assert lane_of(SendMessage(chat_id=-100, text="x")) == -100
    assert lane_of(AnswerCallbackQuery(callback_query_id="q")) == 0
    with pytest.raises(ValueError):
        lane_of(SendMessage(chat_id="@channel", text="x"))
    with pytest.raises(ValueError):
        decode("DropDatabase", "{}")


def test_direction_overrides_are_neutralised_in_everything_sent() -> None:
    """A name like "Ann\\u202egnp.exe" reads backwards on a card or a topic title: the
    overrides and isolates go; the marks real right-to-left text needs (LRM, RLM) stay."""
    evil = "Ann\u202egnp.exe \u2067x\u2069 \u200fשלום"
    for method in (
        SendMessage(chat_id=-100, text=f"<b>{evil}</b>", parse_mode="HTML"),
        CreateForumTopic(chat_id=-100, name=evil),
        SendMessage(chat_id=1, text="x", reply_markup=markup_with(evil)),
    ):
        _, payload = encode(method)
        stored = json.loads(payload)
        text = json.dumps(stored, ensure_ascii=False)
        assert "\u202e" not in text and "\u2067" not in text and "\u2069" not in text, text
        assert "Anngnp.exe" in text or "Ann" in text
        if "text" in stored and "שלום" in stored["text"]:
            assert "\u200f" in stored["text"]


def markup_with(label: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=label, callback_data="x")]]
    )


def test_a_sent_message_with_preview_options_is_kept_by_its_ids() -> None:
    """Telegram echoes link_preview_options in the message it returns; aiogram leaves its
    unset fields as Default markers, which JSON cannot hold. The ids are what is kept."""
    sent = Message.model_validate(
        {
            "message_id": 7,
            "date": 1,
            "chat": {"id": 42, "type": "private"},
            "text": "a link",
            "link_preview_options": {"is_disabled": True},
        }
    )
    kept = compact_result(sent)
    assert kept == {"message_id": 7, "chat": {"id": 42}}
    assert json.loads(json.dumps(kept)) == kept

"""What the product relies on inside aiogram, beyond its documented API.

Dependencies are pinned (requirements.lock); when they are upgraded, these fail first if an
internal the outbox depends on has changed, instead of delivery breaking quietly.
"""

from __future__ import annotations

import gc
import inspect
import json

import pytest
from aiogram import Bot, methods
from aiogram.client.default import Default
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import ClientDecodeError
from aiogram.methods import Response, SendMessage
from aiogram.types import Message

from bot.outbox.codec import decode, encode


def test_answers_are_parsed_through_response_of_the_methods_returning_type() -> None:
    # HoldResponseModels keeps exactly this model alive; if aiogram parses answers another way,
    # holding it no longer saves the rebuild (and the middleware should go).
    source = inspect.getsource(BaseSession.check_response)
    assert "Response[method.__returning__]" in source
    assert SendMessage.__returning__ is Message


def test_pydantic_builds_a_parametrized_response_once_while_it_is_held() -> None:
    held = Response[Message]
    gc.collect()
    assert Response[Message] is held


def _decode_error(content: str) -> ClientDecodeError:
    session = AiohttpSession()
    bot = Bot("42:TEST", session=session)
    with pytest.raises(ClientDecodeError) as caught:
        session.check_response(bot, SendMessage(chat_id=1, text="hi"), 200, content)
    return caught.value


def test_an_answer_that_does_not_fit_the_model_keeps_the_parsed_json() -> None:
    """The sender tells "Telegram took it, only its answer did not fit aiogram's model" (do
    not send again) by ClientDecodeError.data being the parsed answer with ok true."""
    answer = {"ok": True, "result": {"message_id": "not a number"}}
    assert _decode_error(json.dumps(answer)).data == answer


def test_a_garbled_answer_carries_no_parsed_json() -> None:
    """A proxy's HTML page: data is the text, so the sender tries the message again."""
    error = _decode_error("<html>502 Bad Gateway</html>")
    assert not isinstance(error.data, dict)


def test_unset_options_are_default_markers_resolved_when_sent() -> None:
    method = SendMessage(chat_id=1, text="hi")
    assert isinstance(method.parse_mode, Default)  # the codec leaves these out of the row
    name, payload = encode(method)
    assert getattr(methods, name) is SendMessage  # stored rows name aiogram's classes
    again = decode(name, payload)
    assert isinstance(again, SendMessage) and isinstance(again.parse_mode, Default)

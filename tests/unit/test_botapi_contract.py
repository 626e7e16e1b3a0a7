"""The fake's check of every request against the official Bot API reference finds what is
wrong (and only that). Without the reference beside the checkout it says it was skipped."""

from __future__ import annotations

import json

import pytest

from faketg.contract import Contract, reference_path
from faketg.methods import get_chat_administrators
from faketg.world import ApiError, World

CONTRACT = Contract.load()
pytestmark = pytest.mark.skipif(
    CONTRACT is None,
    reason=f"{reference_path()} not found: requests are not checked against the Bot API",
)


def contract() -> Contract:
    assert CONTRACT is not None
    return CONTRACT


def test_every_button_style_the_reference_lists_is_allowed_and_no_other() -> None:
    """The reference writes 'Must be one of "danger" (red), "success" (green) or "primary"
    (blue)': the colours in brackets are words between the values, not the end of the list."""
    for style, problems in (("danger", 0), ("success", 0), ("primary", 0), ("red", 1)):
        button = {"text": "9", "callback_data": "sv:1:np:9", "style": style}
        params = {"chat_id": 1, "text": "?", "reply_markup": {"inline_keyboard": [[button]]}}
        assert len(contract().check("sendMessage", params)) == problems, style


def test_a_request_as_the_bot_sends_it_passes() -> None:
    markup = {"inline_keyboard": [[{"text": "Take", "callback_data": "cs:take:1"}]]}
    params = {
        "chat_id": -100123,
        "text": "<b>#1</b>",
        "parse_mode": "HTML",
        "reply_markup": markup,
    }
    assert contract().check("sendMessage", params) == []
    reply = {"message_id": 5, "allow_sending_without_reply": True}
    assert (
        contract().check("sendmessage", {"chat_id": 1, "text": "x", "reply_parameters": reply})
        == []
    )
    upload = {"chat_id": 1, "photo": "attach://f1", "f1": b"PNG"}  # as aiogram sends a file
    assert contract().check("sendPhoto", upload) == []
    scope = {"type": "chat", "chat_id": -100123}
    commands = [{"command": "open", "description": "Complaints being worked on"}]
    assert contract().check("setMyCommands", {"commands": commands, "scope": scope}) == []


@pytest.mark.parametrize(
    ("method", "params", "problem"),
    [
        ("sendMessages", {"chat_id": 1, "text": "x"}, "no such method"),
        ("sendMessage", {"text": "x"}, "chat_id is required"),
        ("sendMessage", {"chat_id": 1, "text": "x", "colour": "red"}, "unknown parameter colour"),
        (
            "sendMessage",
            {"chat_id": 1, "text": "x", "disable_notification": "yes"},
            "is not Boolean",
        ),
        ("sendMessage", {"chat_id": [1], "text": "x"}, "is not Integer or String"),
        ("sendMessage", {"chat_id": 1, "text": "x", "parse_mode": "html"}, "is not one of"),
        ("sendMessage", {"chat_id": 1, "text": ""}, "0 UTF-16 units, not 1-4096"),
        ("sendMessage", {"chat_id": 1, "text": "😀" * 2049}, "4098 UTF-16 units"),
        (
            "sendMessage",
            {"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"txt": "a"}]]}},
            "reply_markup",
        ),
        (
            "sendMessage",
            {
                "chat_id": 1,
                "text": "x",
                "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "x" * 65}]]},
            },
            "callback_data of 65 bytes",
        ),
        (
            "setMyCommands",
            {"commands": [{"command": "Open", "description": "x"}]},
            "command 'Open'",
        ),
        ("setMyCommands", {"commands": [{"command": "open", "description": ""}]}, "description"),
        ("setMyCommands", {"commands": [], "scope": {"type": "everyone"}}, "scope"),
        ("createForumTopic", {"chat_id": -100, "name": "x" * 129}, "129 characters"),
        ("sendPhoto", {"chat_id": 1, "photo": b"x", "caption": "c" * 1025}, "1025 UTF-16 units"),
    ],
)
def test_what_the_real_server_would_refuse_or_ignore_is_found(
    method: str, params: dict[str, object], problem: str
) -> None:
    problems = contract().check(method, params)
    assert any(problem in p for p in problems), problems


async def test_the_fakes_administrators_are_the_reference_s_chat_members() -> None:
    """getChatAdministrators as the real server answers it: the owner and administrators with
    every field the reference requires of ChatMemberOwner / ChatMemberAdministrator, the bot
    itself when it is one, other bots only when asked; none in a private chat."""
    reference = json.loads(reference_path().read_text())["types"]
    world = World(token="42:x")
    world.add_user(1, "Olive")
    world.add_user(2, "Morgan")
    world.add_user(3, "Helper")
    world.users[3]["is_bot"] = True
    world.add_group(-100, "Support", [1, 2, 3])
    world.make_admin(-100, 1, creator=True)
    world.make_admin(-100, 2)
    world.make_admin(-100, 3)
    world.bot_admin_in.add(-100)
    answer = await get_chat_administrators(world, {"chat_id": -100})
    kinds = {"creator": "ChatMemberOwner", "administrator": "ChatMemberAdministrator"}
    for member in answer:
        fields = reference[kinds[member["status"]]]["fields"]
        required = {f["name"] for f in fields if f["required"]}
        assert required <= set(member), required - set(member)
        extra = set(member) - {f["name"] for f in fields}
        assert extra <= {"can_send_welcome_messages"}  # what aiogram 3.31 requires besides
    assert [m["user"]["id"] for m in answer] == [1, 2, world.bot_id]
    with_bots = await get_chat_administrators(world, {"chat_id": -100, "return_bots": True})
    assert [m["user"]["id"] for m in with_bots] == [1, 2, 3, world.bot_id]
    with pytest.raises(ApiError):
        await get_chat_administrators(world, {"chat_id": 1})

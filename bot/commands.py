"""The command menus people see under "/": one per audience, in each catalog language.

Customers get theirs in every private chat; the staff group gets /open, /mine, /find, /saved
and /help; each owner gets the customer menu plus /digest, /report, /export, /actions,
/dashboard and /saved in their own chat with the bot, and each manager (not also an owner)
the customer menu, /dashboard and /saved.
"""

from __future__ import annotations

from aiogram.methods import SetMyCommands
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat

from bot.complaints.config import Complaints
from bot.i18n import Catalog
from bot.outbox.service import Outbox, Priority
from storage.db import Database

CUSTOMER_COMMANDS = ("start", "help", "complaint", "language", "stop", "mydata", "forget_me")
STAFF_COMMANDS = ("open", "mine", "find", "saved", "help")
OWNER_COMMANDS = (
    *CUSTOMER_COMMANDS,
    "digest",
    "report",
    "export",
    "actions",
    "dashboard",
    "saved",
)
MANAGER_COMMANDS = (*CUSTOMER_COMMANDS, "dashboard", "saved")

Scope = BotCommandScopeAllPrivateChats | BotCommandScopeChat


async def publish_commands(
    db: Database, outbox: Outbox, catalog: Catalog, complaints: Complaints
) -> None:
    """Queue setMyCommands per audience, for every language plus the default (no code)."""
    menus: list[tuple[Scope, tuple[str, ...]]] = [
        (BotCommandScopeAllPrivateChats(), CUSTOMER_COMMANDS),
        (BotCommandScopeChat(chat_id=complaints.staff_chat_id), STAFF_COMMANDS),
    ]
    menus += [
        (BotCommandScopeChat(chat_id=owner), OWNER_COMMANDS)
        for owner in complaints.core.roles.owners
    ]
    menus += [
        (BotCommandScopeChat(chat_id=manager), MANAGER_COMMANDS)
        for manager in complaints.core.roles.managers
        if manager not in complaints.core.roles.owners
    ]
    async with db.transaction() as tx:
        for scope, names in menus:
            for language in [None, *catalog.languages]:
                lang = language or catalog.default
                commands = [
                    BotCommand(command=name, description=catalog.text(lang, f"command.{name}"))
                    for name in names
                ]
                method = SetMyCommands(commands=commands, scope=scope, language_code=language)
                await outbox.send(tx, method, priority=Priority.NORMAL)

"""The command menu customers see under "/", in each catalog language."""

from __future__ import annotations

from aiogram.methods import SetMyCommands
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats

from bot.i18n import Catalog
from bot.outbox.service import Outbox, Priority
from storage.db import Database

CUSTOMER_COMMANDS = ("start", "help", "complaint", "language", "stop", "mydata", "forget_me")


async def publish_commands(db: Database, outbox: Outbox, catalog: Catalog) -> None:
    """Queue setMyCommands for every language plus the default (no language_code)."""
    scope = BotCommandScopeAllPrivateChats()
    async with db.transaction() as tx:
        for language in [None, *catalog.languages]:
            lang = language or catalog.default
            commands = [
                BotCommand(command=name, description=catalog.text(lang, f"command.{name}"))
                for name in CUSTOMER_COMMANDS
            ]
            method = SetMyCommands(commands=commands, scope=scope, language_code=language)
            await outbox.send(tx, method, priority=Priority.NORMAL)

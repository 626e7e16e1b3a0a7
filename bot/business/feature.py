"""The Telegram Business feature: a shop's own account connects the bot as its chatbot, and its
customers' messages become complaints like messages to the bot.

Installs: the accounts (`business`, for handlers) loaded at start and shown on /healthz.
Rules: reach.py (whether a survey may go from the account the customer wrote to).
Handlers: handlers/business.py (the connection, the owner's own answers, edits and deletions);
a customer's message to the account is one of handlers/customer/words.py's situations, and
staff answers go out from the account (bot/complaints/replying.py).
"""

from __future__ import annotations

from bot.business.accounts import Accounts
from bot.wiring import Wiring
from storage.db import Tx


def install(w: Wiring) -> Accounts:
    accounts = Accounts(w.core)

    async def load(tx: Tx) -> None:
        await accounts.load(tx)

    w.when.started.connect(load)
    w.health.append(accounts.report)
    w.provide("business", accounts)
    return accounts

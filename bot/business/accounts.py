"""Business accounts that connected the bot as their chatbot (Telegram Settings → Business →
Chatbots): what Telegram says of each connection is stored, and the owners are told in
private what the bot may and may not do for the account under the rights given, and when the
account turns the bot off or removes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from bot.core import Core
from bot.i18n import Translator
from storage.db import Tx
from storage.repos.business import BusinessConnection

# The rights the desk uses, in the order owners read them; the others (the account's name,
# gifts, stories...) the bot never uses, so it does not speak of them.
USED_RIGHTS = ("can_reply", "can_read_messages")


@dataclass
class Accounts:
    """The connections as last stored, kept in memory for /healthz (which reads no database)."""

    core: Core
    known: dict[str, BusinessConnection] = field(default_factory=dict)

    async def load(self, tx: Tx) -> None:
        self.known = {c.id: c for c in await tx.business.all()}

    def report(self) -> dict[str, Any]:
        """For /healthz: every account that connected the bot, and what it may do there."""
        return {
            "business_accounts": [
                {
                    "connection": c.id,
                    "user_id": c.user_id,
                    "enabled": c.enabled,
                    "can_reply": c.can_reply,
                }
                for c in self.known.values()
            ]
        }

    async def changed(self, tx: Tx, connection: BusinessConnection) -> None:
        """Telegram sent `business_connection`: the bot was connected, its rights changed, or
        it was turned off or removed. Stored; the owners (and the account) told what it means."""
        before = await tx.business.put(connection, self.core.now())
        tx.after_commit(lambda: self.known.__setitem__(connection.id, connection))
        if before is not None and (before.enabled, before.rights) == (
            connection.enabled,
            connection.rights,
        ):
            return  # the same news again (a redelivered update): told once
        text = told(self.core.staff_t, connection, before)
        if text is None:
            return
        readers = [*self.core.roles.owners, connection.user_id]
        await self.core.outbox.to_each(tx, dict.fromkeys(readers), text, parse_mode="HTML")


def told(
    t: Translator, connection: BusinessConnection, before: BusinessConnection | None
) -> str | None:
    """What the owners read about the connection's news (None: nothing worth a message)."""
    account = escape(connection.user_name or str(connection.user_id))
    if not connection.enabled:
        if before is None or not before.enabled:
            return None  # off before it was ever on: nothing changed for anyone
        return t("business.disabled", account=account)
    key = "business.connected" if before is None or not before.enabled else "business.changed"
    lines = [t(key, account=account)]
    may = [t(f"business.right.{r}") for r in USED_RIGHTS if connection.may(r)]
    may_not = [t(f"business.right.{r}") for r in USED_RIGHTS if not connection.may(r)]
    if may:
        lines.append(t("business.may", rights="; ".join(may)))
    if may_not:
        lines.append(t("business.may_not", rights="; ".join(may_not)))
    if not connection.may("can_reply"):
        lines.append(t("business.no_reply_hint"))
    return "\n\n".join(lines)

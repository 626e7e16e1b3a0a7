"""How a complaint came, as owners read it in the exports and on the dashboard."""

from __future__ import annotations

from storage.states import ComplaintSource

# A message to the shop's Telegram account (Telegram Business): stored as a `message`
# complaint with the account's connection, shown apart from a message to the bot.
ACCOUNT_MESSAGE = "account_message"


def origin(source: str, business_connection_id: object) -> str:
    """`source`, or ACCOUNT_MESSAGE for a message that came to the shop's account."""
    if source == ComplaintSource.MESSAGE and business_connection_id:
        return ACCOUNT_MESSAGE
    return str(source)

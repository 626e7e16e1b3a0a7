"""What the bot learns from Telegram while it runs, as opposed to what it is configured with.

Filled in when it connects (getMe, getChat on the staff chat); the bot's username is also kept
in the database, so receipt links are right before Telegram answers and in the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass

UNKNOWN_USERNAME = "YOUR_BOT"


@dataclass
class Learned:
    bot_username: str = UNKNOWN_USERNAME
    staff_chat_is_forum: bool = False  # then each complaint gets a topic of its own

"""What the bot learns from Telegram while it runs, as opposed to what it is configured with.

Filled in when it connects (getMe, getChat on the staff chat); the bot's username is also kept
in the database, so receipt links are right before Telegram answers and in the CLI. So are
chat moves (a group Telegram upgraded to a supergroup, under a new id): see `bot/chatevents.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN_USERNAME = "YOUR_BOT"


@dataclass
class Learned:
    bot_username: str = UNKNOWN_USERNAME
    staff_chat_is_forum: bool = False  # then each complaint gets a topic of its own
    moved: dict[int, int] = field(default_factory=dict)  # a group's old id -> its new id
    staff_chat_lost: str | None = None  # why the bot cannot write there (removed, wrong id)

    def chain(self, chat_id: int) -> list[int]:
        """The ids a chat has had, from `chat_id` to the one it has now (a group may have
        been upgraded more than once)."""
        ids = [chat_id]
        while ids[-1] in self.moved and self.moved[ids[-1]] not in ids:
            ids.append(self.moved[ids[-1]])
        return ids

    def current(self, chat_id: int) -> int:
        """The id a chat has now."""
        return self.chain(chat_id)[-1]

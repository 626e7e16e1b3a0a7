"""A local fake of the Telegram Bot API over HTTP, for tests, the demo and the benchmarks.

It answers the methods the bot uses with Telegram's response shapes, keeps Telegram's send
limits with real 429 answers carrying `parameters.retry_after`, injects faults on request, and
has a control API to play users (send a message, press a button) and read what the bot sent.
"""

from faketg.server import FakeTelegramServer
from faketg.world import World

__all__ = ["FakeTelegramServer", "World"]

"""Router-level filters shared by handler modules."""

from aiogram import F

PRIVATE = F.chat.type == "private"
PRIVATE_CALLBACK = F.message.chat.type == "private"

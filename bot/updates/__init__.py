"""Incoming side: updates are stored in the inbox before Telegram is told they arrived."""

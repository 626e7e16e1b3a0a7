"""Outgoing side: a persisted outbox, a pacer that keeps Telegram's limits, and one sender."""

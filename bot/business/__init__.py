"""Telegram Business: the shop's own Telegram account as the desk (bot/business/feature.py)."""

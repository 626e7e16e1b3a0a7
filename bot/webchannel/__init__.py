"""The web channel: surveys and conversations for customers outside Telegram."""

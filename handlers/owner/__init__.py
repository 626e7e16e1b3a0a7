"""Routers for owners in their private chat with the bot: digests, reports, exports."""

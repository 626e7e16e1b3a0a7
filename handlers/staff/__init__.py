"""Routers for the staff group chat: complaint cards, relay, /open and /mine."""

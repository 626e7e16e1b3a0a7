"""Routers for the customer's private chat with the bot."""

"""The scripted demo: the real app against the fake Telegram server, with made-up people.

Not part of the installed product; it runs from a source checkout (`make demo`).
"""

"""Digests, reports, exports and the statistics behind them (DESIGN §2.4)."""

"""Digests, reports, exports and the statistics behind them."""

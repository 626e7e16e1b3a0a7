"""The integrators' HTTP API (/api/v1), served by the same aiohttp app as health and metrics."""

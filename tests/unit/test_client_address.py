"""Whose address a request is (the sign-in limit counts per client): the connecting peer,
unless that peer is a trusted proxy; then the rightmost X-Forwarded-For hop that is not one."""

from __future__ import annotations

from ipaddress import ip_network

from bot.web import client_address

PROXIES = [ip_network("10.0.0.0/8"), ip_network("::1/128")]


def test_forwarded_for_counts_only_from_a_trusted_proxy() -> None:
    assert client_address("10.0.0.2", "203.0.113.5", PROXIES) == "203.0.113.5"
    assert client_address("::1", "203.0.113.5", PROXIES) == "203.0.113.5"
    # What the client wrote itself stands left of what the proxy added: never believed.
    assert client_address("10.0.0.2", "198.51.100.1, 203.0.113.5", PROXIES) == "203.0.113.5"
    assert client_address("10.0.0.2", "203.0.113.5, 10.0.0.9", PROXIES) == "203.0.113.5"
    # Anyone else's header is theirs to invent: the peer counts.
    assert client_address("192.0.2.8", "203.0.113.5", PROXIES) == "192.0.2.8"
    assert client_address("10.0.0.2", "203.0.113.5", []) == "10.0.0.2"  # none trusted
    assert client_address("10.0.0.2", None, PROXIES) == "10.0.0.2"  # no header
    assert client_address("10.0.0.2", "10.0.0.3, 10.0.0.4", PROXIES) == "10.0.0.3"
    assert client_address("10.0.0.2", "garbage, 203.0.113.5", PROXIES) == "203.0.113.5"
    assert client_address("10.0.0.2", "203.0.113.5, garbage", PROXIES) == "garbage"
    assert client_address(None, None, PROXIES) == "?"

"""The client's address, the same for the access log, the lockout and the rate limits.

Behind nginx the connection comes from the proxy; the client's address is the entry that the
trusted proxies added to ``X-Forwarded-For``. ``PROXY_COUNT`` says how many proxies are in front
(0: none, the connection's address is the client's). Entries further left were written by the
client and are never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    proxies = settings.PROXY_COUNT
    address = request.META.get("REMOTE_ADDR") or ""
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address_or_unknown(request: HttpRequest) -> str:
    """The key of the lockout and rate-limit counters: the client's address, and for IPv6 its
    /64 network (one subscriber's, who could otherwise try again from each of its addresses).
    Requests with no usable address share one key."""
    address = client_address(request)
    if address is None:
        return "0.0.0.0"  # noqa: S104  # nosec B104  # a key of the counters, never an address to bind
    if ipaddress.ip_address(address).version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address

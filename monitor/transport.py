"""The https:// transport: httpx's own, HTTP/2 offered by ALPN, one httpcore pool per origin.

Per origin because httpcore's pool scans all its connections (and, for each idle one, all of
them again) whenever a request starts or finishes: one pool shared by 200 hosts cost about
3.7 s of CPU per 1,000 requests, a pool per origin 1.6 s (bench/https.py --hosts 200). Each
pool dials through the given network backend (monitor.netguard.ResolvingBackend: the
Fetcher's resolver and, for the guarded client, the SSRF check).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable

import httpcore
import httpx

# aiohttp's default idle keep-alive, kept so both transports behave alike
KEEPALIVE_SECONDS = 15.0


class OriginPools(httpx.AsyncBaseTransport):
    """Routes each request to its origin's own pool; drops pools whose connections are spent."""

    def __init__(self, make_pool: Callable[[], httpx.AsyncHTTPTransport], keep: int) -> None:
        self._make_pool = make_pool
        self._pools: dict[tuple[bytes, bytes, int | None], httpx.AsyncHTTPTransport] = {}
        self._keep = keep  # pools kept without pruning; then pruned as the count doubles
        self._prune_at = keep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get(origin)
        if pool is not None:
            return await pool.handle_async_request(request)
        # the pool map only changes here, between awaits, so concurrent requests agree on it
        evicted = self._evict() if len(self._pools) >= self._prune_at else []
        pool = self._pools[origin] = self._make_pool()
        try:
            return await pool.handle_async_request(request)
        finally:
            # after the request has a connection, so the new pool is never seen as spent;
            # shielded, so a timeout on this request does not leave their sockets open
            if evicted:
                await asyncio.shield(_close_all(evicted))

    def _evict(self) -> list[httpx.AsyncHTTPTransport]:
        # an origin polled once per cycle would otherwise keep its pool for good. Only pools
        # with nothing left to reuse go (connections closed or past their keep-alive): those
        # have no request in them, since httpcore opens a connection for a request before it
        # first waits, and dropping them costs no handshake a kept pool would have saved
        quiet = [origin for origin, pool in self._pools.items() if _spent(pool)]
        evicted = [self._pools.pop(origin) for origin in quiet]
        self._prune_at = max(self._keep, 2 * len(self._pools))
        return evicted

    def __len__(self) -> int:
        """How many origins have a pool right now."""
        return len(self._pools)

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        await _close_all(pools)


async def _close_all(pools: list[httpx.AsyncHTTPTransport]) -> None:
    for pool in pools:
        await pool.aclose()


def _spent(transport: httpx.AsyncHTTPTransport) -> bool:
    pool = transport._pool
    return all(c.is_closed() or c.has_expired() for c in pool.connections)


def https_transport(
    ssl_context: ssl.SSLContext | Callable[[], ssl.SSLContext],
    backend: httpcore.AsyncNetworkBackend,
    *,
    per_origin: int,
    keep_pools: int,
    keepalive: float = KEEPALIVE_SECONDS,
) -> OriginPools:
    """HTTP/2-capable pools of at most `per_origin` connections each, dialling via `backend`.

    `ssl_context` may be a function giving it when the first pool is made."""

    def make_pool() -> httpx.AsyncHTTPTransport:
        context = ssl_context if isinstance(ssl_context, ssl.SSLContext) else ssl_context()
        transport = httpx.AsyncHTTPTransport(http2=True, trust_env=False, verify=context)
        # httpx takes no network backend, so its pool is replaced by one that has ours
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=per_origin,
            max_keepalive_connections=per_origin,
            keepalive_expiry=keepalive,
            http1=True,
            http2=True,
            network_backend=backend,
        )
        return transport

    return OriginPools(make_pool, keep_pools)

"""The fetch stage: polite, bounded, hostile-input-proof HTTP downloads of feeds and article pages.

One httpx API, two transports chosen by scheme:

- http:// runs over aiohttp's transport (httpx_aiohttp): on a 2-core box it answers 1,000
  conditional GETs several times faster than httpx's own transport (see bench/cycle.py). It
  speaks HTTP/1.1 only, which is all plain http offers in practice (nobody serves h2c).
- https:// runs over httpx's own transport with HTTP/2 on (httpcore + h2, a pool per origin:
  monitor.transport): the server picks h2 or HTTP/1.1 by ALPN, and the feeds of one host
  then share one connection and one TLS handshake. On loopback it costs about twice the CPU
  per request of aiohttp's HTTP/1.1 (bench/https.py); across a real network the round trips
  and handshakes it saves matter more.

Two clients, each with both transports: `client` for operator-configured URLs (feeds,
webhooks) and a separate guarded one for links that come from feeds, which vets every
resolved address at connect time (monitor.netguard: GuardedResolver inside aiohttp's
connector, ResolvingBackend inside httpcore's pool); keeping the pools apart means a connection
opened to a local feed is never reused for a link.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import random
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import UTC
from types import TracebackType

import aiohttp
import h2.exceptions
import h11
import httpcore
import httpx
from aiohttp.abc import AbstractResolver
from aiohttp.resolver import DefaultResolver
from httpx_aiohttp import AiohttpTransport

from monitor import USER_AGENT
from monitor.config import PollingConfig, ScrapingConfig
from monitor.errors import FetchError, FetchErrorKind, exception_chain
from monitor.models import Response
from monitor.netguard import (
    BlockedAddressError,
    GuardedResolver,
    NetPolicy,
    ResolvingBackend,
    connect_host,
    destination_problem,
    host_is_allowed,
    http_url,
    url_problem,
)
from monitor.transport import https_transport

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
BACKOFF_CAP = 24 * 3600.0
# a server may ask for a pause, but not silence a feed for good
RETRY_AFTER_CAP = 7 * 24 * 3600.0
DNS_CACHE_SECONDS = 300


@dataclass(frozen=True)
class _Limits:
    """What one download may cost."""

    timeout: float  # seconds for everything: connect, headers, body, every redirect hop
    max_size: int  # decompressed body bytes
    max_redirects: int


class _Cookies(httpx.Cookies):
    """httpx's cookie jar (consent pages set a cookie, then redirect), which skips reading
    the responses that set none: that reading costs a tenth of a feed poll's CPU."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


@dataclass(frozen=True)
class _Hop:
    """One answered request of a redirect chain."""

    status: int
    headers: dict[str, str]
    body: bytes


class Fetcher:
    """One per run: shared connection pools, concurrency limits and the SSRF guard.

    Use as `async with Fetcher(polling, scraping) as fetcher:`.
    """

    client: httpx.AsyncClient  # unguarded: for operator-configured URLs only

    def __init__(
        self,
        polling: PollingConfig,
        scraping: ScrapingConfig,
        *,
        resolver: AbstractResolver | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """`resolver` replaces system DNS (tests map names to 127.0.0.1); the guard wraps it.

        `ssl_context` replaces the system trust store for https:// (tests trust their own CA).
        """
        self.polling = polling
        self.scraping = scraping
        self.policy = NetPolicy(
            allow_private_networks=scraping.allow_private_networks,
            allow_hosts=frozenset(h.lower() for h in scraping.allow_hosts),
        )
        self._slots = asyncio.Semaphore(polling.concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._resolver = resolver
        self._given_ssl = ssl_context
        self._feed_limits = _Limits(polling.timeout, polling.max_size, polling.max_redirects)
        self._page_limits = _Limits(scraping.timeout, scraping.max_size, polling.max_redirects)

    @functools.cached_property
    def _ssl_context(self) -> ssl.SSLContext:
        # the system store, as aiohttp used for https before (not httpx's certifi bundle); it
        # honours SSL_CERT_FILE/SSL_CERT_DIR through OpenSSL. httpcore sets ALPN on it.
        # Loading it costs ~50 ms that a configuration of http:// feeds never needs: it is
        # made when the first https:// origin is.
        return self._given_ssl or ssl.create_default_context()

    async def __aenter__(self) -> Fetcher:
        self._dns = self._resolver or DefaultResolver()
        self.client = self._make_client(self._dns, ResolvingBackend(self._dns))
        self._guarded = self._make_client(
            GuardedResolver(self.policy, self._dns), ResolvingBackend(self._dns, self.policy)
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._guarded.aclose()
        await self.client.aclose()
        if self._resolver is None:
            await self._dns.close()

    def _make_client(
        self, resolver: AbstractResolver, backend: httpcore.AsyncNetworkBackend
    ) -> httpx.AsyncClient:
        connector = aiohttp.TCPConnector(
            limit=self.polling.concurrency,
            limit_per_host=self.polling.per_host,
            ttl_dns_cache=DNS_CACHE_SECONDS,
            resolver=resolver,
        )
        # cookies live in httpx's jar (needed by consent redirects); aiohttp's stays empty
        session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
        client = httpx.AsyncClient(
            # it carries http:// only (https:// is mounted below): an empty context that
            # would refuse every certificate, instead of a CA bundle it never reads
            transport=AiohttpTransport(
                client=session, verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ),
            # the global and per-host limits are _slots and _host_slot's; per_host also caps
            # each origin's pool, as aiohttp's limit_per_host does
            mounts={
                "https://": https_transport(
                    lambda: self._ssl_context,
                    backend,
                    per_origin=self.polling.per_host,
                    keep_pools=self.polling.concurrency,
                )
            },
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,  # each hop is checked here
            trust_env=False,  # an env proxy would be mounted on httpx's own, unguarded transport
            # httpx's default 5 s would cut every read short: the configured wall-clock limit
            # (asyncio.timeout in _fetch) bounds each request instead
            timeout=None,
        )
        # httpx copies a jar it is given into its own class, so ours is set in its place
        client._cookies = _Cookies()
        return client

    async def fetch_feed(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        configured: str | None = None,
    ) -> Response:
        """Download a feed; a 304 returns status 304 and no body.

        `configured` is the URL the operator wrote (default: `url`): requests to its host
        skip the SSRF guard, any other host (a permanent redirect's target adopted as the
        feed's URL included) is guarded like a link from a feed, at every poll.
        """
        headers = {"Accept": FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._fetch(
            url, self.client, False, headers, self._feed_limits, trusted=configured or url
        )

    async def fetch_page(self, url: str) -> Response:
        """Download an article page linked from a feed, through the SSRF guard."""
        return await self._fetch(
            url, self._guarded, True, {"Accept": PAGE_ACCEPT}, self._page_limits
        )

    async def url_allowed(self, url: str) -> bool:
        """May a link from a feed (e.g. a redirect target) be followed or stored? Resolves DNS."""
        host = connect_host(url)
        if url_problem(url) or not host:
            return False
        parts = http_url(url)  # the parse connect_host judged, not a second one
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            async with asyncio.timeout(self.polling.timeout):
                return await host_is_allowed(host, port, self.policy, self._dns)
        except TimeoutError:
            return False

    # -- the download itself ---------------------------------------------------------------------

    async def _fetch(
        self,
        url: str,
        client: httpx.AsyncClient,
        guarded: bool,
        headers: dict[str, str],
        limits: _Limits,
        *,
        trusted: str | None = None,
    ) -> Response:
        async with self._slots:
            started = time.monotonic()
            try:
                async with asyncio.timeout(limits.timeout):
                    final_url, hop, redirects = await self._follow(
                        url, client, guarded, headers, limits, trusted
                    )
            except TimeoutError:
                raise FetchError(
                    FetchErrorKind.TIMEOUT,
                    f"no complete answer within {limits.timeout:g}s",
                    url=url,
                ) from None
        return Response(
            url=url,
            final_url=final_url,
            status=hop.status,
            headers=hop.headers,
            body=hop.body,
            elapsed=time.monotonic() - started,
            redirects=tuple(redirects),
        )

    async def _follow(
        self,
        url: str,
        client: httpx.AsyncClient,
        guarded: bool,
        headers: dict[str, str],
        limits: _Limits,
        trusted: str | None,
    ) -> tuple[str, _Hop, list[tuple[int, str]]]:
        """Request `url`, following redirects one checked hop at a time; only hops to the
        host of `trusted` (an operator's URL) may skip the guard of a `guarded=False` fetch."""
        current = url
        seen = {url}
        redirects: list[tuple[int, str]] = []
        home = connect_host(trusted) if trusted else None
        while True:
            host = connect_host(current)
            # an operator's URL is trusted, not where its server sends us: another host is
            # checked like any link from a feed
            hop_guarded = guarded or host != home
            self._check_destination(current, hop_guarded)
            async with self._host_slot(host):
                hop = await self._request(
                    self._guarded if hop_guarded else client, current, headers, limits.max_size
                )
            location = hop.headers.get("location")
            if hop.status not in REDIRECT_STATUSES or not location:
                _raise_for_status(hop, current)
                return current, hop, redirects
            try:
                target = str(httpx.URL(current).join(location.strip()))
            except (httpx.InvalidURL, ValueError):
                raise FetchError(
                    FetchErrorKind.BLOCKED, f"unusable redirect target {location[:200]!r}", url=url
                ) from None
            redirects.append((hop.status, target))
            if len(redirects) > limits.max_redirects:
                raise FetchError(
                    FetchErrorKind.REDIRECTS,
                    f"more than {limits.max_redirects} redirects",
                    url=url,
                )
            # a site may set a cookie and send us back once; a repeat without one is a loop
            if target in seen and "set-cookie" not in hop.headers:
                raise FetchError(FetchErrorKind.REDIRECTS, f"redirect loop at {target}", url=url)
            seen.add(target)
            current = target

    def _check_destination(self, url: str, guarded: bool) -> None:
        problem = destination_problem(url, self.policy) if guarded else url_problem(url)
        if problem:
            raise FetchError(FetchErrorKind.BLOCKED, problem, url=url)

    def _host_slot(self, host: str) -> asyncio.Semaphore:
        slot = self._host_slots.get(host)
        if slot is None:
            slot = self._host_slots[host] = asyncio.Semaphore(self.polling.per_host)
        return slot

    async def _request(
        self, client: httpx.AsyncClient, url: str, headers: dict[str, str], max_size: int
    ) -> _Hop:
        """One GET; the body is read (decompressed, size-checked) only for 2xx answers."""
        try:
            async with client.stream("GET", http_url(url), headers=headers) as answer:
                hop_headers = {k.lower(): v for k, v in answer.headers.items()}
                if not 200 <= answer.status_code < 300:
                    return _Hop(answer.status_code, hop_headers, b"")
                body = await _read_limited(answer, max_size, url)
                return _Hop(answer.status_code, hop_headers, body)
        except FetchError:
            raise
        except (
            httpx.HTTPError,
            httpx.InvalidURL,
            aiohttp.ClientError,
            # h2 can raise its own errors on a bad frame read with the body, unwrapped
            h2.exceptions.H2Error,
            OSError,
            ValueError,
        ) as exc:
            kind, message = classify(exc)
            raise FetchError(kind, message, url=url) from exc


async def _read_limited(answer: httpx.Response, max_size: int, url: str) -> bytes:
    """The decompressed body, refusing it as soon as it passes `max_size` (gzip bombs included)."""
    declared = answer.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_size and "content-encoding" not in answer.headers:
        raise FetchError(
            FetchErrorKind.TOO_LARGE,
            f"body of {int(declared)} bytes exceeds the {max_size} byte limit",
            url=url,
        )
    body = bytearray()
    async for chunk in answer.aiter_bytes():
        body += chunk
        if len(body) > max_size:
            raise FetchError(
                FetchErrorKind.TOO_LARGE,
                f"body exceeds the {max_size} byte limit (after decompression)",
                url=url,
            )
    return bytes(body)


def _raise_for_status(hop: _Hop, url: str) -> None:
    if hop.status < 300 or hop.status == 304:
        return
    if hop.status == 410:
        raise FetchError(
            FetchErrorKind.GONE, "410 Gone: the resource was removed", url=url, status=410
        )
    raise FetchError(
        FetchErrorKind.HTTP_STATUS,
        f"HTTP {hop.status}",
        url=url,
        status=hop.status,
        retry_after=parse_retry_after(hop.headers.get("retry-after")),
    )


def classify(exc: BaseException) -> tuple[FetchErrorKind, str]:
    """The FetchErrorKind and a one-line message for an exception raised by a download."""
    chain = list(exception_chain(exc))

    def find(*types: type[BaseException]) -> BaseException | None:
        return next((e for e in chain if isinstance(e, types)), None)

    # most specific first: the transport re-raises aiohttp's errors under loose httpx names
    # (a refused connection arrives as httpx.ConnectTimeout), so the causes decide; httpcore
    # (https://) wraps the same OSError/ssl causes in httpx.ConnectError
    if e := find(BlockedAddressError):
        return FetchErrorKind.BLOCKED, str(e)
    if e := find(aiohttp.ClientConnectorDNSError, socket.gaierror):
        return FetchErrorKind.DNS, f"cannot resolve host: {_os_error(e)}"
    if e := find(aiohttp.ClientConnectorCertificateError, ssl.SSLCertVerificationError):
        return FetchErrorKind.TLS, f"certificate rejected: {_os_error(e)}"
    if e := find(aiohttp.ClientSSLError, ssl.SSLError):
        return FetchErrorKind.TLS, f"TLS failure: {_os_error(e)}"
    if e := find(aiohttp.ClientConnectorError):
        return FetchErrorKind.CONNECT, f"cannot connect: {_os_error(e)}"
    if e := find(aiohttp.InvalidURL, httpx.UnsupportedProtocol, httpx.InvalidURL):
        return FetchErrorKind.BLOCKED, f"unusable URL: {e}"
    if e := find(httpx.DecodingError):
        return FetchErrorKind.MALFORMED, f"undecodable body: {e}"
    if e := find(aiohttp.ClientResponseError):
        # aiohttp's parser rejected the answer: bad status line, oversized headers...
        return FetchErrorKind.MALFORMED, f"not a valid HTTP answer: {_first_line(e)}"
    if e := find(h11.RemoteProtocolError, h2.exceptions.ProtocolError):
        # h11/h2 refused what the server sent; a plain disconnect or reset stays CONNECT below
        return FetchErrorKind.MALFORMED, f"not a valid HTTP answer: {_first_line(e)}"
    if e := find(aiohttp.ServerTimeoutError, TimeoutError):
        return FetchErrorKind.TIMEOUT, f"timed out: {e}"
    if e := find(httpcore.ConnectError):
        return FetchErrorKind.CONNECT, f"cannot connect: {chain[-1]}"
    if isinstance(exc, httpx.TransportError | aiohttp.ClientError | OSError):
        return FetchErrorKind.CONNECT, f"connection failed: {exc or type(exc).__name__}"
    return FetchErrorKind.OTHER, f"{type(exc).__name__}: {exc}"


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "message", exc)).strip().split("\n")[0][:200]


def _os_error(exc: BaseException) -> str:
    inner = getattr(exc, "os_error", None) or getattr(exc, "certificate_error", None)
    return str(inner or exc)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": a date in UTC with no source zone
        when = when.replace(tzinfo=UTC)
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def backoff_delay(
    failures: int,
    interval: float,
    retry_after: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Seconds until the next poll after `failures` consecutive failures.

    Full jitter between the normal interval and an exponential ceiling (interval * 2^failures,
    capped at 24 h), so failing feeds spread out instead of retrying in lockstep; never less
    than a server's Retry-After (itself capped at 7 days).
    """
    floor = max(retry_after, 0.0) if retry_after is not None else 0.0
    floor = min(floor, RETRY_AFTER_CAP)
    if failures <= 0:
        return max(interval, floor)
    ceiling = max(interval, min(BACKOFF_CAP, interval * 2.0 ** min(failures, 60)))
    delay = (rng or random).uniform(interval, ceiling)
    return max(delay, floor)

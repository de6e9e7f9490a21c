"""SSRF guard: article links come from feeds, i.e. from strangers, so they must not reach inside.

What the advisories of other feed readers teach (and what this module does about it):

- Miniflux (GHSA-xwh2-742g-w3wp, PRs #3947, #4087, #4090): fetching attacker-chosen URLs from
  feed content reached localhost, RFC 1918 and 169.254.169.254. The fix that holds is checking
  the address *at connect time* (a custom dialer), which also defeats DNS rebinding; an
  operator switch (FETCHER_ALLOW_PRIVATE_NETWORKS) keeps self-hosted setups working. Here:
  GuardedResolver vets every resolved address inside aiohttp's connector (http://),
  ResolvingBackend does the same inside httpcore's pool (https://, HTTP/2), and
  `allow_private_networks` is the switch.
- FreshRSS 1.30 (#8400, #9215, #9272): blocks local networks by default, allows named internal
  hosts (INTERNAL_HOST_ALLOWLIST), refuses non-http(s) schemes. Here: `allow_hosts` and the
  scheme check in url_problem().
- Tiny Tiny RSS (GHSA-pfj9-qgh4-9wmq, PR #409): the private-IP check was bypassed by
  alternative IPv4 spellings (decimal, octal, hex, short forms) that the resolver happily turns
  into 127.0.0.1. Here: literal hosts are parsed the way inet_aton does (parse_ip_literal) and
  every resolved address is checked anyway.
- changedetection.io (issue #3789) and fastladder/stringer: redirects were followed without
  re-checking the target, and redirect targets were stored as the new feed URL. Here: the
  fetcher follows redirects itself and checks each hop; url_allowed() vets a target before the
  pipeline stores it.
- Also from the same reports: IPv4-mapped/compatible IPv6, 6to4, NAT64 and Teredo can wrap a
  private IPv4 address; 0.0.0.0, multicast and CGNAT 100.64.0.0/10 are not "public" either;
  userinfo (http://a@b) and backslashes make URL parsers disagree about the host.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import httpcore
import httpx
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from httpcore import AsyncNetworkBackend, AsyncNetworkStream

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
# one inet_aton component: decimal, 0-prefixed octal or 0x-prefixed hex
_AT_PART = re.compile(r"^(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$", re.IGNORECASE)
_UNSAFE_CHARS = re.compile(r"[\\\x00-\x20\x7f]")


class BlockedAddressError(OSError):
    """A host resolved to an address the guard refuses (raised inside the connector)."""

    def __init__(self, host: str, address: str) -> None:
        self.host = host
        self.address = address
        super().__init__(f"{host} resolves to non-public address {address}")


@dataclass(frozen=True)
class NetPolicy:
    """Which destinations a guarded request may reach."""

    allow_private_networks: bool = False
    allow_hosts: frozenset[str] = frozenset()  # lower-case host names exempt from the guard

    def exempt(self, host: str) -> bool:
        """True when `host` skips the address check (guard off, or host named by the operator)."""
        return self.allow_private_networks or _norm_host(host) in self.allow_hosts


def _norm_host(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string denotes by itself, in any spelling a resolver accepts, or None.

    Catches 2130706433, 0177.0.0.1, 0x7f.1, 127.1 and [::ffff:127.0.0.1] as well as the
    dotted-quad and IPv6 forms.
    """
    text = host.strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    return _inet_aton(text)


def _inet_aton(text: str) -> ipaddress.IPv4Address | None:
    # the BSD/glibc rules: 1 to 4 parts, the last one fills the remaining bytes
    parts = text.split(".")
    if not 1 <= len(parts) <= 4 or not all(_AT_PART.match(p) for p in parts):
        return None
    values = []
    for p in parts:
        if p[:2].lower() == "0x":
            values.append(int(p[2:], 16))
        elif len(p) > 1 and p[0] == "0":
            values.append(int(p, 8))
        else:
            values.append(int(p))
    *head, last = values
    if any(v > 255 for v in head) or last >= 1 << (8 * (4 - len(head))):
        return None
    number = 0
    for v in head:
        number = number << 8 | v
    number = number << (8 * (4 - len(head))) | last
    return ipaddress.IPv4Address(number)


def ip_is_public(ip: IPAddress) -> bool:
    """True only for globally routable unicast addresses, looking inside IPv6 wrappers of IPv4."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id or ip.is_site_local:
            return False
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return ip_is_public(embedded)
    elif ip in _CGNAT:
        return False
    # is_global alone lets multicast through, so each class is spelled out
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, compatible, 6to4, NAT64, Teredo)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]  # the client address; Teredo is refused by is_global anyway
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def url_problem(url: str) -> str | None:
    """Why `url` must not be fetched at all (scheme, credentials, odd characters), or None."""
    if _UNSAFE_CHARS.search(url):
        return "URL contains a backslash, space or control character"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"malformed URL: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http or https"
    if "@" in parts.netloc:
        return "URL carries user credentials"
    if not parts.hostname:
        return "URL has no host"
    if port == 0:
        return "URL has port 0"
    return None


def literal_problem(host: str, policy: NetPolicy) -> str | None:
    """Why a host written as an address (any spelling) is refused, or None.

    Needed because aiohttp does not consult the resolver for IP-literal hosts.
    """
    if policy.exempt(host):
        return None
    ip = parse_ip_literal(host)
    if ip is not None and not ip_is_public(ip):
        return f"{host} is the non-public address {ip}"
    return None


@lru_cache(maxsize=8192)  # feeds and pages are asked for again and again (a parse: 20 µs)
def http_url(url: str) -> httpx.URL:
    """httpx's parse of `url`: what the guard judges and what the request is sent to."""
    return httpx.URL(url)


def connect_host(url: str) -> str:
    """The host a request to `url` really goes to, as httpx normalises it ('' if unusable).

    Not urlsplit's: httpx maps full-width and ideographic dots (127。0。0。1) and IDNA names
    before connecting, and the guard must judge what is connected to.
    """
    try:
        return http_url(url).host.lower()
    except (httpx.InvalidURL, ValueError, UnicodeError):
        return ""


def destination_problem(url: str, policy: NetPolicy) -> str | None:
    """Everything that can be said about `url` before resolving its host."""
    problem = url_problem(url)
    if problem:
        return problem
    host = connect_host(url)
    if not host:
        return "URL has no usable host"
    return literal_problem(host, policy)


def vet_addresses(host: str, addresses: Iterable[str], policy: NetPolicy) -> None:
    """Raise BlockedAddressError unless `host` may be reached at every one of `addresses`."""
    if policy.exempt(host):
        return
    for address in addresses:
        if not ip_is_public(ipaddress.ip_address(address)):
            # one bad address taints the name: a mixed answer is a rebinding trick
            raise BlockedAddressError(host, address)


class GuardedResolver(AbstractResolver):
    """Wraps aiohttp's default resolver and refuses hosts that resolve to non-public addresses.

    Checking here, at connect time, covers DNS rebinding and every redirect hop.
    """

    def __init__(self, policy: NetPolicy, inner: AbstractResolver | None = None) -> None:
        self.policy = policy
        self._inner = inner or DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        vet_addresses(host, [r["host"] for r in results], self.policy)
        return results

    async def close(self) -> None:
        await self._inner.close()


async def host_is_allowed(
    host: str, port: int, policy: NetPolicy, resolver: AbstractResolver
) -> bool:
    """Resolve `host` and say whether every address it has may be reached under `policy`."""
    if policy.exempt(host):
        return True
    try:
        addresses = await resolve_addresses(host, port, resolver)
        vet_addresses(host, addresses, policy)
    except (OSError, UnicodeError):  # BlockedAddressError is an OSError
        return False  # a refused address, or a name that does not resolve
    return bool(addresses)


async def resolve_addresses(host: str, port: int, resolver: AbstractResolver) -> list[str]:
    """The addresses `host` is dialled at: itself if an IP literal in any spelling (0x7f.1
    reaches getaddrinfo as a "name"), else what `resolver` answers for it."""
    ip = parse_ip_literal(host)
    if ip is not None:
        return [str(ip)]
    results = await resolver.resolve(host, port, family=socket.AF_UNSPEC)
    return [r["host"] for r in results]


class ResolvingBackend(AsyncNetworkBackend):
    """httpcore's dialer for the https:// (HTTP/2) pools: our resolver, then the guard, then TCP.

    With a policy it is the connect-time check GuardedResolver is for aiohttp: the address
    vetted is the address connected to, so DNS rebinding cannot slip between the two. TLS still
    names the host: httpcore hands the URL's host to start_tls as server_hostname, so SNI and
    the certificate check are those of the name, not of the IP dialled here.
    """

    def __init__(
        self,
        resolver: AbstractResolver,
        policy: NetPolicy | None = None,
        inner: AsyncNetworkBackend | None = None,
    ) -> None:
        self._resolver = resolver
        self._policy = policy  # None: unguarded (operator-configured URLs)
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> AsyncNetworkStream:
        try:
            addresses = await self._addresses(host, port)
        except OSError as exc:  # gaierror, BlockedAddressError: classify() reads the cause
            raise httpcore.ConnectError(str(exc)) from exc
        failure: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:  # in the resolver's order, as aiohttp's connector does
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure

    async def _addresses(self, host: str, port: int) -> list[str]:
        found = await resolve_addresses(host, port, self._resolver)
        if self._policy is not None:
            vet_addresses(host, found, self._policy)
        return found

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not dialled")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)

"""The SSRF guard's decisions: which URLs and addresses a link from a feed may reach."""

from __future__ import annotations

import ipaddress
import socket

import httpcore
import pytest

from monitor.netguard import (
    BlockedAddressError,
    GuardedResolver,
    NetPolicy,
    ResolvingBackend,
    destination_problem,
    host_is_allowed,
    ip_is_public,
    parse_ip_literal,
    url_problem,
)
from tests.support.dns import StaticResolver

GUARDED = NetPolicy()


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),  # decimal
        ("0177.0.0.1", "127.0.0.1"),  # octal
        ("0x7f.1", "127.0.0.1"),  # hex, short form
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("::ffff:7f00:1", "::ffff:7f00:1"),
        ("010.0.0.1", "8.0.0.1"),  # a leading zero means octal, as the C resolver reads it
    ],
)
def test_alternative_ip_spellings_are_read_as_the_resolver_reads_them(spelling, address):
    assert parse_ip_literal(spelling) == ipaddress.ip_address(address)


@pytest.mark.parametrize("name", ["example.com", "1.2.3.4.5", "256.1.1.1", "0x", "news.test"])
def test_host_names_are_not_mistaken_for_addresses(name):
    assert parse_ip_literal(name) is None


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # CGNAT
        "0.0.0.0",
        "224.0.0.1",  # multicast
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "::127.0.0.1",  # IPv4-compatible
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a00:1::",  # 6to4 of 10.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    ],
)
def test_non_public_addresses_are_refused(address):
    assert not ip_is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "2002:808:808::", "64:ff9b::808:808"]
)
def test_public_addresses_are_allowed(address):
    assert ip_is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://example.com/",
        "ftp://example.com/x",
        "javascript:alert(1)",
        "http://user:pass@example.com/",
        "http://127.0.0.1:80@example.com/",
        "http://example.com\\@127.0.0.1/",
        "http:\\\\127.0.0.1\\",
        "http:///path-only",
        "http://exa mple.com/",
        "http://example.com:99999/",
        "http://example.com/\x00",
    ],
)
def test_malformed_or_dangerous_urls_are_refused_before_any_connection(url):
    assert url_problem(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://0x7f.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/",
        "http://127\u30020\u30020\u30021/",  # ideographic full stops, which httpx maps to dots
        "http://127\uff0e0\uff0e0\uff0e1/",  # full-width full stops
    ],
)
def test_links_written_as_private_addresses_are_refused(url):
    assert destination_problem(url, GUARDED) is not None
    allowed = destination_problem(url, NetPolicy(allow_private_networks=True))
    # with private networks allowed only a URL httpx itself refuses (octal) stays unusable
    assert allowed is None or allowed == "URL has no usable host"
    assert (allowed is None) == (url != "http://0177.0.0.1/")


def test_allow_hosts_exempts_only_the_named_hosts():
    policy = NetPolicy(allow_hosts=frozenset({"127.0.0.1", "intranet.test"}))
    assert destination_problem("http://127.0.0.1/x", policy) is None
    assert destination_problem("http://10.0.0.1/x", policy) is not None
    assert policy.exempt("INTRANET.test.")
    assert not policy.exempt("other.test")


async def test_resolver_refuses_a_name_pointing_inside():
    resolver = GuardedResolver(GUARDED, StaticResolver({"evil.test": "10.0.0.5"}))
    with pytest.raises(BlockedAddressError):
        await resolver.resolve("evil.test", 80)


async def test_resolver_refuses_a_mixed_answer():
    # a public and a private address together is the classic rebinding set-up
    resolver = GuardedResolver(GUARDED, StaticResolver({"mixed.test": ["93.184.216.34", "::1"]}))
    with pytest.raises(BlockedAddressError):
        await resolver.resolve("mixed.test", 80)


async def test_resolver_passes_public_names_and_exempt_hosts():
    dns = StaticResolver({"news.test": "93.184.216.34", "intranet.test": "10.0.0.5"})
    resolver = GuardedResolver(NetPolicy(allow_hosts=frozenset({"intranet.test"})), dns)
    assert [r["host"] for r in await resolver.resolve("news.test", 80)] == ["93.184.216.34"]
    assert [r["host"] for r in await resolver.resolve("intranet.test", 80)] == ["10.0.0.5"]


async def test_host_check_resolves_names_and_reads_literals():
    dns = StaticResolver({"news.test": "93.184.216.34", "inside.test": "192.168.0.7"})
    assert await host_is_allowed("news.test", 80, GUARDED, dns)
    assert not await host_is_allowed("inside.test", 80, GUARDED, dns)
    assert not await host_is_allowed("unknown.test", 80, GUARDED, dns)
    assert not await host_is_allowed("0x7f.1", 80, GUARDED, dns)
    assert await host_is_allowed("8.8.8.8", 80, GUARDED, dns)
    assert await host_is_allowed("inside.test", 80, NetPolicy(allow_private_networks=True), dns)
    assert dns.lookups == ["news.test", "inside.test", "unknown.test"]


@pytest.mark.parametrize("host", ["intranet.test", "127.0.0.1", "0x7f.1", "::ffff:127.0.0.1"])
async def test_resolving_backend_refuses_to_dial_a_private_address(host):
    # the https:// pools dial through this: the address vetted is the address connected to
    dns = StaticResolver({"intranet.test": "127.0.0.1"})
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        with pytest.raises(httpcore.ConnectError) as info:
            await ResolvingBackend(dns, GUARDED).connect_tcp(host, port)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nothing ever knocked
    assert isinstance(info.value.__cause__, BlockedAddressError)


async def test_resolving_backend_dials_what_the_policy_allows():
    dns = StaticResolver({"intranet.test": "127.0.0.1"})
    named = NetPolicy(allow_hosts=frozenset({"intranet.test"}))
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        for backend in (ResolvingBackend(dns), ResolvingBackend(dns, named)):
            stream = await backend.connect_tcp("intranet.test", port)
            await stream.aclose()
        with pytest.raises(httpcore.ConnectError) as info:
            await ResolvingBackend(dns).connect_tcp("unknown.test", port)
    assert isinstance(info.value.__cause__, socket.gaierror)

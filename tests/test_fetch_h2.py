"""The https:// path against a real HTTP/2 server (hypercorn, trustme certificate) on 127.0.0.1.

What the server says decides: it reports the HTTP version each request came in on and which
connection carried it.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from monitor import USER_AGENT
from monitor.alert import send_webhook
from monitor.errors import DeliveryError, FetchErrorKind
from monitor.fetch import Fetcher
from monitor.netguard import ResolvingBackend
from monitor.transport import https_transport
from tests.support.dns import StaticResolver
from tests.support.tlsserver import TlsFiles, TlsServer, tls_files, tls_server
from tests.support_alert import sample_alert, webhook_channel
from tests.test_end_to_end import RAID, page
from tests.test_fetch import FEED, MB, fetch_error, polling, scraping

__all__ = ["tls_files", "tls_server"]  # the fixtures, imported for pytest

# every made-up name the certificate covers points at the loopback server
DNS = {"news.test": "127.0.0.1", "feeds.test": "127.0.0.1", "intranet.test": "127.0.0.1"}


def fetcher(tls: TlsFiles, *, resolver: StaticResolver | None = None, **options: object) -> Fetcher:
    poll = {k: v for k, v in options.items() if k != "allow_private_networks"}
    scrape = {k: v for k, v in options.items() if k == "allow_private_networks"}
    return Fetcher(
        polling(**poll),
        scraping(**scrape),
        resolver=resolver or StaticResolver(DNS),
        ssl_context=tls.client_context(),
    )


# -- feeds over HTTP/2 ------------------------------------------------------------------------


async def test_https_feed_is_served_over_http2(tls_server, tls_files):
    tls_server.route("/feed.xml", FEED, content_type="application/rss+xml")
    async with fetcher(tls_files) as f:
        response = await f.fetch_feed(tls_server.url("/feed.xml", "news.test"))
    assert response.status == 200 and response.body == FEED
    assert response.content_type == "application/rss+xml"
    (request,) = tls_server.requests_for("/feed.xml")
    assert request.http_version == "2"
    assert request.headers["user-agent"] == USER_AGENT


async def test_conditional_get_over_http2_gets_304(tls_server, tls_files):
    tls_server.route("/feed.xml", FEED, etag=True, last_modified=True)
    url = tls_server.url("/feed.xml")
    async with fetcher(tls_files) as f:
        first = await f.fetch_feed(url)
        again = await f.fetch_feed(
            url, etag=first.headers["etag"], last_modified=first.headers["last-modified"]
        )
    assert again.status == 304 and again.not_modified and again.body == b""
    sent = tls_server.requests_for("/feed.xml")[-1]
    assert sent.http_version == "2" and sent.headers["if-none-match"] == first.headers["etag"]


async def test_redirects_are_followed_hop_by_hop_over_http2(tls_server, tls_files):
    tls_server.route("/new.xml", FEED)
    tls_server.route("/old.xml", status=301, headers={"Location": "/new.xml"})
    async with fetcher(tls_files) as f:
        response = await f.fetch_feed(tls_server.url("/old.xml"))
    assert response.body == FEED
    assert response.redirects == ((301, tls_server.url("/new.xml")),)
    assert tls_server.connections() == 1


async def test_size_limit_cuts_a_huge_body_and_the_connection_lives_on(tls_server, tls_files):
    tls_server.route("/huge", stream_size=50 * MB)
    tls_server.route("/feed.xml", FEED)
    async with fetcher(tls_files, max_size=1 * MB) as f:
        started = time.monotonic()
        error = await fetch_error(f.fetch_feed(tls_server.url("/huge")))
        elapsed = time.monotonic() - started
        after = await f.fetch_feed(tls_server.url("/feed.xml"))
    assert error.kind is FetchErrorKind.TOO_LARGE
    assert elapsed < 2
    # only the stream was reset: the next request rides the same h2 connection
    assert after.body == FEED and tls_server.connections() == 1


async def test_declared_oversize_body_is_refused_over_http2(tls_server, tls_files):
    tls_server.route("/big", b"x" * 10_000)
    async with fetcher(tls_files, max_size=1000) as f:
        error = await fetch_error(f.fetch_feed(tls_server.url("/big")))
    assert error.kind is FetchErrorKind.TOO_LARGE and "10000" in error.message


async def test_slow_http2_answer_times_out_on_the_wall_clock(tls_server, tls_files):
    tls_server.route("/slow", FEED, delay=5)
    tls_server.route("/feed.xml", FEED)
    async with fetcher(tls_files, timeout=0.5) as f:
        started = time.monotonic()
        error = await fetch_error(f.fetch_feed(tls_server.url("/slow")))
        elapsed = time.monotonic() - started
        # the cancelled stream must not leave the shared connection unusable
        after = await f.fetch_feed(tls_server.url("/feed.xml"))
    assert error.kind is FetchErrorKind.TIMEOUT
    assert elapsed < 1.5
    assert after.body == FEED


async def test_body_trickling_past_the_deadline_times_out_over_http2(tls_server, tls_files):
    tls_server.route("/drip", stream_size=2 * MB, drip=0.05)
    async with fetcher(tls_files, timeout=0.5) as f:
        error = await fetch_error(f.fetch_feed(tls_server.url("/drip")))
    assert error.kind is FetchErrorKind.TIMEOUT


async def test_https_server_offering_only_http11_still_works(tls_files):
    with TlsServer(tls_files, http2=False) as server:
        server.route("/feed.xml", FEED, etag=True)
        async with fetcher(tls_files) as f:
            first = await f.fetch_feed(server.url("/feed.xml"))
            again = await f.fetch_feed(server.url("/feed.xml"), etag=first.headers["etag"])
            many = await asyncio.gather(
                *(f.fetch_feed(server.url(f"/feed.xml?n={i}")) for i in range(6))
            )
    assert first.body == FEED and again.status == 304
    assert all(r.body == FEED for r in many)
    assert {r.http_version for r in server.requests_for("/feed.xml")} == {"1.1"}


async def test_feeds_of_one_host_share_one_http2_connection(tls_server, tls_files):
    tls_server.route("/feed", FEED, delay=0.05)
    async with fetcher(tls_files, per_host=4) as f:
        urls = [tls_server.url(f"/feed?n={i}", "feeds.test") for i in range(20)]
        answers = await asyncio.gather(*(f.fetch_feed(u) for u in urls))
    assert all(a.body == FEED for a in answers)
    assert tls_server.connections() == 1
    assert {r.http_version for r in tls_server.requests_for("/feed")} == {"2"}


async def test_per_host_limit_holds_over_one_http2_connection(tls_server, tls_files):
    tls_server.route("/feed", FEED, delay=0.15)
    async with fetcher(tls_files, per_host=2, concurrency=50) as f:
        urls = [tls_server.url(f"/feed?n={i}") for i in range(8)]
        await asyncio.gather(*(f.fetch_feed(u) for u in urls))
    assert tls_server.peak == 2


async def test_global_limit_holds_across_https_hosts(tls_server, tls_files):
    tls_server.route("/feed", FEED, delay=0.15)
    hosts = ["news.test", "feeds.test", "intranet.test", "localhost", "127.0.0.1"]
    dns = StaticResolver({**DNS, "localhost": "127.0.0.1"})
    async with fetcher(tls_files, resolver=dns, per_host=4, concurrency=3) as f:
        urls = [tls_server.url("/feed", h) for h in hosts for _ in range(2)]
        await asyncio.gather(*(f.fetch_feed(u) for u in urls))
    assert tls_server.peak == 3


async def test_webhook_posts_over_http2(tls_server, tls_files):
    tls_server.route("/hook", status=204)
    async with fetcher(tls_files) as f:
        channel = webhook_channel(tls_server.url("/hook", "news.test"))
        await send_webhook(f.client, channel, sample_alert(), "dlv-h2")
    (hook,) = tls_server.requests_for("/hook")
    assert hook.method == "POST" and hook.http_version == "2"
    assert json.loads(hook.body)["title"] == sample_alert().title
    assert hook.headers["webhook-id"] == "dlv-h2"


async def test_webhook_failures_over_https_read_as_before(tls_server, tls_files):
    tls_server.route("/hook", status=204)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    async with Fetcher(polling(), scraping()) as f:  # the system store: the test CA unknown
        with pytest.raises(DeliveryError) as untrusted:
            await send_webhook(
                f.client, webhook_channel(tls_server.url("/hook")), sample_alert(), "d-1"
            )
        with pytest.raises(DeliveryError) as refused:
            await send_webhook(
                f.client, webhook_channel(f"https://127.0.0.1:{closed}/hook"), sample_alert(), "d-2"
            )
    assert "TLS failure: certificate not trusted" in str(untrusted.value)
    assert "connection refused" in str(refused.value)
    assert tls_server.hits("/hook") == 0


# -- TLS failures -----------------------------------------------------------------------------


async def test_untrusted_certificate_is_reported_as_tls(tls_server):
    tls_server.route("/feed.xml", FEED)
    # the system trust store, which has never heard of the test CA
    async with Fetcher(polling(), scraping()) as f:
        error = await fetch_error(f.fetch_feed(tls_server.url("/feed.xml")))
    assert error.kind is FetchErrorKind.TLS
    assert "certificate" in error.message
    assert tls_server.hits("/feed.xml") == 0


async def test_certificate_is_checked_against_the_name_not_the_dialled_address(
    tls_server, tls_files
):
    # both names are dialled at 127.0.0.1; only news.test is on the certificate
    tls_server.route("/feed.xml", FEED)
    dns = StaticResolver({**DNS, "impostor.test": "127.0.0.1"})
    async with fetcher(tls_files, resolver=dns) as f:
        good = await f.fetch_feed(tls_server.url("/feed.xml", "news.test"))
        error = await fetch_error(f.fetch_feed(tls_server.url("/feed.xml", "impostor.test")))
    assert good.body == FEED
    assert error.kind is FetchErrorKind.TLS and "impostor.test" in error.message


@pytest.mark.parametrize(
    ("alpn", "answer"),
    [
        # an empty SETTINGS frame, then a DATA frame on stream 0: a protocol violation
        ("h2", b"\x00\x00\x00\x04\x00\x00\x00\x00\x00" + b"\x00" * 9),
        ("http/1.1", b"garbage\r\n\r\n"),
    ],
    ids=["h2", "http/1.1"],
)
async def test_garbage_after_the_tls_handshake_is_malformed(tls_files, alpn, answer):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tls_files.cert_file, tls_files.key_file)
    context.set_alpn_protocols([alpn])
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def reply_once() -> None:
            conn, _ = listener.accept()
            with context.wrap_socket(conn, server_side=True) as tls:
                tls.recv(65536)
                tls.sendall(answer)
                time.sleep(0.3)

        thread = threading.Thread(target=reply_once, daemon=True)
        thread.start()
        url = f"https://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
        async with fetcher(tls_files) as f:
            error = await fetch_error(f.fetch_feed(url))
        thread.join(2)
    assert error.kind is FetchErrorKind.MALFORMED


async def test_refused_https_connection_and_unknown_host_are_told_apart(tls_files):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with fetcher(tls_files, resolver=StaticResolver({})) as f:
        refused = await fetch_error(f.fetch_feed(f"https://127.0.0.1:{port}/"))
        unknown = await fetch_error(f.fetch_feed("https://no-such-host.test/"))
    assert refused.kind is FetchErrorKind.CONNECT
    assert unknown.kind is FetchErrorKind.DNS


# -- the SSRF guard on https article links ------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "intranet.test", "localhost"])
async def test_https_article_link_to_loopback_is_blocked(tls_server, tls_files, host):
    tls_server.route("/secret", "internal")
    dns = StaticResolver({**DNS, "localhost": "127.0.0.1"})
    async with fetcher(tls_files, resolver=dns) as f:
        error = await fetch_error(f.fetch_page(tls_server.url("/secret", host)))
    assert error.kind is FetchErrorKind.BLOCKED
    assert "127.0.0.1" in error.message
    assert tls_server.hits("/secret") == 0


async def test_https_article_links_are_fetched_when_private_networks_are_allowed(
    tls_server, tls_files
):
    tls_server.route("/story", "<html>story</html>", content_type="text/html")
    async with fetcher(tls_files, allow_private_networks=True) as f:
        by_name = await f.fetch_page(tls_server.url("/story", "intranet.test"))
        by_address = await f.fetch_page(tls_server.url("/story"))
    assert by_name.body == by_address.body == b"<html>story</html>"
    assert [r.http_version for r in tls_server.requests_for("/story")] == ["2", "2"]


async def test_a_pooled_http2_feed_connection_is_not_reused_for_a_link(tls_server, tls_files):
    tls_server.route("/feed.xml", FEED)
    tls_server.route("/secret", "internal")
    async with fetcher(tls_files) as f:
        await f.fetch_feed(tls_server.url("/feed.xml", "intranet.test"))  # h2 connection open
        error = await fetch_error(f.fetch_page(tls_server.url("/secret", "intranet.test")))
    assert error.kind is FetchErrorKind.BLOCKED
    assert tls_server.hits("/secret") == 0


async def test_dns_rebinding_is_caught_at_connect_time_over_https(tls_server, tls_files):
    tls_server.route("/secret", "internal")
    dns = StaticResolver({"news.test": [["93.184.216.34"], ["127.0.0.1"]]})
    async with fetcher(tls_files, resolver=dns) as f:
        url = tls_server.url("/secret", "news.test")
        assert await f.url_allowed(url)
        error = await fetch_error(f.fetch_page(url))
    assert error.kind is FetchErrorKind.BLOCKED
    assert tls_server.hits("/secret") == 0


async def test_a_feed_redirected_over_https_to_another_host_is_guarded(tls_server, tls_files):
    tls_server.route("/secret", FEED)
    tls_server.route(
        "/feed.xml", status=302, headers={"Location": tls_server.url("/secret", "intranet.test")}
    )
    async with fetcher(tls_files) as f:
        error = await fetch_error(f.fetch_feed(tls_server.url("/feed.xml", "news.test")))
    assert error.kind is FetchErrorKind.BLOCKED
    assert tls_server.hits("/secret") == 0


# -- end to end ---------------------------------------------------------------------------------


def test_once_polls_an_https_feed_over_http2_and_alerts_over_it(tmp_path: Path, tls_files):
    with TlsServer(tls_files) as server:
        base = server.url("", "localhost")
        server.route(
            "/rss.xml",
            "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
            f"<link>{base}/</link><description>d</description><item><guid>raid-1</guid>"
            "<title>Helicopter raid near Turkish border kills two</title>"
            f"<link>{base}/wire/raid</link><description>{RAID[0]}</description></item>"
            "</channel></rss>",
            content_type="application/rss+xml",
            etag=True,
        )
        server.route(
            "/wire/raid",
            page("Helicopter raid near Turkish border kills two", RAID),
            content_type="text/html; charset=utf-8",
        )
        server.route("/hook", status=204)
        config = tmp_path / "monitor.toml"
        config.write_text(
            f"""
[storage]
path = "data/monitor.db"
[polling]
timeout = "10s"
[scraping]
allow_private_networks = true
[[feeds]]
name = "Wire over h2"
url = "{base}/rss.xml"
[[alerts.webhook]]
url = "{base}/hook"
""",
            encoding="utf-8",
        )
        # the daemon trusts the system store; OpenSSL's SSL_CERT_FILE points it at the test CA
        env = {**os.environ, "SSL_CERT_FILE": str(tls_files.ca_file)}
        done = subprocess.run(
            [sys.executable, "-m", "monitor", "--config", str(config), "once"],
            capture_output=True,
            text=True,
            timeout=90,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        hooks = [r for r in server.requests_for("/hook") if r.method == "POST"]
        seen = {
            path: [r.http_version for r in server.requests_for(path)]
            for path in ("/rss.xml", "/wire/raid", "/hook")
        }
    assert seen == {"/rss.xml": ["2"], "/wire/raid": ["2"], "/hook": ["2"]}
    assert [json.loads(h.body)["title"] for h in hooks] == [
        "Helicopter raid near Turkish border kills two"
    ]


# -- one pool per origin ------------------------------------------------------------------------


async def test_origin_pools_drop_only_pools_whose_connections_are_spent(tls_server, tls_files):
    tls_server.route("/feed.xml", FEED)
    tls_server.route("/slow.xml", FEED, delay=0.6)
    backend = ResolvingBackend(StaticResolver({**DNS, "localhost": "127.0.0.1"}))
    transport = https_transport(
        tls_files.client_context(), backend, per_origin=4, keep_pools=2, keepalive=0.2
    )
    async with httpx.AsyncClient(transport=transport) as client:
        busy = asyncio.create_task(client.get(tls_server.url("/slow.xml", "news.test")))
        assert (await client.get(tls_server.url("/feed.xml", "feeds.test"))).status_code == 200
        await asyncio.sleep(0.3)  # feeds.test's connection idles past its keep-alive
        assert len(transport) == 2
        # a third origin prunes: feeds.test goes, news.test is mid-answer and stays
        assert (await client.get(tls_server.url("/feed.xml", "localhost"))).status_code == 200
        assert len(transport) == 2
        assert (await busy).status_code == 200
        assert (await client.get(tls_server.url("/feed.xml", "news.test"))).status_code == 200

"""The fetch stage against a real loopback server: every fault a hostile or broken site can show."""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from monitor import USER_AGENT
from monitor.config import PollingConfig, ScrapingConfig
from monitor.errors import FetchError, FetchErrorKind
from monitor.fetch import Fetcher, backoff_delay, parse_retry_after
from tests.support.dns import StaticResolver
from tests.support.server import LoopbackServer, Request, Route, http_date, loopback_server

__all__ = ["loopback_server"]  # the fixture, imported for pytest

FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
MB = 1024 * 1024


def polling(**changes: object) -> PollingConfig:
    values: dict = dict(
        interval=600.0,
        timeout=2.0,
        max_size=5 * MB,
        concurrency=50,
        per_host=4,
        max_redirects=5,
        jitter=0.0,
    )
    values.update(changes)
    return PollingConfig(**values)


def scraping(**changes: object) -> ScrapingConfig:
    values: dict = dict(
        enabled=True,
        allow_private_networks=False,
        allow_hosts=(),
        store_text=True,
        max_size=5 * MB,
        timeout=2.0,
    )
    values.update(changes)
    return ScrapingConfig(**values)


async def fetch_error(coro) -> FetchError:
    with pytest.raises(FetchError) as info:
        await coro
    return info.value


# -- feeds: the happy path and conditional GET --------------------------------------------------


async def test_feed_is_downloaded_with_a_descriptive_user_agent(loopback_server):
    loopback_server.route("/feed.xml", FEED, content_type="application/rss+xml; charset=utf-8")
    async with Fetcher(polling(), scraping()) as fetcher:
        response = await fetcher.fetch_feed(loopback_server.url("/feed.xml"))
    assert response.status == 200
    assert response.body == FEED
    assert response.content_type == "application/rss+xml"
    assert response.final_url == response.url == loopback_server.url("/feed.xml")
    assert response.redirects == ()
    request = loopback_server.requests_for("/feed.xml")[0]
    assert request.headers["user-agent"] == USER_AGENT
    assert "application/rss+xml" in request.headers["accept"]
    assert "if-none-match" not in request.headers


async def test_conditional_get_gets_304_until_the_feed_changes(loopback_server):
    loopback_server.route("/feed.xml", FEED, etag=True, last_modified=True)
    url = loopback_server.url("/feed.xml")
    async with Fetcher(polling(), scraping()) as fetcher:
        first = await fetcher.fetch_feed(url)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        again = await fetcher.fetch_feed(url, etag=etag, last_modified=modified)
        assert again.status == 304 and again.not_modified and again.body == b""
        sent = loopback_server.requests_for("/feed.xml")[-1].headers
        assert sent["if-none-match"] == etag and sent["if-modified-since"] == modified

        loopback_server.set_body("/feed.xml", FEED.replace(b"<title>t", b"<title>new item"))
        changed = await fetcher.fetch_feed(url, etag=etag, last_modified=modified)
    assert changed.status == 200 and b"new item" in changed.body
    assert changed.headers["etag"] != etag


async def test_last_modified_alone_gives_304(loopback_server):
    loopback_server.route("/feed.xml", FEED, last_modified=http_date(time.time() - 3600))
    async with Fetcher(polling(), scraping()) as fetcher:
        response = await fetcher.fetch_feed(
            loopback_server.url("/feed.xml"), last_modified=http_date()
        )
    assert response.status == 304


async def test_gzip_encoded_body_arrives_decompressed(loopback_server):
    loopback_server.route("/feed.xml", FEED * 100, gzip=True)
    async with Fetcher(polling(), scraping()) as fetcher:
        response = await fetcher.fetch_feed(loopback_server.url("/feed.xml"))
    assert response.body == FEED * 100
    assert (
        loopback_server.requests_for("/feed.xml")[0].headers["accept-encoding"].startswith("gzip")
    )


# -- faults -----------------------------------------------------------------------------------


async def test_slow_server_times_out_on_the_wall_clock(loopback_server):
    loopback_server.route("/slow", FEED, delay=5)
    async with Fetcher(polling(timeout=0.5), scraping()) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/slow")))
    assert error.kind is FetchErrorKind.TIMEOUT
    assert time.monotonic() - started < 1.5


async def test_body_trickling_past_the_deadline_times_out(loopback_server):
    # every byte arrives quickly after the previous one: only a total deadline catches this
    loopback_server.route("/drip", b"x" * 20_000, drip=0.05)
    async with Fetcher(polling(timeout=0.5), scraping()) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/drip")))
    assert error.kind is FetchErrorKind.TIMEOUT
    assert time.monotonic() - started < 1.5


async def test_server_error_is_reported_with_its_status(loopback_server):
    loopback_server.route("/feed.xml", "oops", status=500)
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/feed.xml")))
    assert error.kind is FetchErrorKind.HTTP_STATUS
    assert error.status == 500
    assert error.retry_after is None


async def test_429_carries_retry_after_seconds(loopback_server):
    loopback_server.route("/feed.xml", status=429, headers={"Retry-After": "120"})
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/feed.xml")))
    assert (error.kind, error.status, error.retry_after) == (FetchErrorKind.HTTP_STATUS, 429, 120)


async def test_503_carries_retry_after_as_http_date(loopback_server):
    later = http_date(time.time() + 600)
    loopback_server.route("/feed.xml", status=503, headers={"Retry-After": later})
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/feed.xml")))
    assert error.status == 503
    assert error.retry_after is not None and 590 <= error.retry_after <= 600


async def test_410_means_gone(loopback_server):
    loopback_server.route("/feed.xml", "removed", status=410)
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/feed.xml")))
    assert error.kind is FetchErrorKind.GONE
    assert error.status == 410


async def test_50_mb_body_is_refused_early(loopback_server):
    loopback_server.route("/huge", stream_size=50 * MB)
    async with Fetcher(polling(max_size=5 * MB), scraping()) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/huge")))
    assert error.kind is FetchErrorKind.TOO_LARGE
    assert time.monotonic() - started < 2


async def test_declared_oversize_body_is_refused_without_reading_it(loopback_server):
    loopback_server.route("/big", b"x" * 10_000)
    async with Fetcher(polling(max_size=1000), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/big")))
    assert error.kind is FetchErrorKind.TOO_LARGE
    assert "10000" in error.message


def test_gzip_bomb_is_cut_off_early_with_little_memory():
    # 10 GB of zeros, about 10 MB of gzip on the wire; the client runs in a fresh process so
    # its peak RSS is its own
    client = textwrap.dedent(
        """
        import asyncio, json, resource, sys, time
        from monitor.config import PollingConfig, ScrapingConfig
        from monitor.errors import FetchError
        from monitor.fetch import Fetcher

        async def main():
            p = PollingConfig(interval=600, timeout=20, max_size=5 * 1024 * 1024,
                              concurrency=4, per_host=4, max_redirects=5, jitter=0)
            s = ScrapingConfig(enabled=False, allow_private_networks=False, allow_hosts=(),
                               store_text=False, max_size=5 * 1024 * 1024, timeout=20)
            started = time.monotonic()
            async with Fetcher(p, s) as fetcher:
                try:
                    await fetcher.fetch_feed(sys.argv[1])
                    kind = "none"
                except FetchError as exc:
                    kind = str(exc.kind)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            print(json.dumps({"kind": kind, "seconds": time.monotonic() - started,
                              "peak_rss": peak}))

        asyncio.run(main())
        """
    )
    with LoopbackServer() as server:
        server.route("/bomb.xml", gzip_bomb=10 * 1024**3, content_type="application/rss+xml")
        done = subprocess.run(
            [sys.executable, "-c", client, server.url("/bomb.xml")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["kind"] == "too_large"
    assert result["seconds"] < 3
    assert result["peak_rss"] < 200 * MB


async def test_a_cookie_set_before_a_redirect_is_sent_to_its_target(loopback_server):
    # a consent page: sets its cookie and redirects back; without it, the page loops
    loopback_server.route(
        "/consent",
        status=302,
        headers={"Location": "/story", "Set-Cookie": "consent=yes; Path=/"},
    )

    def story(request: Request) -> Route:
        if "consent=yes" in request.headers.get("cookie", ""):
            return Route(body=b"<html><body><p>The story.</p></body></html>")
        return Route(status=302, headers={"Location": "/consent"})

    loopback_server.route("/story", handler=story)
    async with Fetcher(polling(), scraping(allow_private_networks=True)) as fetcher:
        page = await fetcher.fetch_page(loopback_server.url("/story"))
    assert page.status == 200 and b"The story." in page.body
    assert [s for s, _ in page.redirects] == [302, 302]


async def test_redirect_loop_is_detected(loopback_server):
    loopback_server.redirect("/a", "/b")
    loopback_server.redirect("/b", "/a")
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/a")))
    assert error.kind is FetchErrorKind.REDIRECTS
    assert loopback_server.hits("/a") == 1 and loopback_server.hits("/b") == 1


async def test_too_many_redirects_are_refused(loopback_server):
    for i in range(10):
        loopback_server.redirect(f"/r{i}", f"/r{i + 1}")
    loopback_server.route("/r10", FEED)
    async with Fetcher(polling(max_redirects=3), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/r0")))
    assert error.kind is FetchErrorKind.REDIRECTS
    assert loopback_server.hits("/r4") == 0


async def test_permanent_redirect_is_followed_and_recorded(loopback_server):
    loopback_server.redirect("/old.xml", "/new.xml", status=301)
    loopback_server.route("/new.xml", FEED)
    async with Fetcher(polling(), scraping()) as fetcher:
        response = await fetcher.fetch_feed(loopback_server.url("/old.xml"))
    assert response.status == 200 and response.body == FEED
    assert response.url == loopback_server.url("/old.xml")
    assert response.final_url == loopback_server.url("/new.xml")
    assert response.redirects == ((301, loopback_server.url("/new.xml")),)


async def test_redirect_to_a_non_http_scheme_is_blocked(loopback_server):
    loopback_server.redirect("/feed.xml", "file:///etc/passwd")
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/feed.xml")))
    assert error.kind is FetchErrorKind.BLOCKED


async def test_malformed_redirect_target_is_blocked(loopback_server):
    loopback_server.redirect("/feed.xml", "http://[::1/broken")
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(loopback_server.url("/feed.xml")))
    assert error.kind is FetchErrorKind.BLOCKED


async def test_refused_connection_and_unknown_host_are_told_apart():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with Fetcher(polling(), scraping(), resolver=StaticResolver({})) as fetcher:
        refused = await fetch_error(fetcher.fetch_feed(f"http://127.0.0.1:{port}/"))
        unknown = await fetch_error(fetcher.fetch_feed("http://no-such-host.test/"))
    assert refused.kind is FetchErrorKind.CONNECT
    assert unknown.kind is FetchErrorKind.DNS


async def test_tls_failure_is_reported_as_tls(loopback_server):
    loopback_server.route("/feed.xml", FEED)
    url = loopback_server.url("/feed.xml").replace("http://", "https://")
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(url))
    assert error.kind is FetchErrorKind.TLS


@pytest.mark.parametrize(
    "answer",
    [
        b"garbage\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnot gzip!!",
    ],
)
async def test_answers_that_are_not_valid_http_are_malformed(answer):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def reply_once() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(answer)

        thread = threading.Thread(target=reply_once, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
        async with Fetcher(polling(), scraping()) as fetcher:
            error = await fetch_error(fetcher.fetch_feed(url))
        thread.join(2)
    assert error.kind is FetchErrorKind.MALFORMED


# -- the SSRF guard on article links ----------------------------------------------------------


async def test_feeds_are_operator_urls_and_may_be_local(loopback_server):
    loopback_server.route("/feed.xml", FEED)
    async with Fetcher(polling(), scraping(allow_private_networks=False)) as fetcher:
        response = await fetcher.fetch_feed(loopback_server.url("/feed.xml"))
    assert response.status == 200


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "[::ffff:127.0.0.1]"]
)
async def test_article_link_to_a_private_address_is_blocked(loopback_server, host):
    loopback_server.route("/secret", "internal")
    url = f"http://{host}:{loopback_server.port}/secret"
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_page(url))
    assert error.kind is FetchErrorKind.BLOCKED
    assert loopback_server.hits("/secret") == 0


async def test_article_link_to_a_name_resolving_inside_is_blocked(loopback_server):
    loopback_server.route("/secret", "internal")
    dns = StaticResolver({"intranet.test": "127.0.0.1"})
    async with Fetcher(polling(), scraping(), resolver=dns) as fetcher:
        error = await fetch_error(
            fetcher.fetch_page(f"http://intranet.test:{loopback_server.port}/secret")
        )
    assert error.kind is FetchErrorKind.BLOCKED
    assert "127.0.0.1" in error.message
    assert loopback_server.hits("/secret") == 0


async def test_article_link_redirecting_inside_is_blocked(loopback_server):
    # news.test is trusted by name; its redirect to a private address is not
    port = loopback_server.port
    loopback_server.redirect("/story", f"http://127.0.0.1:{port}/secret")
    loopback_server.redirect("/story2", f"http://intranet.test:{port}/secret")
    loopback_server.route("/secret", "internal")
    dns = StaticResolver({"news.test": "127.0.0.1", "intranet.test": "127.0.0.1"})
    config = scraping(allow_hosts=("news.test",))
    async with Fetcher(polling(), config, resolver=dns) as fetcher:
        literal = await fetch_error(fetcher.fetch_page(f"http://news.test:{port}/story"))
        named = await fetch_error(fetcher.fetch_page(f"http://news.test:{port}/story2"))
    assert literal.kind is FetchErrorKind.BLOCKED
    assert named.kind is FetchErrorKind.BLOCKED
    assert loopback_server.hits("/story") == 1
    assert loopback_server.hits("/secret") == 0


async def test_private_links_are_fetched_when_private_networks_are_allowed(loopback_server):
    port = loopback_server.port
    loopback_server.route("/secret", "<html>internal</html>", content_type="text/html")
    loopback_server.redirect("/story", f"http://127.0.0.1:{port}/secret")
    async with Fetcher(polling(), scraping(allow_private_networks=True)) as fetcher:
        direct = await fetcher.fetch_page(loopback_server.url("/secret"))
        redirected = await fetcher.fetch_page(loopback_server.url("/story"))
    assert direct.body == redirected.body == b"<html>internal</html>"
    assert redirected.redirects == ((302, loopback_server.url("/secret")),)


async def test_allow_hosts_lifts_the_guard_for_named_hosts_only(loopback_server):
    port = loopback_server.port
    loopback_server.route("/secret", "internal")
    dns = StaticResolver({"intranet.test": "127.0.0.1", "other.test": "127.0.0.1"})
    config = scraping(allow_hosts=("intranet.test", "127.0.0.1"))
    async with Fetcher(polling(), config, resolver=dns) as fetcher:
        by_name = await fetcher.fetch_page(f"http://intranet.test:{port}/secret")
        by_address = await fetcher.fetch_page(f"http://127.0.0.1:{port}/secret")
        other = await fetch_error(fetcher.fetch_page(f"http://other.test:{port}/secret"))
    assert by_name.body == by_address.body == b"internal"
    assert other.kind is FetchErrorKind.BLOCKED
    assert loopback_server.hits("/secret") == 2


async def test_a_pooled_feed_connection_is_not_reused_for_a_link(loopback_server):
    port = loopback_server.port
    loopback_server.route("/feed.xml", FEED)
    loopback_server.route("/secret", "internal")
    dns = StaticResolver({"intranet.test": "127.0.0.1"})
    async with Fetcher(polling(), scraping(), resolver=dns) as fetcher:
        await fetcher.fetch_feed(f"http://intranet.test:{port}/feed.xml")  # keep-alive open
        error = await fetch_error(fetcher.fetch_page(f"http://intranet.test:{port}/secret"))
    assert error.kind is FetchErrorKind.BLOCKED
    assert loopback_server.hits("/secret") == 0


async def test_dns_rebinding_is_caught_at_connect_time(loopback_server):
    # the name looks public when checked, then points inside when the connection is made
    port = loopback_server.port
    loopback_server.route("/secret", "internal")
    dns = StaticResolver({"rebind.test": [["93.184.216.34"], ["127.0.0.1"]]})
    async with Fetcher(polling(), scraping(), resolver=dns) as fetcher:
        assert await fetcher.url_allowed(f"http://rebind.test:{port}/secret")
        error = await fetch_error(fetcher.fetch_page(f"http://rebind.test:{port}/secret"))
    assert error.kind is FetchErrorKind.BLOCKED
    assert loopback_server.hits("/secret") == 0


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://news.test/story", True),
        ("https://8.8.8.8/", True),
        ("http://intranet.test/", False),
        ("http://169.254.169.254/latest/meta-data/", False),
        ("http://0x7f.1/", False),
        ("http://unknown.test/", False),
        ("ftp://news.test/", False),
        ("http://user@news.test/", False),
        ("http://news.test\\@127.0.0.1/", False),
    ],
)
async def test_url_allowed_vets_redirect_targets_before_they_are_stored(url, allowed):
    dns = StaticResolver({"news.test": "93.184.216.34", "intranet.test": "10.1.1.1"})
    async with Fetcher(polling(), scraping(), resolver=dns) as fetcher:
        assert await fetcher.url_allowed(url) is allowed


async def test_url_allowed_honours_the_operator_switches():
    dns = StaticResolver({"intranet.test": "10.1.1.1"})
    async with Fetcher(polling(), scraping(allow_private_networks=True), resolver=dns) as fetcher:
        assert await fetcher.url_allowed("http://intranet.test/")
        assert not await fetcher.url_allowed("file:///etc/passwd")
    async with Fetcher(polling(), scraping(allow_hosts=("intranet.test",)), resolver=dns) as f:
        assert await f.url_allowed("http://intranet.test/")


# -- politeness: concurrency limits -------------------------------------------------------------


class InFlight:
    """A route handler that counts requests being answered at the same time."""

    def __init__(self, hold: float) -> None:
        self.hold = hold
        self.now = 0
        self.peak = 0
        self.lock = threading.Lock()

    def __call__(self, request) -> Route:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        time.sleep(self.hold)
        with self.lock:
            self.now -= 1
        return Route(body=FEED)


async def test_per_host_limit_caps_parallel_requests_to_one_host(loopback_server):
    import asyncio

    counter = InFlight(hold=0.15)
    loopback_server.route("/feed", handler=counter)
    async with Fetcher(polling(per_host=2, concurrency=50), scraping()) as fetcher:
        urls = [loopback_server.url(f"/feed?n={i}") for i in range(8)]
        await asyncio.gather(*(fetcher.fetch_feed(u) for u in urls))
    assert counter.peak == 2


async def test_global_limit_caps_parallel_requests_across_hosts(loopback_server):
    import asyncio

    counter = InFlight(hold=0.15)
    loopback_server.route("/feed", handler=counter)
    names = [f"site{i}.test" for i in range(6)]
    dns = StaticResolver({n: "127.0.0.1" for n in names})
    async with Fetcher(polling(per_host=4, concurrency=3), scraping(), resolver=dns) as fetcher:
        urls = [f"http://{n}:{loopback_server.port}/feed" for n in names for _ in range(2)]
        await asyncio.gather(*(fetcher.fetch_feed(u) for u in urls))
    assert counter.peak == 3


# -- backoff -------------------------------------------------------------------------------------


def test_backoff_grows_with_failures_and_stays_between_interval_and_cap():
    rng = random.Random(7)
    interval = 600.0
    assert backoff_delay(0, interval, rng=rng) == interval
    for failures in range(1, 30):
        ceiling = min(24 * 3600, interval * 2**failures)
        for _ in range(50):
            delay = backoff_delay(failures, interval, rng=rng)
            assert interval <= delay <= ceiling
    late = [backoff_delay(20, interval, rng=rng) for _ in range(200)]
    assert max(late) <= 24 * 3600 and sum(late) / len(late) > 6 * 3600


def test_backoff_spreads_failing_feeds_apart():
    delays = {round(backoff_delay(3, 600.0, rng=random.Random(seed))) for seed in range(20)}
    assert len(delays) > 15


def test_backoff_never_undercuts_retry_after():
    rng = random.Random(1)
    assert backoff_delay(1, 60.0, retry_after=3600.0, rng=rng) == 3600.0
    assert backoff_delay(0, 60.0, retry_after=900.0, rng=rng) == 900.0
    # a hostile Retry-After cannot silence a feed for years
    assert backoff_delay(1, 60.0, retry_after=1e9, rng=rng) == 7 * 24 * 3600


def test_backoff_with_an_interval_longer_than_the_cap_keeps_the_interval():
    assert backoff_delay(5, 2 * 24 * 3600.0, rng=random.Random(0)) == 2 * 24 * 3600.0


def test_retry_after_parses_seconds_and_dates():
    now = time.time()
    assert parse_retry_after("120") == 120
    assert parse_retry_after(http_date(now + 300), now=now) == pytest.approx(300, abs=1)
    assert parse_retry_after(http_date(now - 300), now=now) == 0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("-5") is None


async def test_a_feed_slower_than_5_s_but_within_its_timeout_arrives(loopback_server):
    # httpx's own 5 s default must not cut a request the operator allowed 20 s
    loopback_server.route("/slow.xml", FEED, delay=5.5, content_type="application/rss+xml")
    async with Fetcher(polling(timeout=20.0), scraping()) as fetcher:
        response = await fetcher.fetch_feed(loopback_server.url("/slow.xml"))
    assert response.status == 200 and response.body == FEED


@pytest.mark.parametrize("dot", ["\u3002", "\uff0e"])
async def test_unicode_dots_do_not_smuggle_a_loopback_address(loopback_server, dot):
    loopback_server.route("/secret", b"internal")
    url = f"http://127{dot}0{dot}0{dot}1:{loopback_server.port}/secret"
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_page(url))
        assert not await fetcher.url_allowed(url)
    assert error.kind is FetchErrorKind.BLOCKED
    assert loopback_server.hits("/secret") == 0


async def test_an_unusable_link_is_a_blocked_fetch_not_a_crash(loopback_server):
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_page("http://\u2460\u2461\u2466.0.0.1/"))
    assert error.kind is FetchErrorKind.BLOCKED


async def test_a_feed_redirected_to_another_host_is_guarded(loopback_server):
    # the operator trusts localhost; where its server sends us is checked like any link
    loopback_server.route("/secret", FEED, content_type="application/rss+xml")
    loopback_server.redirect("/feed.xml", loopback_server.url("/secret"), status=302)
    feed = loopback_server.url("/feed.xml").replace("127.0.0.1", "localhost")
    async with Fetcher(polling(), scraping()) as fetcher:
        error = await fetch_error(fetcher.fetch_feed(feed))
    assert error.kind is FetchErrorKind.BLOCKED
    assert loopback_server.hits("/secret") == 0
    async with Fetcher(polling(), scraping(allow_private_networks=True)) as fetcher:
        assert (await fetcher.fetch_feed(feed)).body == FEED

"""A reusable loopback HTTP server for tests: register routes, then point the code under test at it.

Stdlib only. Runs http.server.ThreadingHTTPServer on 127.0.0.1, port 0, in a background thread.

    with LoopbackServer() as srv:
        srv.route("/feed.xml", FEED, content_type="application/rss+xml", etag=True)
        srv.redirect("/old", "/feed.xml", status=301)
        srv.route("/slow", b"late", delay=5)
        srv.route("/huge", stream_size=50_000_000)          # streamed, never held in memory
        srv.route("/bomb", gzip_bomb=2_000_000_000)         # 2 GB of zeros, ~2 MB on the wire
        url = srv.url("/feed.xml")
        ...
        srv.set_body("/feed.xml", NEW_FEED)                  # a new item is published
        assert srv.requests_for("/feed.xml")[-1].headers.get("if-none-match")

As a pytest fixture: `from tests.support.server import loopback_server` in a test module
(or a conftest.py) and take `loopback_server` as an argument.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip as gzip_module
import hashlib
import http.server
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

import pytest

_CHUNK = 64 * 1024
_MB_OF_ZEROS = bytes(1024 * 1024)


@dataclass(frozen=True)
class Request:
    """One request the server received, as a test inspects it."""

    method: str
    path: str  # including the query string
    headers: Mapping[str, str]  # lower-cased names
    body: bytes
    at: float  # time.monotonic() when it arrived


@dataclass(frozen=True)
class Route:
    """How the server answers one path. Build with LoopbackServer.route()."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    etag: str | None = None  # quoted ETag sent; If-None-Match on it gets 304
    last_modified: str | None = None  # HTTP-date sent; If-Modified-Since >= it gets 304
    delay: float = 0.0  # seconds to wait before the status line
    drip: float = 0.0  # seconds to wait between body chunks (slow body)
    gzip: bool = False  # send the body gzip-encoded (Content-Encoding: gzip)
    stream_size: int | None = None  # generate this many body bytes instead of `body`
    gzip_bomb: int | None = None  # stream gzip of this many zero bytes (compressed on the fly)
    # dynamic answers: called with each request, returns the Route to answer with
    handler: Callable[[Request], Route] | None = None


def http_date(when: float | None = None) -> str:
    """An RFC 7231 date (for Last-Modified / Retry-After), `when` in epoch seconds, default now."""
    return email.utils.formatdate(time.time() if when is None else when, usegmt=True)


def body_etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def generated_body(size: int) -> Iterator[bytes]:
    """`size` bytes of filler text, produced chunk by chunk."""
    line = b"<p>filler text for a very large page, repeated without end.</p>\n"
    block = (line * (_CHUNK // len(line) + 1))[:_CHUNK]
    left = size
    while left > 0:
        piece = block[: min(left, _CHUNK)]
        left -= len(piece)
        yield piece


def gzip_bomb(expanded: int) -> Iterator[bytes]:
    """A valid gzip stream of `expanded` zero bytes, ~1000x smaller, built without the whole.

    A full flush resets the compressor, so every further megabyte of zeros compresses to the
    same bytes: compress it once and repeat them; header and trailer are written by hand.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(_MB_OF_ZEROS) + comp.flush(zlib.Z_FULL_FLUSH)
    yield b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip header: deflate, no name, no mtime
    crc = 0
    left = expanded
    piece = first
    while left >= len(_MB_OF_ZEROS):
        yield piece
        crc = zlib.crc32(_MB_OF_ZEROS, crc)
        left -= len(_MB_OF_ZEROS)
        piece = first  # the same bytes after a full flush
    tail = bytes(left)
    yield comp.compress(tail) + comp.flush(zlib.Z_FINISH)
    crc = zlib.crc32(tail, crc)
    yield struct.pack("<II", crc, expanded & 0xFFFFFFFF)


class LoopbackServer:
    """Threaded HTTP/1.1 server on 127.0.0.1 with routes a test registers; a context manager."""

    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self.requests: list[Request] = []
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        # a short poll interval makes stop() (and so every test using the server) quick
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """Absolute URL of `path` on this server."""
        return self.base_url + path

    # -- routes ------------------------------------------------------------------------------

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str = "text/plain; charset=utf-8",
        headers: Mapping[str, str] | None = None,
        etag: str | bool | None = None,
        last_modified: str | bool | None = None,
        delay: float = 0.0,
        drip: float = 0.0,
        gzip: bool = False,
        stream_size: int | None = None,
        gzip_bomb: int | None = None,
        handler: Callable[[Request], Route] | None = None,
    ) -> Route:
        """Answer `path` (query string included if given) as described; replaces any earlier route.

        etag=True derives the ETag from the body; last_modified=True uses the current time.
        """
        data = body.encode() if isinstance(body, str) else body
        route = Route(
            status=status,
            body=data,
            content_type=content_type,
            headers=dict(headers or {}),
            etag=body_etag(data) if etag is True else (etag or None),
            last_modified=http_date() if last_modified is True else (last_modified or None),
            delay=delay,
            drip=drip,
            gzip=gzip,
            stream_size=stream_size,
            gzip_bomb=gzip_bomb,
            handler=handler,
        )
        with self._lock:
            self._routes[path] = route
        return route

    def redirect(self, path: str, to: str, *, status: int = 302) -> Route:
        """Answer `path` with a redirect to `to` (relative or absolute)."""
        return self.route(path, status=status, headers={"Location": to})

    def set_body(self, path: str, body: bytes | str) -> None:
        """Publish new content at `path`: ETag and Last-Modified change along with it."""
        data = body.encode() if isinstance(body, str) else body
        with self._lock:
            old = self._routes[path]
            self._routes[path] = replace(
                old,
                body=data,
                etag=body_etag(data) if old.etag else None,
                # a second later, so If-Modified-Since (1 s resolution) sees the change
                last_modified=http_date(time.time() + 1) if old.last_modified else None,
            )

    def get_route(self, path: str) -> Route | None:
        # as a web server does, a percent-encoded path is the path it encodes (an Arabic
        # article's URL arrives as /%D8%A7...)
        with self._lock:
            for p in dict.fromkeys((path, unquote(path))):
                route = self._routes.get(p) or self._routes.get(p.split("?", 1)[0])
                if route is not None:
                    return route
            return None

    # -- request log -------------------------------------------------------------------------

    def requests_for(self, path: str) -> list[Request]:
        """Requests received for `path` (exact, or ignoring the query string), oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path == path or r.path.split("?")[0] == path]

    def hits(self, path: str) -> int:
        return len(self.requests_for(path))

    def _log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)


class _Handler(http.server.BaseHTTPRequestHandler):
    owner: LoopbackServer
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server
    disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall per keep-alive answer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = Request(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
            at=time.monotonic(),
        )
        self.owner._log(request)
        route = self.owner.get_route(self.path)
        if route is None:
            route = Route(status=404, body=b"not found")
        if route.handler is not None:
            route = route.handler(request)
        if route.delay:
            time.sleep(route.delay)
        # the client may give up mid-answer (size limit, timeout): that is what tests provoke
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._send(route, request)

    def _send(self, route: Route, request: Request) -> None:
        if route.status == 200 and not_modified(route, request.headers):
            self.send_response(304)
            self._validators(route)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        self._validators(route)
        for name, value in route.headers.items():
            self.send_header(name, value)
        chunks: Iterable[bytes]
        if route.gzip_bomb is not None:
            self.send_header("Content-Encoding", "gzip")
            chunks = gzip_bomb(route.gzip_bomb)
        elif route.stream_size is not None:
            chunks = generated_body(route.stream_size)
            if route.gzip:
                chunks = _gzip_stream(chunks)
                self.send_header("Content-Encoding", "gzip")
        else:
            body = gzip_module.compress(route.body) if route.gzip else route.body
            if route.gzip:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self._write_slowly(body, route.drip)
            return
        # streamed bodies have no known length: chunked transfer coding
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.command == "HEAD":
            return
        for piece in chunks:
            if piece:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                if route.drip:
                    time.sleep(route.drip)
        self.wfile.write(b"0\r\n\r\n")

    def _validators(self, route: Route) -> None:
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)

    def _write_slowly(self, body: bytes, drip: float) -> None:
        if not drip:
            self.wfile.write(body)
            return
        for i in range(0, len(body), 1024):
            self.wfile.write(body[i : i + 1024])
            self.wfile.flush()
            time.sleep(drip)


def not_modified(route: Route, headers: Mapping[str, str]) -> bool:
    """Would a server answer 304 to a request with these headers?"""
    # RFC 9110: If-None-Match wins over If-Modified-Since when both are sent
    inm = headers.get("if-none-match")
    if inm is not None:
        tags = [t.strip() for t in inm.split(",")]
        return route.etag is not None and (route.etag in tags or "*" in tags)
    ims = headers.get("if-modified-since")
    if ims and route.last_modified:
        try:
            since = email.utils.parsedate_to_datetime(ims)
            modified = email.utils.parsedate_to_datetime(route.last_modified)
        except (TypeError, ValueError):
            return False
        return modified <= since
    return False


def _gzip_stream(chunks: Iterable[bytes]) -> Iterator[bytes]:
    comp = zlib.compressobj(6, zlib.DEFLATED, 31)
    for piece in chunks:
        out = comp.compress(piece)
        if out:
            yield out
    yield comp.flush()


@pytest.fixture
def loopback_server() -> Iterator[LoopbackServer]:
    """A started LoopbackServer, stopped after the test."""
    with LoopbackServer() as server:
        yield server

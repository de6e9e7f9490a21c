"""An HTTP/2-capable TLS server for tests: hypercorn on 127.0.0.1 with a trustme certificate.

Answers the same Route descriptions as tests.support.server.LoopbackServer (status, body, ETag,
Last-Modified, delay, stream_size), and logs for each request the HTTP version the client got
and the client port, i.e. which connection carried it.

    with TlsServer(tls) as srv:                       # h2 and HTTP/1.1 offered by ALPN
        srv.route("/feed.xml", FEED, etag=True)
        fetcher = Fetcher(polling, scraping, ssl_context=tls.client_context())
        ...
        assert srv.requests_for("/feed.xml")[0].http_version == "2"
    TlsServer(tls, http2=False)                       # a server that offers HTTP/1.1 only

Runs in a thread with its own event loop; the listening socket is bound and listening before
the thread starts, so no test can race the server's start-up.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import trustme
from hypercorn.asyncio import serve
from hypercorn.config import Config

from tests.support.server import Request, Route, body_etag, generated_body, http_date, not_modified

# names the certificate covers; tests map the made-up ones to 127.0.0.1 with StaticResolver
NAMES = ("127.0.0.1", "localhost", "news.test", "feeds.test", "intranet.test")


class TlsFiles:
    """A throwaway CA and a leaf certificate for NAMES, written where hypercorn can load them."""

    def __init__(self, directory: Path) -> None:
        self.ca = trustme.CA()
        leaf = self.ca.issue_cert(*NAMES)
        self.cert_file = directory / "server.pem"
        self.key_file = directory / "server.key"
        self.ca_file = directory / "ca.pem"
        leaf.cert_chain_pems[0].write_to_path(str(self.cert_file))
        for pem in leaf.cert_chain_pems[1:]:
            pem.write_to_path(str(self.cert_file), append=True)
        leaf.private_key_pem.write_to_path(str(self.key_file))
        self.ca.cert_pem.write_to_path(str(self.ca_file))

    def client_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts this CA (and nothing else)."""
        context = ssl.create_default_context(cafile=str(self.ca_file))
        return context


@dataclass(frozen=True)
class TlsRequest(Request):
    """A Request plus what only a TLS/h2 server knows about it."""

    http_version: str = ""  # "2" or "1.1", from the ASGI scope
    client_port: int = 0  # one per TCP connection


@dataclass
class _State:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[TlsRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0
    peak: int = 0  # most requests being answered at once


class TlsServer:
    """hypercorn over TLS on 127.0.0.1, port chosen by the kernel; a context manager."""

    def __init__(self, tls: TlsFiles, *, http2: bool = True) -> None:
        self._state = _State()
        self._config = Config()
        self._config.certfile = str(tls.cert_file)
        self._config.keyfile = str(tls.key_file)
        self._config.alpn_protocols = ["h2", "http/1.1"] if http2 else ["http/1.1"]
        self._config.graceful_timeout = 0.2  # stopping must not wait on a held-open answer
        self._config.accesslog = None
        # an error in the app shows in the failing test's captured log, not on the terminal
        self._config.errorlog = logging.getLogger("tests.tlsserver")
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(128)
        self.port = int(self._sock.getsockname()[1])
        self._config.bind = [f"fd://{self._sock.detach()}"]
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stopping = asyncio.Event()
            self._started.set()
            await serve(self._app, self._config, shutdown_trigger=self._stopping.wait)

        asyncio.run(main())

    def __enter__(self) -> TlsServer:
        self._thread.start()
        self._started.wait(5)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join(5)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        """https URL of `path` on this server, under `host` (a name the certificate covers)."""
        return f"https://{host}:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", **options: Any) -> Route:
        """Answer `path` as described (a subset of LoopbackServer.route's options)."""
        data = body.encode() if isinstance(body, str) else body
        if options.get("etag") is True:
            options["etag"] = body_etag(data)
        if options.get("last_modified") is True:
            options["last_modified"] = http_date()
        route = Route(body=data, **options)
        with self._state.lock:
            self._state.routes[path] = route
        return route

    def requests_for(self, path: str) -> list[TlsRequest]:
        with self._state.lock:
            return [r for r in self._state.requests if r.path.split("?")[0] == path]

    def hits(self, path: str) -> int:
        return len(self.requests_for(path))

    @property
    def peak(self) -> int:
        """The most requests this server was answering at the same time."""
        with self._state.lock:
            return self._state.peak

    def connections(self) -> int:
        """How many TCP connections have carried requests so far."""
        with self._state.lock:
            return len({r.client_port for r in self._state.requests})

    async def _app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return  # lifespan: nothing to set up
        path = scope["path"] + (
            "?" + scope["query_string"].decode() if scope["query_string"] else ""
        )
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        request = TlsRequest(
            method=scope["method"],
            path=path,
            headers=headers,
            body=body,
            at=time.monotonic(),
            http_version=scope["http_version"],
            client_port=scope["client"][1],
        )
        with self._state.lock:
            self._state.requests.append(request)
            route = self._state.routes.get(scope["path"]) or Route(status=404, body=b"not found")
            self._state.in_flight += 1
            self._state.peak = max(self._state.peak, self._state.in_flight)
        try:
            if route.delay:
                await asyncio.sleep(route.delay)
            await _answer(route, headers, send)
        finally:
            with self._state.lock:
                self._state.in_flight -= 1


async def _answer(route: Route, headers: Mapping[str, str], send: Any) -> None:
    validators = [("etag", route.etag), ("last-modified", route.last_modified)]
    extra = [(k.encode(), v.encode()) for k, v in (*validators, *route.headers.items()) if v]
    if route.status == 200 and not_modified(route, headers):
        await send({"type": "http.response.start", "status": 304, "headers": extra})
        await send({"type": "http.response.body", "body": b""})
        return
    extra.append((b"content-type", route.content_type.encode()))
    chunks: Iterator[bytes]
    if route.stream_size is not None:
        chunks = generated_body(route.stream_size)
    else:
        extra.append((b"content-length", str(len(route.body)).encode()))
        chunks = iter([route.body])
    await send({"type": "http.response.start", "status": route.status, "headers": extra})
    for piece in chunks:
        await send({"type": "http.response.body", "body": piece, "more_body": True})
        if route.drip:
            await asyncio.sleep(route.drip)
    await send({"type": "http.response.body", "body": b""})


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """One CA and server certificate for the whole run (key generation is the slow part)."""
    return TlsFiles(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def tls_server(tls_files: TlsFiles) -> Iterator[TlsServer]:
    """A started TlsServer offering h2 and HTTP/1.1, stopped after the test."""
    with TlsServer(tls_files) as server:
        yield server

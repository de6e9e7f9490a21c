"""The web view's server: a small aiohttp application over the SQLite file.

`monitor serve` runs it alone; `monitor run` runs it beside the daemon when `[web] listen` is
set. Either way it only reads the database, through a connection of its own, in one thread
of its own, so a slow page never holds up polling or the alert outbox (SQLite's WAL lets the
reader and the daemon's writer work at once).

aiohttp is already a dependency (the http:// transport); its web server is a few lines here.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import signal
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from aiohttp import web

from monitor.config import Config, is_loopback, read_secret
from monitor.errors import ConfigError, MonitorError, RequestError
from monitor.metrics import Listen, parse_listen
from monitor.store import EventRow, Store
from monitor.textnorm import one_line
from monitor.web import (
    CONTENT_SECURITY_POLICY,
    STYLESHEET,
    ViewQuery,
    atom_feed,
    geojson,
    html_page,
    json_bytes,
    json_feed,
    parse_query,
)

log = logging.getLogger("monitor")

DEFAULT_LISTEN = "127.0.0.1:8080"
# in-flight requests get this long at shutdown (the daemon must stop within 10 s)
SHUTDOWN_GRACE = 1.0
PUBLIC_PATHS = frozenset({"/style.css"})  # no secrets in it: a page can load it without a token

_T = TypeVar("_T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def web_token(config: Config, listen: str) -> str | None:
    """The token requests must present, or None; ConfigError when it is required but unset.

    Required when `listen` is not a loopback address; used whenever `[web] token_env` is set.
    """
    file = str(config.path)
    env = config.web.token_env
    host = parse_listen(listen).host
    if env is None:
        if not is_loopback(host):
            raise ConfigError(
                file, "web.token_env", f"required when listening on {listen} (not loopback)"
            )
        return None
    token = read_secret(env)
    if token is None:
        raise ConfigError(file, "web.token_env", f"environment variable {env} is not set")
    if not token.strip():
        raise ConfigError(file, "web.token_env", f"environment variable {env} is empty")
    return token


class EventReader:
    """Reads events on its own SQLite connection, in one thread, off the event loop."""

    def __init__(self, db_path: Path) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="web-db")
        self._store: Store | None = None
        self._path = db_path

    def _open(self) -> Store:
        if self._store is None:
            self._store = Store(self._path)
        return self._store

    async def _run(self, fn: Callable[[Store], _T]) -> _T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(self._open()))

    async def events(self, q: ViewQuery) -> list[EventRow]:
        """The events a view shows, newest first, at most q.limit."""
        if q.rule:
            rule = q.rule
            return await self._run(
                lambda s: s.events_matching(rule, q.since, q.limit, commentary=q.all)
            )
        return await self._run(lambda s: s.events(q.since, q.limit, commentary=q.all))

    async def rules(self) -> list[str]:
        return await self._run(lambda s: s.rule_names())

    async def close(self) -> None:
        def close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, close)
        self._executor.shutdown(wait=False)


def _digest(token: str) -> bytes:
    # equal-length digests: compare_digest then takes the same time whatever was presented
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).digest()


def presented_token(request: web.Request) -> str | None:
    """`Authorization: Bearer <token>`, else `?token=`."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.query.get("token") or None


def _security_headers(response: web.StreamResponse, private: bool) -> None:
    h = response.headers
    h["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    h["X-Content-Type-Options"] = "nosniff"
    h["Referrer-Policy"] = "no-referrer"
    h["X-Frame-Options"] = "DENY"
    h["Cross-Origin-Opener-Policy"] = "same-origin"
    # behind a token every answer is private: no shared cache or browser disk may keep it
    h["Cache-Control"] = "no-store" if private else "no-cache"


def make_app(reader: EventReader, token: str | None) -> web.Application:
    """The web view: /, /events.atom, /events.json, /events.geojson (+ /style.css)."""
    expected = _digest(token) if token is not None else None

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        response: web.StreamResponse
        if expected is not None and request.path not in PUBLIC_PATHS:
            given = presented_token(request)
            if given is None or not hmac.compare_digest(_digest(given), expected):
                response = web.Response(
                    status=401,
                    text="401 Unauthorized: present the token as 'Authorization: Bearer <token>' "
                    "or ?token=<token>\n",
                    headers={"WWW-Authenticate": 'Bearer realm="monitor"'},
                )
                _security_headers(response, True)
                return response
        try:
            response = await handler(request)
        except RequestError as exc:
            response = web.Response(status=400, text=f"400 Bad Request: {exc}\n")
        except web.HTTPException as exc:
            response = web.Response(status=exc.status, text=f"{exc.status} {exc.reason}\n")
            if exc.status == 405:
                response.headers["Allow"] = "GET, HEAD"
        except Exception as exc:
            # logged here, without the request line (it may carry ?token=)
            log.error("web view: %s failed: %s", request.path, one_line(repr(exc)))
            response = web.Response(status=500, text="500 Internal Server Error\n")
        _security_headers(response, expected is not None)
        return response

    app = web.Application(middlewares=[guard])
    view = _View(reader)
    app.router.add_get("/", view.page)
    app.router.add_get("/events.atom", view.atom)
    app.router.add_get("/events.json", view.jsonfeed)
    app.router.add_get("/events.geojson", view.geojson)
    app.router.add_get("/style.css", view.style)
    return app


def _carry(request: web.Request) -> dict[str, str]:
    """Query parameters every link of the page keeps: the token, when it came as ?token=."""
    token = request.query.get("token")
    return {"token": token} if token else {}


def _url(request: web.Request, path: str, q: ViewQuery) -> str:
    """An absolute URL of this server for a feed's self/home link; never with the token."""
    return str(request.url.with_path(path).with_query(q.params()))


class _View:
    def __init__(self, reader: EventReader) -> None:
        self.reader = reader

    async def _query(self, request: web.Request) -> tuple[ViewQuery, list[EventRow]]:
        q = parse_query(request.query, datetime.now(UTC))
        return q, await self.reader.events(q)

    async def page(self, request: web.Request) -> web.Response:
        q, events = await self._query(request)
        rules = await self.reader.rules()
        text = html_page(events, q, rules, _carry(request), datetime.now(UTC))
        return web.Response(text=text, content_type="text/html", charset="utf-8")

    async def atom(self, request: web.Request) -> web.Response:
        q, events = await self._query(request)
        body = atom_feed(
            events, q, _url(request, "/events.atom", q), _url(request, "/", q), datetime.now(UTC)
        )
        return web.Response(body=body, content_type="application/atom+xml", charset="utf-8")

    async def jsonfeed(self, request: web.Request) -> web.Response:
        q, events = await self._query(request)
        feed = json_feed(events, q, _url(request, "/events.json", q), _url(request, "/", q))
        return web.Response(
            body=json_bytes(feed), content_type="application/feed+json", charset="utf-8"
        )

    async def geojson(self, request: web.Request) -> web.Response:
        _, events = await self._query(request)
        return web.Response(
            body=json_bytes(geojson(events)), content_type="application/geo+json", charset="utf-8"
        )

    async def style(self, request: web.Request) -> web.Response:
        return web.Response(text=STYLESHEET, content_type="text/css", charset="utf-8")


class WebView:
    """A running web view: start() binds the address, close() stops it."""

    def __init__(self, db_path: Path, token: str | None) -> None:
        self.reader = EventReader(db_path)
        # no access log: a request line may carry ?token=
        self.runner = web.AppRunner(
            make_app(self.reader, token), access_log=None, shutdown_timeout=SHUTDOWN_GRACE
        )

    async def start(self, listen: str) -> Listen:
        """Serve on HOST:PORT (port 0: any free port); the address actually bound."""
        where = parse_listen(listen)
        await self.runner.setup()
        site = web.TCPSite(self.runner, where.host, where.port)
        try:
            await site.start()
        except OSError as exc:
            await self.close()
            raise MonitorError(
                f"cannot serve the web view on {listen}: {exc.strerror or exc}"
            ) from None
        # the port actually bound, when 0 was asked for
        port = int(self.runner.addresses[0][1]) if self.runner.addresses else where.port
        return Listen(where.host, port)

    async def close(self) -> None:
        await self.runner.cleanup()
        await self.reader.close()


def url_of(where: Listen) -> str:
    host = f"[{where.host}]" if ":" in where.host else where.host
    return f"http://{host}:{where.port}/"


async def start_web_view(config: Config, listen: str) -> WebView:
    """Start the web view over the configured database (used by `monitor run`)."""
    token = web_token(config, listen)
    view = WebView(config.storage.path, token)
    where = await view.start(listen)
    log.info("web view on %s%s", url_of(where), " (token required)" if token else "")
    return view


def serve(config: Config, listen: str | None) -> int:
    """`monitor serve`: the web view alone until SIGTERM/SIGINT; exit code."""
    address = listen or config.web.listen or DEFAULT_LISTEN
    token = web_token(config, address)  # before anything starts: a config error is exit 2

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        view = WebView(config.storage.path, token)
        where = await view.start(address)
        log.info(
            "web view of %s on %s%s",
            config.storage.path,
            url_of(where),
            " (token required)" if token else "",
        )
        try:
            await stop.wait()
        finally:
            await view.close()

    asyncio.run(main())
    log.info("web view stopped")
    return 0

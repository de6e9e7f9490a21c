"""The web view's server: a small aiohttp application over the SQLite file.

`monitor serve` runs it alone; `monitor run` runs it beside the daemon when `[web] listen` is
set. Either way it reads the database through a connection of its own, in one thread of its
own, where it also builds its pages and feeds, so a slow page never holds up polling
or the alert outbox (SQLite's WAL lets the reader and the daemon's writer work at once). Its
one write is the outbox's redeliver button (a POST with a CSRF token), which queues a delivery
again as `monitor redeliver` does.

aiohttp is already a dependency (the http:// transport); its web server is a few lines here.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from aiohttp import web

from monitor.config import (
    DEFAULT_TILES,
    DEFAULT_TILES_ATTRIBUTION,
    Config,
    is_loopback,
    read_secret,
)
from monitor.errors import ConfigError, MonitorError, RequestError
from monitor.metrics import Listen, parse_listen
from monitor.outbox import redeliver, retry_windows
from monitor.store import Delivery, EventFacets, EventRow, SourceRow, Store
from monitor.textnorm import one_line
from monitor.web import (
    CONTENT_SECURITY_POLICY,
    ViewQuery,
    atom_feed,
    geojson,
    href,
    json_bytes,
    json_feed,
    map_policy,
    parse_query,
)
from monitor.webpages import (
    REDELIVERABLE,
    SHOWN_DELIVERIES,
    Page,
    back_path,
    event_page,
    events_page,
    feeds_page,
    map_page,
    outbox_page,
)

log = logging.getLogger("monitor")

DEFAULT_LISTEN = "127.0.0.1:8080"
# in-flight requests get this long at shutdown (the daemon must stop within 10 s)
SHUTDOWN_GRACE = 1.0
STATIC_TYPES = {
    "css": "text/css",
    "js": "text/javascript",
    "png": "image/png",
}

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


@dataclass(frozen=True)
class WebOptions:
    """What the view takes from the config besides the database and token."""

    tiles: str | None = DEFAULT_TILES
    attribution: str = DEFAULT_TILES_ATTRIBUTION
    windows: Mapping[str, float] = field(default_factory=dict)  # retry windows by channel

    @classmethod
    def of(cls, config: Config) -> WebOptions:
        return cls(config.web.tiles, config.web.tiles_attribution, retry_windows(config))


class EventReader:
    """Reads events on its own SQLite connection, in one thread, off the event loop (the
    redeliver button's one write goes through it too)."""

    def __init__(self, db_path: Path) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="web-db")
        self._store: Store | None = None
        self._path = db_path
        # the filters' values, until another connection commits: reading them scans every
        # event (half the events page's time over 10,000 events, bench/web.py)
        self._facets: tuple[int, EventFacets] | None = None

    def _open(self) -> Store:
        if self._store is None:
            self._store = Store(self._path)
        return self._store

    async def run(self, fn: Callable[[Store], _T]) -> _T:
        """fn(store) on the reader's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(self._open()))

    async def build(self, fn: Callable[..., _T], *args: object) -> _T:
        """fn(*args) on the reader's thread: a page or feed of 1000 events is a third to half
        a second of Python (bench DB), which on the event loop (the daemon's, under `monitor
        run`) would hold up polling and deliveries for as long. One thread, not the loop's
        default executor: pages never take the threads its DNS lookups need."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(*args))

    async def events(
        self, q: ViewQuery, *, located: bool = False, extra: int = 0
    ) -> list[EventRow]:
        """The events a view shows, newest first, at most q.limit (+ extra)."""
        f = q.filter(located=located, extra=extra)
        return await self.run(lambda s: s.find_events(f))

    async def facets(self) -> EventFacets:
        """The values the filters offer (see Store.event_facets), remembered between commits."""

        def read(s: Store) -> EventFacets:
            version = s.data_version()
            if self._facets is None or self._facets[0] != version:
                self._facets = (version, s.event_facets())
            return self._facets[1]

        return await self.run(read)

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
    # a page may have set its own (the map's allows its scripts and tiles)
    h.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    h["X-Content-Type-Options"] = "nosniff"
    h["Referrer-Policy"] = "no-referrer"
    h["X-Frame-Options"] = "DENY"
    h["Cross-Origin-Opener-Policy"] = "same-origin"
    # behind a token every answer is private: no shared cache or browser disk may keep it
    h["Cache-Control"] = "no-store" if private else "no-cache"


def make_app(
    reader: EventReader, token: str | None, options: WebOptions | None = None
) -> web.Application:
    """The web view: its pages, its feeds of events, the redeliver button, its static files."""
    expected = _digest(token) if token is not None else None

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        response: web.StreamResponse
        if expected is None and not _loopback_host(request.headers.get("Host")):
            # without a token the listener is on loopback, and only this machine's browsers
            # should reach it; a page whose name was rebound to 127.0.0.1 still says its name
            response = web.Response(
                status=403,
                text="403 Forbidden: without [web] token_env this view answers only "
                "to localhost, 127.0.0.1 or [::1]; set token_env to serve it under another name\n",
            )
            _security_headers(response, False)
            return response
        if expected is not None and not _public(request.path):
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
                response.headers["Allow"] = "POST" if request.path == "/redeliver" else "GET, HEAD"
        except Exception as exc:
            # logged here, without the request line (it may carry ?token=)
            path = one_line(request.path)  # decoded: %0A would forge a log line
            log.error("web view: %s failed: %s", path, one_line(repr(exc)))
            response = web.Response(status=500, text="500 Internal Server Error\n")
        _security_headers(response, expected is not None)
        return response

    app = web.Application(middlewares=[guard])
    view = _View(reader, options or WebOptions())
    app.router.add_get("/", view.page)
    app.router.add_get("/event/{id}", view.event)
    app.router.add_get("/map", view.map)
    app.router.add_get("/feeds", view.feeds)
    app.router.add_get("/outbox", view.outbox)
    app.router.add_post("/redeliver", view.redeliver)
    app.router.add_get("/events.atom", view.atom)
    app.router.add_get("/events.json", view.jsonfeed)
    app.router.add_get("/events.geojson", view.geojson)
    app.router.add_get("/style.css", view.static)
    app.router.add_get("/static/{path:.+}", view.static)
    return app


def _loopback_host(host: str | None) -> bool:
    """Whether a Host header names this machine (no header at all: not a browser)."""
    if host is None:
        return True
    if host.startswith("["):
        name = host[1:].partition("]")[0]
    else:
        name = host.rpartition(":")[0] if host.count(":") == 1 else host
    return is_loopback(name)


def _public(path: str) -> bool:
    """Paths served without the token: the stylesheet and the map's scripts, no secrets."""
    return path == "/style.css" or path.startswith("/static/")


def _carry(request: web.Request) -> dict[str, str]:
    """Query parameters every link of the page keeps: the token, when it came as ?token=."""
    token = request.query.get("token")
    return {"token": token} if token else {}


def _url(request: web.Request, path: str, q: ViewQuery) -> str:
    """An absolute URL of this server for a feed's self/home link; never with the token."""
    return str(request.url.with_path(path).with_query(q.params()))


def _static_files() -> dict[str, tuple[bytes, str]]:
    """Every file under monitor/static, by path, with its type (read once: a fixed set, so
    no request path ever reaches the file system)."""
    root = resources.files("monitor") / "static"
    files: dict[str, tuple[bytes, str]] = {}

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.rsplit(".", 1)[-1] in STATIC_TYPES:
                files[prefix + entry.name] = (
                    entry.read_bytes(),
                    STATIC_TYPES[entry.name.rsplit(".", 1)[-1]],
                )

    walk(root, "")
    return files


def _conditional(request: web.Request, body: bytes, content_type: str) -> web.Response:
    """A feed's answer with an ETag of its bytes; 304 when the client has them already."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    given = request.headers.get("If-None-Match", "")
    if etag in (t.strip().removeprefix("W/") for t in given.split(",")) or given.strip() == "*":
        return web.Response(status=304, headers={"ETag": etag})
    return web.Response(
        body=body, content_type=content_type, charset="utf-8", headers={"ETag": etag}
    )


class _View:
    def __init__(self, reader: EventReader, options: WebOptions) -> None:
        self.reader = reader
        self.options = options
        self.static_files = _static_files()
        # the redeliver button's CSRF tokens: an HMAC of the delivery id under a secret of
        # this process (a page from an earlier run asks to be reloaded)
        self._secret = secrets.token_bytes(32)

    def csrf(self, delivery_id: str) -> str:
        name = delivery_id.encode("utf-8", "surrogateescape")
        mac = hmac.new(self._secret, b"redeliver\0" + name, hashlib.sha256)
        return mac.hexdigest()

    @staticmethod
    def _page(request: web.Request, root: str = "") -> Page:
        return Page(root, _carry(request), datetime.now(UTC))

    @staticmethod
    def _html(text: str, policy: str | None = None) -> web.Response:
        response = web.Response(text=text, content_type="text/html", charset="utf-8")
        if policy is not None:
            response.headers["Content-Security-Policy"] = policy
        return response

    async def _query(
        self, request: web.Request, *, located: bool = False
    ) -> tuple[ViewQuery, list[EventRow]]:
        q = parse_query(request.query, datetime.now(UTC))
        return q, await self.reader.events(q, located=located)

    async def page(self, request: web.Request) -> web.Response:
        q = parse_query(request.query, datetime.now(UTC))
        # one more than the page shows: whether an older page exists
        events = await self.reader.events(q, extra=1)
        older = len(events) > q.limit
        facets = await self.reader.facets()
        page = self._page(request)
        return self._html(
            await self.reader.build(events_page, events[: q.limit], q, facets, page, older)
        )

    async def event(self, request: web.Request) -> web.Response:
        event_id = request.match_info["id"]

        def read(s: Store) -> tuple[EventRow | None, list[SourceRow], list[Delivery]]:
            e = s.event(event_id)
            if e is None:
                return None, [], []
            return e, s.event_sources(event_id), s.event_deliveries(event_id)

        e, rows, deliveries = await self.reader.run(read)
        if e is None:
            raise web.HTTPNotFound()
        page = self._page(request, "../")
        requeued = request.query.get("requeued")
        return self._html(
            await self.reader.build(event_page, e, rows, deliveries, page, self.csrf, requeued)
        )

    async def map(self, request: web.Request) -> web.Response:
        q, events = await self._query(request, located=True)
        facets = await self.reader.facets()
        o = self.options
        page = self._page(request)
        text = await self.reader.build(map_page, events, q, facets, page, o.tiles, o.attribution)
        return self._html(text, map_policy(o.tiles))

    async def feeds(self, request: web.Request) -> web.Response:
        states = await self.reader.run(lambda s: s.feed_states())
        return self._html(await self.reader.build(feeds_page, states, self._page(request)))

    async def outbox(self, request: web.Request) -> web.Response:
        def read(s: Store) -> tuple[list[Delivery], dict[str, int]]:
            return s.outbox(SHOWN_DELIVERIES), s.count_deliveries()

        rows, counts = await self.reader.run(read)
        page = self._page(request)
        requeued = request.query.get("requeued")
        return self._html(
            await self.reader.build(outbox_page, rows, counts, page, self.csrf, requeued)
        )

    async def redeliver(self, request: web.Request) -> web.Response:
        """The one write: queue a delivery again, as `monitor redeliver` does."""
        form = await request.post()
        delivery_id, given = str(form.get("id", "")), str(form.get("csrf", ""))
        # as bytes: compare_digest() raises on a str that is not ASCII
        given_bytes = given.encode("utf-8", "surrogateescape")
        if not delivery_id or not hmac.compare_digest(given_bytes, self.csrf(delivery_id).encode()):
            return web.Response(
                status=403, text="403 Forbidden: the form is stale; reload the page\n"
            )
        windows = self.options.windows

        def requeue(s: Store) -> tuple[Delivery | None, bool]:
            # only one that failed or was sent, as the button promises: one waiting or under
            # way (a second click, a form sent again) stays as it is, else the sender's claim
            # is undone mid-send and a waiting one's retry window starts over. The daemon
            # never moves a delivery out of those two states, so reading then writing is safe.
            d = s.delivery(delivery_id)
            if d is None or d.state not in REDELIVERABLE:
                return d, False
            return redeliver(s, windows, delivery_id, datetime.now(UTC)), True

        found, queued = await self.reader.run(requeue)
        if found is None:
            raise web.HTTPNotFound()
        if queued:
            log.info("web view: delivery %s queued again", delivery_id)
        back = back_path(str(form.get("back", "")), found.event_id)
        target = href(back, {"requeued": delivery_id, **_carry(request)})
        return web.Response(
            status=303, text=f"303 See Other: {target}\n", headers={"Location": target}
        )

    async def atom(self, request: web.Request) -> web.Response:
        q, events = await self._query(request)
        urls = _url(request, "/events.atom", q), _url(request, "/", q)
        body = await self.reader.build(atom_feed, events, q, *urls)
        return _conditional(request, body, "application/atom+xml")

    async def jsonfeed(self, request: web.Request) -> web.Response:
        q, events = await self._query(request)
        urls = _url(request, "/events.json", q), _url(request, "/", q)
        body = await self.reader.build(lambda: json_bytes(json_feed(events, q, *urls)))
        return _conditional(request, body, "application/feed+json")

    async def geojson(self, request: web.Request) -> web.Response:
        _, events = await self._query(request, located=True)
        body = await self.reader.build(lambda: json_bytes(geojson(events)))
        return _conditional(request, body, "application/geo+json")

    async def static(self, request: web.Request) -> web.Response:
        found = self.static_files.get(request.match_info.get("path", "style.css"))
        if found is None:
            raise web.HTTPNotFound()
        body, content_type = found
        charset = "utf-8" if content_type.startswith("text/") else None
        return web.Response(body=body, content_type=content_type, charset=charset)


class WebView:
    """A running web view: start() binds the address, close() stops it."""

    def __init__(self, db_path: Path, token: str | None, options: WebOptions | None = None) -> None:
        self.reader = EventReader(db_path)
        # no access log: a request line may carry ?token=
        self.runner = web.AppRunner(
            make_app(self.reader, token, options), access_log=None, shutdown_timeout=SHUTDOWN_GRACE
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
    view = WebView(config.storage.path, token, WebOptions.of(config))
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
        view = WebView(config.storage.path, token, WebOptions.of(config))
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

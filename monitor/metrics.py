"""Prometheus metrics for the daemon, served on /metrics when [metrics] listen is set.

Each Metrics owns its registry (not prometheus_client's global one), so several can live in
one process (tests) and nothing from other libraries leaks into our exposition.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import start_http_server

from monitor.errors import FetchErrorKind, MonitorError

FETCH_OUTCOMES: tuple[str, ...] = ("ok", "not_modified", *(k.value for k in FetchErrorKind))
EVENT_TYPES: tuple[str, ...] = ("matched", "updated")
DELIVERY_OUTCOMES: tuple[str, ...] = ("sent", "retry", "failed")

# Feed downloads time out at 20 s by default; the default buckets stop at 10 s.
_FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0)


@dataclass(frozen=True)
class Listen:
    """Where the /metrics server listens."""

    host: str
    port: int


def parse_listen(text: str) -> Listen:
    """'127.0.0.1:9464' or '[::1]:9464' -> Listen. Raises ValueError."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ValueError(f"expected HOST:PORT, got {text!r}")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return Listen(host, int(port))


class Metrics:
    """The daemon's counters and gauges; call sites report, Prometheus scrapes."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self._fetches = Counter(
            "monitor_fetches", "Feed downloads by outcome.", ["outcome"], registry=r
        )
        self._fetch_seconds = Histogram(
            "monitor_fetch_seconds", "Feed download time.", buckets=_FETCH_BUCKETS, registry=r
        )
        self._items = Counter("monitor_items", "New feed items stored.", registry=r)
        self._events = Counter("monitor_events", "Events by type.", ["type"], registry=r)
        self._deliveries = Counter(
            "monitor_deliveries",
            "Alert delivery attempts by channel and outcome.",
            ["channel", "outcome"],
            registry=r,
        )
        self._queue = Gauge("monitor_delivery_queue", "Deliveries waiting to be sent.", registry=r)
        self._last_cycle = Gauge(
            "monitor_last_cycle_timestamp_seconds",
            "Unix time the last complete poll cycle ended.",
            registry=r,
        )
        self._failing = Gauge("monitor_feeds_failing", "Feeds currently failing.", registry=r)
        # Series that exist from the start read 0 instead of "no data", so rate() and alerts
        # on them work before the first error ever happens.
        for outcome in FETCH_OUTCOMES:
            self._fetches.labels(outcome)
        for kind in EVENT_TYPES:
            self._events.labels(kind)
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None

    def fetch(self, outcome: str, seconds: float) -> None:
        """One feed download: 'ok', 'not_modified' or a FetchErrorKind value."""
        # An unexpected label would create a new series forever; fold it into "other".
        self._fetches.labels(outcome if outcome in FETCH_OUTCOMES else "other").inc()
        self._fetch_seconds.observe(max(seconds, 0.0))

    def items(self, n: int) -> None:
        """`n` new items were stored."""
        if n > 0:
            self._items.inc(n)

    def event(self, type: str) -> None:
        """An event was 'matched' (new story) or 'updated' (more coverage of a known one)."""
        if type not in EVENT_TYPES:
            raise ValueError(f"event type must be one of {EVENT_TYPES}, got {type!r}")
        self._events.labels(type).inc()

    def delivery(self, channel: str, outcome: str) -> None:
        """One delivery attempt on channel `channel` (its config name): sent, retry or failed."""
        if outcome not in DELIVERY_OUTCOMES:
            raise ValueError(
                f"delivery outcome must be one of {DELIVERY_OUTCOMES}, got {outcome!r}"
            )
        self._deliveries.labels(channel, outcome).inc()

    def set_queue(self, n: int) -> None:
        """Deliveries pending right now."""
        self._queue.set(n)

    def cycle_done(self, ts: float | None = None) -> None:
        """A poll cycle completed at Unix time `ts` (default: now)."""
        self._last_cycle.set(time.time() if ts is None else ts)

    def set_failing(self, n: int) -> None:
        """Feeds failing right now."""
        self._failing.set(n)

    def render(self) -> bytes:
        """The exposition text, exactly as /metrics serves it."""
        return generate_latest(self.registry)

    def start_server(self, listen: str) -> Listen:
        """Serve /metrics on HOST:PORT in a daemon thread; returns the bound address (port 0 ok).

        Raises MonitorError when the address cannot be bound (port in use, unknown host).
        """
        if self._server is not None:
            raise RuntimeError("metrics server already running")
        where = parse_listen(listen)
        try:
            server, thread = start_http_server(where.port, addr=where.host, registry=self.registry)
        except OSError as exc:
            raise MonitorError(f"cannot serve metrics on {listen}: {exc.strerror or exc}") from None
        self._server, self._thread = server, thread
        return Listen(where.host, int(server.server_address[1]))

    def close(self) -> None:
        """Stop the /metrics server, if running; safe to call twice."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

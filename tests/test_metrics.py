"""What Prometheus scrapes from /metrics after the daemon reports its work."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from monitor.errors import MonitorError
from monitor.metrics import Listen, Metrics, parse_listen


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Exposition text -> {(sample name, sorted labels): value}."""
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


@pytest.fixture
def metrics() -> Iterator[Metrics]:
    m = Metrics()
    yield m
    m.close()


def test_counters_and_gauges_show_what_happened(metrics: Metrics) -> None:
    metrics.fetch("ok", 0.3)
    metrics.fetch("ok", 0.2)
    metrics.fetch("not_modified", 0.1)
    metrics.fetch("timeout", 20.0)
    metrics.items(7)
    metrics.event("matched")
    metrics.event("updated")
    metrics.event("updated")
    metrics.delivery("ops-mail", "sent")
    metrics.delivery("hook", "retry")
    metrics.delivery("hook", "failed")
    metrics.set_queue(4)
    metrics.cycle_done(1_700_000_000.0)
    metrics.set_failing(2)

    s = samples(metrics.render().decode())
    assert s[("monitor_fetches_total", (("outcome", "ok"),))] == 2
    assert s[("monitor_fetches_total", (("outcome", "not_modified"),))] == 1
    assert s[("monitor_fetches_total", (("outcome", "timeout"),))] == 1
    assert s[("monitor_fetch_seconds_count", ())] == 4
    assert s[("monitor_fetch_seconds_sum", ())] == pytest.approx(20.6)
    # The 20 s timeout lands in the 20 s bucket, not just +Inf.
    assert s[("monitor_fetch_seconds_bucket", (("le", "20.0"),))] == 4
    assert s[("monitor_fetch_seconds_bucket", (("le", "10.0"),))] == 3
    assert s[("monitor_items_total", ())] == 7
    assert s[("monitor_events_total", (("type", "matched"),))] == 1
    assert s[("monitor_events_total", (("type", "updated"),))] == 2
    assert s[("monitor_deliveries_total", (("channel", "ops-mail"), ("outcome", "sent")))] == 1
    assert s[("monitor_deliveries_total", (("channel", "hook"), ("outcome", "retry")))] == 1
    assert s[("monitor_deliveries_total", (("channel", "hook"), ("outcome", "failed")))] == 1
    assert s[("monitor_delivery_queue", ())] == 4
    assert s[("monitor_last_cycle_timestamp_seconds", ())] == 1_700_000_000.0
    assert s[("monitor_feeds_failing", ())] == 2


def test_every_fetch_error_kind_reads_zero_before_it_happens(metrics: Metrics) -> None:
    s = samples(metrics.render().decode())
    for outcome in ("ok", "not_modified", "timeout", "dns", "tls", "http_status", "gone", "other"):
        assert s[("monitor_fetches_total", (("outcome", outcome),))] == 0


def test_unknown_fetch_outcome_is_counted_as_other(metrics: Metrics) -> None:
    metrics.fetch("surprise", 1.0)
    s = samples(metrics.render().decode())
    assert s[("monitor_fetches_total", (("outcome", "other"),))] == 1
    assert not any(labels == (("outcome", "surprise"),) for _, labels in s)


def test_bad_event_or_delivery_labels_are_refused(metrics: Metrics) -> None:
    with pytest.raises(ValueError, match="event type"):
        metrics.event("deleted")
    with pytest.raises(ValueError, match="delivery outcome"):
        metrics.delivery("hook", "lost")


def test_two_instances_do_not_share_counts() -> None:
    a, b = Metrics(), Metrics()
    a.items(3)
    assert samples(b.render().decode())[("monitor_items_total", ())] == 0


def test_served_over_http(metrics: Metrics) -> None:
    bound = metrics.start_server("127.0.0.1:0")
    assert bound.host == "127.0.0.1" and bound.port > 0
    metrics.fetch("ok", 0.5)
    metrics.event("matched")

    r = httpx.get(f"http://127.0.0.1:{bound.port}/metrics", timeout=5)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    s = samples(r.text)
    assert s[("monitor_fetches_total", (("outcome", "ok"),))] == 1
    assert s[("monitor_events_total", (("type", "matched"),))] == 1
    # Only our metrics: no python_gc_* or process_* from the global registry.
    assert all(name.startswith("monitor_") for name, _ in s)

    metrics.close()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{bound.port}/metrics", timeout=2)
    metrics.close()  # twice is fine


def test_listen_address_forms() -> None:
    assert parse_listen("127.0.0.1:9464") == Listen("127.0.0.1", 9464)
    assert parse_listen("[::1]:9464").host == "::1"
    assert parse_listen("localhost:80").port == 80
    for bad in ("9464", "host:", ":9464", "host:99999", "host:abc"):
        with pytest.raises(ValueError, match="HOST:PORT"):
            parse_listen(bad)


def test_port_in_use_is_a_clear_error(metrics: Metrics) -> None:
    bound = metrics.start_server("127.0.0.1:0")
    other = Metrics()
    with pytest.raises(MonitorError, match=f"cannot serve metrics on 127.0.0.1:{bound.port}"):
        other.start_server(f"127.0.0.1:{bound.port}")

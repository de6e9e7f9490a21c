"""The daemon tells systemd it is ready, alive and stopping, over a real datagram socket."""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.notify import Notifier


def _receiver(address: str | bytes) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    sock.settimeout(2)
    return sock


def _messages(sock: socket.socket) -> list[str]:
    """Every datagram waiting on `sock`, decoded."""
    out = []
    sock.settimeout(0.2)
    while True:
        try:
            out.append(sock.recv(4096).decode())
        except TimeoutError:
            return out


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[tuple[socket.socket, dict[str, str]]]:
    """A stand-in for systemd's notify socket, plus the environment systemd would set."""
    path = tmp_path / "notify.sock"
    sock = _receiver(str(path))
    yield sock, {"NOTIFY_SOCKET": str(path)}
    sock.close()


def test_lifecycle_messages_reach_systemd(systemd: tuple[socket.socket, dict[str, str]]) -> None:
    sock, env = systemd
    n = Notifier(env)
    assert n.enabled
    n.ready()
    n.status("polling 12 feeds")
    n.watchdog()
    n.stopping()
    assert _messages(sock) == [
        "READY=1",
        "STATUS=polling 12 feeds",
        "WATCHDOG=1",
        "STOPPING=1",
    ]


def test_ready_can_carry_a_status(systemd: tuple[socket.socket, dict[str, str]]) -> None:
    sock, env = systemd
    Notifier(env).ready("watching 3 feeds")
    assert _messages(sock) == ["READY=1\nSTATUS=watching 3 feeds"]


def test_status_from_feed_text_cannot_inject_commands(
    systemd: tuple[socket.socket, dict[str, str]],
) -> None:
    # A feed title in the status line must not become a second assignment like STOPPING=1.
    sock, env = systemd
    Notifier(env).status("last: Evil\nSTOPPING=1\r\x1b[31mred" + "x" * 500)
    (msg,) = _messages(sock)
    assert "\n" not in msg and "\x1b" not in msg
    assert msg.startswith("STATUS=last: Evil STOPPING=1 [31mred")
    assert len(msg) <= len("STATUS=") + 200


def test_reloading_sends_monotonic_timestamp(
    systemd: tuple[socket.socket, dict[str, str]],
) -> None:
    sock, env = systemd
    n = Notifier(env)
    n.reloading()
    n.ready()
    reload_msg, ready_msg = _messages(sock)
    lines = reload_msg.split("\n")
    assert lines[0] == "RELOADING=1"
    key, _, usec = lines[1].partition("=")
    assert key == "MONOTONIC_USEC"
    now_usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    assert 0 < now_usec - int(usec) < 5_000_000
    assert ready_msg == "READY=1"


def test_abstract_socket() -> None:
    name = f"monitor-test-{uuid.uuid4().hex}"
    sock = _receiver(b"\0" + name.encode())
    try:
        Notifier({"NOTIFY_SOCKET": "@" + name}).ready()
        assert _messages(sock) == ["READY=1"]
    finally:
        sock.close()


def test_without_systemd_everything_is_a_no_op(caplog: pytest.LogCaptureFixture) -> None:
    n = Notifier({})
    assert not n.enabled
    n.ready()
    n.status("x")
    n.watchdog()
    n.reloading()
    n.stopping()
    assert n.watchdog_interval() is None
    assert caplog.records == []


def test_send_failure_never_raises_and_warns_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    n = Notifier({"NOTIFY_SOCKET": str(tmp_path / "nobody-listens.sock")})
    with caplog.at_level(logging.WARNING, logger="monitor.notify"):
        for _ in range(5):
            n.watchdog()
    warnings = [r for r in caplog.records if r.name == "monitor.notify"]
    assert len(warnings) == 1
    assert "nobody-listens.sock" in warnings[0].getMessage()


def test_watchdog_interval_is_half_of_watchdog_sec(tmp_path: Path) -> None:
    base = {"NOTIFY_SOCKET": str(tmp_path / "s")}
    assert Notifier({**base, "WATCHDOG_USEC": "60000000"}).watchdog_interval() == 30.0
    mine = {**base, "WATCHDOG_USEC": "10000000", "WATCHDOG_PID": str(os.getpid())}
    assert Notifier(mine).watchdog_interval() == 5.0
    # Meant for another process (we inherited its environment): do not ping.
    other = {**base, "WATCHDOG_USEC": "10000000", "WATCHDOG_PID": str(os.getpid() + 1)}
    assert Notifier(other).watchdog_interval() is None
    assert Notifier({**base, "WATCHDOG_USEC": "0"}).watchdog_interval() is None
    assert Notifier({**base, "WATCHDOG_USEC": "junk"}).watchdog_interval() is None
    assert Notifier(base).watchdog_interval() is None

"""systemd's sd_notify protocol, by hand: readiness, status line, watchdog pings.

Every method is a no-op when the daemon was not started by systemd (NOTIFY_SOCKET unset), so
the same code runs under systemd, in a terminal and in tests.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import time
from collections.abc import Mapping

log = logging.getLogger("monitor.notify")

# C0/C1 controls and Unicode line/paragraph separators: each would break the one-line status
# or, for "\n", start a new KEY=VALUE assignment that systemd would obey.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_STATUS_LIMIT = 200
# A full socket buffer must not stall the daemon's event loop for long.
_SEND_TIMEOUT = 1.0


def one_line_status(text: str, limit: int = _STATUS_LIMIT) -> str:
    """Status text as systemd shows it: one line, controls replaced by a space, cut to `limit`."""
    text = _CONTROL.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def socket_address(value: str) -> str | bytes | None:
    """NOTIFY_SOCKET value -> address for sendto(): a path, an abstract name, or None."""
    if value.startswith("/"):
        return value
    if value.startswith("@") and len(value) > 1:
        # Linux abstract namespace: the leading "@" stands for a NUL byte.
        return b"\0" + value[1:].encode()
    return None  # unset, relative, or a form we do not speak (vsock:...)


def watchdog_ping_interval(env: Mapping[str, str], pid: int) -> float | None:
    """Seconds between pings (half of WatchdogSec), or None when the watchdog is not for us."""
    usec = env.get("WATCHDOG_USEC", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    # WATCHDOG_PID names the process the watchdog is meant for; a child that inherited the
    # environment must not ping on its parent's behalf.
    owner = env.get("WATCHDOG_PID", "")
    if owner and (not owner.isdigit() or int(owner) != pid):
        return None
    return int(usec) / 1_000_000 / 2


class Notifier:
    """Sends state changes to systemd; never raises, logs the first failed send only."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = os.environ if env is None else env
        raw = self._env.get("NOTIFY_SOCKET", "")
        self._address = socket_address(raw)
        self._warned = False
        if raw and self._address is None:
            self._warn(f"unsupported NOTIFY_SOCKET {raw!r}; systemd notifications are off")

    @property
    def enabled(self) -> bool:
        """True when started by systemd with a notify socket."""
        return self._address is not None

    def ready(self, status: str | None = None) -> None:
        """Startup (or a reload) is complete: systemd marks the unit active."""
        self._send("READY=1", status)

    def status(self, text: str) -> None:
        """One line shown by `systemctl status monitor`."""
        self._send(None, text)

    def watchdog(self) -> None:
        """Proof of life; call every watchdog_interval() seconds."""
        self._send("WATCHDOG=1")

    def stopping(self, status: str | None = None) -> None:
        """Shutdown has begun."""
        self._send("STOPPING=1", status)

    def reloading(self, status: str | None = None) -> None:
        """A reload has begun; call ready() when it is done."""
        # MONOTONIC_USEC lets Type=notify-reload (systemd 253+) tie this message to the reload
        # request; older systemd ignores the extra field.
        usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        self._send(f"RELOADING=1\nMONOTONIC_USEC={usec}", status)

    def watchdog_interval(self) -> float | None:
        """Seconds between watchdog() calls (half of WatchdogSec), or None when it is off."""
        if not self.enabled:
            return None
        return watchdog_ping_interval(self._env, os.getpid())

    def _send(self, fields: str | None, status: str | None = None) -> None:
        if self._address is None:
            return
        lines = [fields] if fields else []
        if status is not None:
            lines.append(f"STATUS={one_line_status(status)}")
        if not lines:
            return
        message = "\n".join(lines).encode("utf-8", "replace")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.settimeout(_SEND_TIMEOUT)
                sock.sendto(message, self._address)
        except OSError as exc:
            self._warn(f"cannot notify systemd at {self._env.get('NOTIFY_SOCKET')!r}: {exc}")

    def _warn(self, text: str) -> None:
        # A broken socket fails every 30 s (watchdog); one warning says it all.
        if not self._warned:
            self._warned = True
            log.warning("%s", text)

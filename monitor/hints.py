"""What to tell someone who does not know monitor yet, in the terms of their config.

A command that shows nothing says why and what to run next; a refusal names what holds the
database; an article skipped by the network guard names the config keys that decide it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.errors import FetchError, FetchErrorKind
from monitor.models import REPORT, iso

if TYPE_CHECKING:
    from monitor.config import Config
    from monitor.store import FeedState, Store

log = logging.getLogger("monitor")

# how netguard words a refusal because of where a host points (literal or resolved address)
_NON_PUBLIC = "non-public address"
_COMMAND_SHOWN = 160  # characters of the lock holder's command line


class PrivateHosts:
    """Warns once per host per run when an article link is refused for pointing inside.

    The guard's refusal is right by default (links come from strangers), but on a first run
    against a local test site it looks like scraping silently does nothing.
    """

    def __init__(self) -> None:
        self._warned: set[str] = set()

    def note(self, exc: FetchError) -> None:
        """Log the WARNING for `exc` if it is such a refusal and its host was not named yet."""
        if exc.kind is not FetchErrorKind.BLOCKED or _NON_PUBLIC not in exc.message:
            return
        from monitor.netguard import connect_host

        host = connect_host(exc.url) or exc.url
        if host in self._warned:
            return
        self._warned.add(host)
        log.warning(
            "article links to %s are not fetched (%s); their items are matched on the feed's "
            "own text. Links from feeds may reach loopback/private addresses only when the "
            "config says so: scraping.allow_hosts = [%s] (this host) or "
            "scraping.allow_private_networks = true",
            host,
            exc.message,
            json.dumps(host),
        )


def lock_holder(db_path: Path) -> str:
    """Who holds the database's single-instance lock: 'pid 1234 (monitor run)', as known."""
    from monitor.store import daemon_running

    pid = daemon_running(db_path)
    if pid is None or pid < 0:
        return "another monitor process"
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return f"pid {pid}"
    words = [w.decode(errors="replace") for w in raw.split(b"\0") if w]
    if not words:
        return f"pid {pid}"
    command = " ".join([Path(words[0]).name, *words[1:]])
    if len(command) > _COMMAND_SHOWN:  # the end says what it is doing: keep that
        command = "..." + command[-_COMMAND_SHOWN:]
    return f"pid {pid} ({command})"


def refusal(db_path: Path, command: str) -> str:
    """The message of a command that must run alone and cannot."""
    return (
        f"{db_path} is in use by {lock_holder(db_path)}; `monitor {command}` must run alone: "
        "stop that process first (for the service: systemctl stop monitor)"
    )


def _never_polled(store: Store) -> bool:
    return store.last_cycle() is None


def no_events(store: Store, since: datetime | None, commentary_shown: bool = False) -> str:
    """Why `monitor events` has nothing to show, and what to run."""
    from monitor.store import to_iso

    if _never_polled(store):
        return "no events yet: no feed has been polled (`monitor once` polls them all once)"
    when, params = ("", []) if since is None else (" AND first_seen_at >= ?", [to_iso(since)])
    hidden = 0
    if not commentary_shown:
        hidden = store.conn.execute(
            f"SELECT count(*) FROM events WHERE kind != ?{when}", [REPORT, *params]
        ).fetchone()[0]
    if hidden:
        return (
            f"no events{'' if since is None else ' first seen since ' + iso(since)} but "
            f"{hidden} commentary (analysis, opinion...): `monitor events --all` shows them"
        )
    items = store.conn.execute("SELECT count(*) FROM items").fetchone()[0]
    if since is not None:
        return f"no events first seen since {iso(since)} ({items} items stored in all)"
    return (
        f"no events yet: {items} items stored, none matched the rules "
        "(`monitor rules test FILE` shows what a ruleset would match)"
    )


def never_polled(states: Sequence[FeedState]) -> str | None:
    """A line for `monitor feeds` when none of the feeds was fetched yet, else None."""
    if any(s.last_fetch_at for s in states):
        return None
    return "no feed has been polled yet: `monitor once` polls them all, `monitor run` keeps at it"


def no_deliveries(config: Config, failed: bool) -> str:
    """Why `monitor deliveries` has nothing to show."""
    if not config.alerts.channels:
        return (
            f"no deliveries: no alert channel is configured in {config.path} "
            "(add an [[alerts.webhook]] or [[alerts.email]] table)"
        )
    if failed:
        return "no failed deliveries"
    return "no deliveries yet: alerts are queued here when an event matches"

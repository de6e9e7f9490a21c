"""`monitor vacuum`: prune old items in batches (with progress on a terminal), then compact."""

from __future__ import annotations

import sys
from datetime import datetime

from monitor.progress import progress
from monitor.store import Store, to_iso

# items deleted per statement: each batch commits on its own, so a large prune never holds
# the write lock long enough to stall a daemon's cycle, and progress moves in steps
BATCH = 2000


def prune_items(store: Store, before: datetime) -> int:
    """Delete items first seen before `before` (events and their sources stay); how many."""
    cutoff = to_iso(before)
    total = store.conn.execute(
        "SELECT count(*) FROM items WHERE first_seen_at < ?", [cutoff]
    ).fetchone()[0]
    pruned = 0
    with progress(total, "pruning", "items") as advance:
        while pruned < total:
            done = store.conn.execute(
                "DELETE FROM items WHERE id IN "
                "(SELECT id FROM items WHERE first_seen_at < ? LIMIT ?)",
                [cutoff, BATCH],
            ).rowcount
            if done <= 0:
                break
            pruned += done
            advance(done)
    return pruned


def prune_event_keys(store: Store, before: datetime) -> int:
    """Forget the identity keys of events older than `before`: no new report can join them
    any more (the identity window is days), and the events themselves stay."""
    day = before.date().toordinal() - datetime(1970, 1, 1).date().toordinal()
    return int(store.conn.execute("DELETE FROM event_keys WHERE day < ?", [day]).rowcount)


def compact(store: Store) -> None:
    """VACUUM: one statement with no progress to report, so say what is going on instead."""
    if sys.stderr.isatty():
        size = store.path.stat().st_size
        print(f"compacting the database ({size / 1e6:.1f} MB)...", file=sys.stderr, flush=True)
    store.vacuum()

"""The alert outbox: one row per alert per channel, sent until accepted or the window ends.

Rows are written in the same transaction as the event they announce (see pipeline), so an
alert exists exactly when its event does. A row is claimed ('sending') and committed before
each attempt: a crash mid-send leaves it visible, and the next start retries it with the same
id, which receivers use to drop a repeat (webhook-id, email Message-ID).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import httpx

from monitor.alert import redact_url, retry_delay, send_email, send_webhook
from monitor.config import AppriseChannel, Channel, Config, EmailChannel, WebhookChannel
from monitor.errors import DeliveryError
from monitor.models import DETAIL_KEYS, Alert, details_from_payload, iso
from monitor.store import AsyncStore, Delivery, EventRow, Store, from_iso, now_utc
from monitor.textnorm import one_line

if TYPE_CHECKING:
    from monitor.metrics import Metrics

log = logging.getLogger("monitor")

# `monitor once` waits this long at most for deliveries whose first retry is due soon.
ONCE_DELIVERY_GRACE = 12.0
# How often `settle` tries again to record outcomes the store refused (locked, disk full).
RECORD_RETRY_EVERY = 1.0


# the retry window of a delivery sent again whose channel is no longer configured
REDELIVER_WINDOW = 3 * 86400.0


def retry_windows(config: Config) -> dict[str, float]:
    """Each configured channel's retry window, by channel name."""
    return {c.name: c.retry_window for c in config.alerts.channels}


def redeliver(
    store: Store, windows: Mapping[str, float], delivery_id: str, now: datetime
) -> Delivery | None:
    """Queue a delivery again, same id, due now with its channel's retry window ahead (what
    `monitor redeliver` and the web view's button do); None when there is no such delivery."""
    d = store.delivery(delivery_id)
    if d is None:
        return None
    window = windows.get(d.channel, REDELIVER_WINDOW)
    store.requeue(delivery_id, now, now + timedelta(seconds=window))
    return d


def _json(alert: Alert) -> str:
    return json.dumps(alert.payload(), ensure_ascii=False)


def delivery_id(*parts: str) -> str:
    """Stable id of one alert to one channel: the webhook-id and Message-ID of every retry."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return "msg_" + digest[:26]


def alert_from_payload(payload: str) -> Alert:
    """Rebuild the Alert stored in the outbox (the payload is the contract's JSON)."""
    data = json.loads(payload)
    known = {"type", "id", "title", "url", "source", "published", "rules", "snippet", "score"}
    known |= DETAIL_KEYS
    return Alert(
        type=data["type"],
        id=data["id"],
        title=data.get("title", ""),
        url=data.get("url", ""),
        source=data.get("source", ""),
        published=from_iso(data.get("published")),
        rules=tuple(data.get("rules", ())),
        snippet=data.get("snippet", ""),
        score=float(data.get("score", 0.0)),
        extra={k: str(v) for k, v in data.items() if k not in known},
        event=details_from_payload(data),
    )


class Outbox:
    """Queues alerts for every configured channel and delivers them with retries."""

    def __init__(
        self,
        config: Config,
        store: Store,
        db: AsyncStore,
        client: httpx.AsyncClient,
        metrics: Metrics | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.db = db
        self.client = client
        self.metrics = metrics
        self.rng = rng or random.Random()
        # channels that answered 410 Gone: their rows wait for a restart
        self._disabled_channels: set[str] = set()
        self._deliver_lock = asyncio.Lock()
        # outcomes of attempts the store refused to record, by delivery id: their rows stay
        # 'sending', which no sweep takes, so they are neither sent again nor forgotten
        self._unrecorded: dict[str, tuple[Callable[..., None], tuple[object, ...]]] = {}

    @property
    def unrecorded(self) -> int:
        """Outcomes of attempts not recorded yet (the store refused them; retried each sweep)."""
        return len(self._unrecorded)

    def enqueue(self, alert: Alert, key: Sequence[str], now: datetime) -> None:
        """One outbox row per channel, in the caller's transaction (db thread)."""
        payload = _json(alert)
        for channel in self.config.alerts.channels:
            self.store.enqueue(
                delivery_id=delivery_id(*key, channel.name),
                event_id=alert.id,
                channel=channel.name,
                kind=channel.kind,
                type=alert.type,
                payload=payload,
                at=now,
                expires_at=now + timedelta(seconds=channel.retry_window),
            )

    def refresh_waiting(self, event: EventRow) -> None:
        """An event.matched not tried yet carries the event as it is now (db thread): a report
        that joined before the alert went out is among its sources."""
        for channel in self.config.alerts.channels:
            waiting = self.store.waiting_delivery(event.id, channel.name)
            if waiting is not None and waiting.type == "event.matched":
                self.store.set_payload(waiting.id, _json(event.alert("event.matched")))

    def enqueue_update(
        self,
        event: EventRow,
        changes: Sequence[str],
        now: datetime,
        last_update: datetime | None,
        interval: float,
    ) -> datetime | None:
        """Announce what an event gained (db thread): folded into its alert not sent yet when
        there is one, else one event.updated per channel, at most one per `interval`.

        Returns when a new event.updated is due (None when everything was folded)."""
        due = now
        if last_update is not None:
            due = max(now, last_update + timedelta(seconds=interval))
        queued = False
        for channel in self.config.alerts.channels:
            waiting = self.store.waiting_delivery(event.id, channel.name)
            if waiting is not None and waiting.type == "event.matched":
                # not sent yet: the first alert simply carries the fuller picture
                self.store.set_payload(waiting.id, _json(event.alert("event.matched")))
                continue
            if waiting is not None:
                before = json.loads(waiting.payload).get("changes") or []
                merged = tuple(dict.fromkeys([*before, *changes]))
                self.store.set_payload(
                    waiting.id, _json(event.alert("event.updated", changes=merged))
                )
                continue
            alert = event.alert("event.updated", changes=tuple(changes))
            self.store.enqueue(
                delivery_id=delivery_id("event.updated", event.id, iso(due), channel.name),
                event_id=event.id,
                channel=channel.name,
                kind=channel.kind,
                type=alert.type,
                payload=_json(alert),
                at=now,
                expires_at=due + timedelta(seconds=channel.retry_window),
                due=due,
            )
            queued = True
        return due if queued else None

    async def deliver_due(self) -> int:
        """Send every due delivery once; record each outcome. Returns how many were accepted."""
        async with self._deliver_lock:
            await self._record_unrecorded()
            # rows of a channel disabled by a 410 wait for a restart; they must not fill the batch
            skip = sorted(self._disabled_channels)
            due = await self.db.read(self.store.due_deliveries, now_utc(), 500, skip)
            channels = {c.name: c for c in self.config.alerts.channels}
            sem = asyncio.Semaphore(8)

            async def one(d: Delivery) -> bool:
                async with sem:
                    return await self._deliver(d, channels.get(d.channel))

            outcomes = await asyncio.gather(*(one(d) for d in due), return_exceptions=True)
            sent = 0
            for d, outcome in zip(due, outcomes, strict=True):
                if isinstance(outcome, BaseException):
                    # stays 'sending': retried with the same id at the next start
                    log.error("delivery %s: unexpected error: %s", d.id, one_line(repr(outcome)))
                else:
                    sent += outcome
            if self.metrics:
                self.metrics.set_queue(await self.db.read(self.store.pending_count))
            return sent

    async def settle(self, grace: float = ONCE_DELIVERY_GRACE) -> int:
        """Deliver what is due, then keep retrying what comes due within `grace` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        sent = 0
        while True:
            # a channel disabled by a 410 keeps its rows pending: they must not be waited for
            skip = sorted(self._disabled_channels)
            nxt = await self.db.read(self.store.next_delivery_at, skip)
            if nxt is None and not self._unrecorded:
                return sent
            wait = RECORD_RETRY_EVERY if nxt is None else (nxt - now_utc()).total_seconds()
            if self._unrecorded:
                wait = min(wait, RECORD_RETRY_EVERY)
            if loop.time() + wait > deadline:
                if self._unrecorded:
                    log.error(
                        "%d delivery outcomes could not be recorded: those deliveries are "
                        "retried at the next start, with the same id",
                        len(self._unrecorded),
                    )
                return sent
            await asyncio.sleep(max(0.0, wait))
            sent += await self.deliver_due()

    async def _deliver(self, d: Delivery, channel: Channel | None) -> bool:
        now = now_utc()
        if channel is None:
            await self.db.write(self.store.mark_failed, d.id, "channel no longer configured")
            log.error("delivery %s failed: channel %r is no longer configured", d.id, d.channel)
            return False
        if channel.name in self._disabled_channels:
            return False
        try:
            if not await self.db.write(self.store.mark_sending, d.id):
                return False  # someone else took it (or it is no longer pending)
        except sqlite3.Error as exc:
            # not claimed, so not sent: it stays pending for the next sweep
            log.warning("delivery %s waits: the database refused the claim: %s", d.id, exc)
            return False
        try:
            alert = alert_from_payload(d.payload)
            if isinstance(channel, EmailChannel):
                await send_email(channel, alert, d.id)
            elif isinstance(channel, AppriseChannel):
                from monitor.alert_apprise import send_apprise  # loads apprise only when used

                # the stored payload as is: the message shows who/where/when from its JSON
                await send_apprise(channel, json.loads(d.payload), d.id)
            else:
                await send_webhook(self.client, channel, alert, d.id)
        except Exception as exc:
            error = exc if isinstance(exc, DeliveryError) else DeliveryError(one_line(repr(exc)))
            if isinstance(channel, WebhookChannel):
                error.message = redact_url(error.message, channel.url)
            return await self._delivery_failed(d, channel, error, now)
        await self._record(d.id, self.store.mark_sent, d.id, now_utc())
        if self.metrics:
            self.metrics.delivery(channel.name, "sent")
        log.info("alert %s (%s %s) delivered to %s", d.id, alert.type, alert.id, channel.name)
        return True

    async def _delivery_failed(
        self, d: Delivery, channel: Channel, error: DeliveryError, now: datetime
    ) -> bool:
        message = one_line(error.message, 300)
        attempts = d.attempts + 1
        delay = max(retry_delay(attempts, self.rng), error.retry_after or 0.0)
        # a receiver may ask for any pause (Retry-After: 10^20): none outlasts the window
        delay = min(delay, max(0.0, (d.expires_at - now).total_seconds()))
        next_at = now + timedelta(seconds=delay)
        if error.permanent or now >= d.expires_at:
            await self._record(d.id, self.store.mark_failed, d.id, message)
            if self.metrics:
                self.metrics.delivery(channel.name, "failed")
            why = "permanent error" if error.permanent else "retry window ended"
            log.error(
                "ALERT NOT DELIVERED: %s to %s failed after %d attempts (%s): %s",
                d.id,
                channel.name,
                attempts,
                why,
                message,
            )
            if error.permanent and channel.kind == "webhook":
                self._disabled_channels.add(channel.name)
                log.error("channel %s disabled until restart: %s", channel.name, message)
            return False
        # the last try happens at the end of the window rather than never
        await self._record(d.id, self.store.mark_retry, d.id, message, min(next_at, d.expires_at))
        if self.metrics:
            self.metrics.delivery(channel.name, "retry")
        log.warning(
            "alert %s to %s failed (attempt %d), retry in %ds: %s",
            d.id,
            channel.name,
            attempts,
            delay,
            message,
        )
        return False

    async def _record(self, delivery_id: str, fn: Callable[..., None], *args: object) -> None:
        """Record an attempt's outcome; if the store refuses, keep it to record at each sweep."""
        self._unrecorded[delivery_id] = (fn, args)
        await self._record_unrecorded()

    async def _record_unrecorded(self) -> None:
        """Write the outcomes the store refused before (another process held the write lock
        past the busy timeout, the disk was full), now that it may take them."""
        for delivery_id, (fn, args) in list(self._unrecorded.items()):
            try:
                await self.db.write(fn, *args)
            except sqlite3.Error as exc:
                log.error(
                    "delivery %s: its outcome is not recorded yet (%s); trying again at the "
                    "next sweep, and it is not sent again meanwhile",
                    delivery_id,
                    exc,
                )
                return
            # a newer outcome of the same delivery may have come meanwhile: keep that one
            if self._unrecorded.get(delivery_id, (None, None))[1] is args:
                del self._unrecorded[delivery_id]

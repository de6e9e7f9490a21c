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
from collections.abc import Sequence
from datetime import datetime, timedelta

import httpx

from monitor.alert import retry_delay, send_email, send_webhook
from monitor.config import AppriseChannel, Channel, Config, EmailChannel
from monitor.errors import DeliveryError
from monitor.metrics import Metrics
from monitor.models import DETAIL_KEYS, Alert, details_from_payload, iso
from monitor.store import AsyncStore, Delivery, EventRow, Store, from_iso, now_utc
from monitor.textnorm import one_line

log = logging.getLogger("monitor")

# `monitor once` waits this long at most for deliveries whose first retry is due soon.
ONCE_DELIVERY_GRACE = 12.0


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
            if nxt is None:
                return sent
            wait = (nxt - now_utc()).total_seconds()
            if loop.time() + wait > deadline:
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
        if not await self.db.write(self.store.mark_sending, d.id):
            return False  # someone else took it (or it is no longer pending)
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
            return await self._delivery_failed(d, channel, error, now)
        await self.db.write(self.store.mark_sent, d.id, now_utc())
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
        next_at = now + timedelta(seconds=delay)
        if error.permanent or now >= d.expires_at:
            await self.db.write(self.store.mark_failed, d.id, message)
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
        await self.db.write(self.store.mark_retry, d.id, message, min(next_at, d.expires_at))
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

"""`monitor test-alert`: send a sample alert through channels and report each outcome."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from monitor.alert import send_email, send_webhook
from monitor.config import AppriseChannel, Channel, Config, EmailChannel
from monitor.errors import DeliveryError
from monitor.fetch import Fetcher
from monitor.models import Alert
from monitor.store import now_utc


def sample_alert() -> Alert:
    """A clearly labelled test alert (never confused with a real event)."""
    return Alert(
        type="event.matched",
        id="ev_test_" + uuid.uuid4().hex[:12],
        title="[TEST] monitor test alert",
        url="https://example.org/monitor-test-alert",
        source="monitor test-alert",
        published=now_utc(),
        rules=("test-alert",),
        snippet="This is a test alert sent by `monitor test-alert`; no event matched.",
        score=0.0,
    )


async def send_test_alerts(
    config: Config, channels: Sequence[Channel]
) -> list[tuple[str, str | None]]:
    """Send one sample alert per channel; (channel name, error or None) for each."""
    results: list[tuple[str, str | None]] = []
    async with Fetcher(config.polling, config.scraping) as fetcher:
        for channel in channels:
            alert = sample_alert()
            msg_id = "msg_test_" + uuid.uuid4().hex[:20]
            try:
                if isinstance(channel, EmailChannel):
                    await send_email(channel, alert, msg_id)
                elif isinstance(channel, AppriseChannel):
                    from monitor.alert_apprise import send_apprise

                    await send_apprise(channel, alert.payload(), msg_id)
                else:
                    await send_webhook(fetcher.client, channel, alert, msg_id)
            except DeliveryError as exc:
                results.append((channel.name, exc.message))
                continue
            except Exception as exc:  # report anything, never a traceback
                results.append((channel.name, f"{type(exc).__name__}: {exc}"))
                continue
            results.append((channel.name, None))
    return results

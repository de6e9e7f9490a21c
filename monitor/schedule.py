"""`monitor run`: the daemon. One APScheduler job per feed, a delivery job, housekeeping,
signals (TERM/INT stop, HUP reload), systemd notify and the metrics endpoint."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from monitor.config import Config, FeedConfig, load_config
from monitor.errors import MonitorError
from monitor.extract import Extractor
from monitor.fetch import Fetcher
from monitor.metrics import Metrics
from monitor.notify import Notifier
from monitor.pipeline import CycleStats, FeedOutcome, Monitor, tune_gc
from monitor.rules import load_ruleset
from monitor.store import Store, daemon_lock, now_utc

log = logging.getLogger("monitor")

# SIGTERM must end the process within 10 s: in-flight work gets this long, then is cancelled.
STOP_GRACE = 6.0
DELIVERY_EVERY = 5.0
HOUSEKEEPING_EVERY = 6 * 3600.0


class Daemon:
    """The long-running monitor: owns the scheduler and reacts to signals."""

    def __init__(self, config: Config, monitor: Monitor, notifier: Notifier) -> None:
        self.config = config
        self.monitor = monitor
        self.notifier = notifier
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self.stopping = asyncio.Event()
        self.tasks: set[asyncio.Task[object]] = set()
        self.totals = CycleStats()
        self.window_started = now_utc()

    # ---- jobs --------------------------------------------------------------------------

    def _tracked(self, fn: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[None]]:
        """Wrap a job so shutdown can wait for it; a job's error is logged, never fatal."""

        async def job() -> None:
            if self.stopping.is_set():
                return
            task = asyncio.current_task()
            assert task is not None
            self.tasks.add(task)
            try:
                await fn()
            except asyncio.CancelledError:
                # only shutdown cancels, after the grace period: the work runs again next start
                log.info("job cancelled at shutdown")
            except Exception as exc:
                log.error("job failed: %s: %s", type(exc).__name__, exc)
            finally:
                self.tasks.discard(task)

        return job

    def _feed_job(self, name: str) -> Callable[[], Awaitable[None]]:
        async def poll() -> None:
            feed = next((f for f in self.config.feeds if f.name == name), None)
            if feed is None:
                return
            state = await self.monitor.db.read(self.monitor.store.feed_state, name)
            # backoff from the fetch stage: a failing feed waits for its next attempt
            if (
                state.consecutive_failures
                and state.next_attempt_at
                and state.next_attempt_at > now_utc()
            ):
                return
            outcome = await self.monitor.poll_feed(feed, state)
            self._count(outcome)
            if outcome.new_events:
                await self._deliver()

        return self._tracked(poll)

    def _count(self, o: FeedOutcome) -> None:
        if o.skipped:
            return
        t = self.totals
        self.totals = replace(
            t,
            feeds_ok=t.feeds_ok + o.ok,
            feeds_failed=t.feeds_failed + (not o.ok),
            new_items=t.new_items + o.new_items,
            new_events=t.new_events + o.new_events,
        )

    async def _deliver(self) -> None:
        sent = await self.monitor.deliver_due()
        if sent:
            self.totals = replace(self.totals, alerts_sent=self.totals.alerts_sent + sent)

    async def _summary(self) -> None:
        """The daemon's 'cycle' line: totals over the last polling interval."""
        t, started, now = self.totals, self.window_started, now_utc()
        self.totals, self.window_started = CycleStats(), now
        await self.monitor.record_cycle(started, t)
        store = self.monitor.store
        states = await self.monitor.db.read(store.feed_states, [f.name for f in self.config.feeds])
        failing = sum(1 for s in states if s.consecutive_failures or s.gone)
        if self.monitor.metrics:
            self.monitor.metrics.set_failing(failing)
        self.notifier.status(
            f"feeds ok {len(states) - failing}, failing {failing}; last cycle {now:%H:%M:%S}Z: "
            f"{t.new_items} new items, {t.new_events} new events, {t.alerts_sent} alerts"
        )

    async def _housekeeping(self) -> None:
        now = now_utc()
        store = self.monitor.store
        keep = timedelta(seconds=self.config.storage.keep)
        window = timedelta(seconds=self.config.matching.dedup_window)
        pruned = await self.monitor.db.write(store.prune_items, now - keep)
        stories = await self.monitor.db.write(self.monitor.stories.prune, now - window)
        if pruned or stories:
            log.info("housekeeping: pruned %d items, %d story signatures", pruned, stories)

    # ---- scheduling --------------------------------------------------------------------

    def schedule_feed(self, feed: FeedConfig, first: datetime | None = None) -> None:
        jitter = self.config.polling.jitter or min(feed.interval * 0.1, 30.0)
        self.scheduler.add_job(
            self._feed_job(feed.name),
            IntervalTrigger(seconds=feed.interval, jitter=jitter),
            id=f"feed:{feed.name}",
            name=f"poll {feed.name}",
            next_run_time=first or now_utc(),
            coalesce=True,  # after a suspend, one catch-up run, not a burst
            max_instances=1,  # never two polls of the same feed at once
            misfire_grace_time=max(int(feed.interval), 1),
            replace_existing=True,
        )

    def start(self) -> None:
        for feed in self.config.feeds:
            self.schedule_feed(feed)
        every = dict(coalesce=True, max_instances=1, replace_existing=True)
        self.scheduler.add_job(
            self._tracked(self._deliver),
            IntervalTrigger(seconds=DELIVERY_EVERY),
            id="deliveries",
            next_run_time=now_utc(),
            **every,
        )
        summary_every = min(f.interval for f in self.config.feeds)
        self.scheduler.add_job(
            self._tracked(self._summary),
            IntervalTrigger(seconds=summary_every),
            id="summary",
            **every,
        )
        self.scheduler.add_job(
            self._tracked(self._housekeeping),
            IntervalTrigger(seconds=HOUSEKEEPING_EVERY),
            id="housekeeping",
            next_run_time=now_utc() + timedelta(seconds=60),
            **every,
        )
        self.scheduler.start()

    async def reload(self) -> None:
        """SIGHUP: re-read config and rules; a broken new config keeps the old one running."""
        self.notifier.reloading()
        try:
            config = load_config(self.config.path)
            ruleset = load_ruleset(config.matching.rules)
        except MonitorError as exc:
            log.error("reload refused, still running the previous config: %s", exc)
            self.notifier.ready()
            return
        old = {f.name: f for f in self.config.feeds}
        new = {f.name: f for f in config.feeds}
        for name in old.keys() - new.keys():
            self.scheduler.remove_job(f"feed:{name}")
        # through the database thread: the connection is never used from two threads at once
        await self.monitor.db.write(
            self.monitor.store.sync_feeds, [(f.name, f.url) for f in config.feeds]
        )
        if (config.polling, config.scraping) != (self.config.polling, self.config.scraping):
            log.warning("reload: [polling] and [scraping] limits take effect after a restart")
        self.config = config
        self.monitor.reconfigure(config, ruleset)
        for name, feed in new.items():
            if name not in old or old[name] != feed:
                self.schedule_feed(feed)
        log.info(
            "reloaded %s: %d feeds (%d added, %d removed), %d rules",
            config.path,
            len(new),
            len(new.keys() - old.keys()),
            len(old.keys() - new.keys()),
            len(ruleset.rules),
        )
        self.notifier.ready()

    def _on_hup(self) -> None:
        task = asyncio.ensure_future(self.reload())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.stopping.set)
        loop.add_signal_handler(signal.SIGINT, self.stopping.set)
        loop.add_signal_handler(signal.SIGHUP, self._on_hup)
        self.start()
        self.notifier.ready()
        self.notifier.status(f"polling {len(self.config.feeds)} feeds")
        log.info("monitor running: %d feeds", len(self.config.feeds))
        watchdog = self.notifier.watchdog_interval()
        while not self.stopping.is_set():
            try:
                await asyncio.wait_for(self.stopping.wait(), timeout=watchdog or 3600)
            except TimeoutError:
                # pinged from the loop itself: a stuck loop stops the pings and systemd restarts us
                self.notifier.watchdog()
        log.info("stopping: finishing in-flight work (at most %.0fs)", STOP_GRACE)
        self.notifier.stopping()
        # no new runs, but the ones under way may finish: shutdown() would cancel them at once
        self.scheduler.pause()
        if self.tasks:
            _, pending = await asyncio.wait(set(self.tasks), timeout=STOP_GRACE)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=1.0)
                log.warning("stopped %d unfinished jobs; they run again next start", len(pending))
        self.scheduler.shutdown(wait=False)


def run_daemon(config: Config) -> int:
    """Run until SIGTERM/SIGINT; exit code 0 on a clean stop."""
    with daemon_lock(config.storage.path) as locked:
        if not locked:
            from monitor.hints import refusal

            log.error("%s", refusal(config.storage.path, "run"))
            return 1
        return asyncio.run(_main(config))


async def _main(config: Config) -> int:
    ruleset = load_ruleset(config.matching.rules)
    store = Store(config.storage.path)
    recovered = store.recover_interrupted()
    if recovered:
        log.warning("%d deliveries interrupted by a crash are queued again", recovered)
    metrics = Metrics()
    if config.metrics.listen:
        metrics.start_server(config.metrics.listen)
        log.info("metrics on http://%s/metrics", config.metrics.listen)
    web_view = None
    if config.web.listen:
        from monitor.webserver import start_web_view

        try:
            web_view = await start_web_view(config, config.web.listen)
        except MonitorError:
            metrics.close()
            store.close()
            raise
    notifier = Notifier()
    extractor = Extractor(max_size=config.scraping.max_size) if config.scraping.enabled else None
    tune_gc()
    try:
        async with Fetcher(config.polling, config.scraping) as fetcher:
            monitor = Monitor(config, store, ruleset, fetcher, extractor, metrics)
            try:
                await Daemon(config, monitor, notifier).run()
            finally:
                await monitor.close()
    finally:
        if web_view is not None:
            await web_view.close()
        if extractor is not None:
            extractor.close()
        metrics.close()
        store.close()
    log.info("monitor stopped")
    return 0

"""The `monitor` command line: argument parsing, exit codes, printing. No logic of its own."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from monitor import __version__
from monitor.config import (
    AppriseChannel,
    Config,
    EmailChannel,
    load_config,
    parse_duration,
    read_secret,
    resolve_config_path,
)
from monitor.errors import ConfigError, MonitorError, RulesError
from monitor.models import iso, source_json

if TYPE_CHECKING:
    from monitor.store import EventRow, Store

log = logging.getLogger("monitor")

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="monitor",
        description="Poll news feeds, match articles against rules, alert once per story.",
    )
    p.add_argument("--version", action="version", version=f"monitor {__version__}")
    p.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: $MONITOR_CONFIG, else config/monitor.toml)",
    )
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.add_argument("--log-format", default="plain", choices=["plain", "json"])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="run the daemon until SIGTERM/SIGINT")
    sub.add_parser("once", help="one full cycle over every feed, then exit")
    sub.add_parser("check", help="validate the config and the rules")
    ev = sub.add_parser("events", help="matched events, newest first")
    ev.add_argument("--json", action="store_true", help="one JSON object a line")
    ev.add_argument("--since", metavar="WHEN", type=_since, help=SINCE)
    ev.add_argument(
        "--all", action="store_true", help="commentary (analysis, opinion...) too, with its kind"
    )
    ev.add_argument("--explain", metavar="ID", help="which reports joined event ID, and why")
    fe = sub.add_parser("feeds", help="each feed's health")
    fe.add_argument("--json", action="store_true", help="one JSON object a line")
    de = sub.add_parser("deliveries", help="alert deliveries (the outbox)")
    de.add_argument("--failed", action="store_true", help="only those that failed for good")
    de.add_argument("--json", action="store_true", help="one JSON object a line")
    rd = sub.add_parser("redeliver", help="queue a delivery again (same id)")
    rd.add_argument("id", help="delivery id, as shown by `monitor deliveries`")
    ta = sub.add_parser("test-alert", help="send a sample alert through each channel")
    ta.add_argument("channel", nargs="?", help="only this channel (by name)")
    ru = sub.add_parser("rules", help="work with rules files")
    rsub = ru.add_subparsers(dest="rules_command", required=True, metavar="SUBCOMMAND")
    rt = rsub.add_parser("test", help="run a ruleset over stored items, without alerting")
    rt.add_argument("file", help='rules file, or "builtin:isis-syria"')
    rt.add_argument("--since", metavar="WHEN", type=_since, help=SINCE)
    rm = sub.add_parser("rematch", help="apply the configured rules to stored items")
    rm.add_argument("--since", metavar="WHEN", type=_since, required=True, help=SINCE)
    sub.add_parser("status", help="daemon, last cycle, failing feeds, deliveries")
    sub.add_parser("vacuum", help="compact the database")
    sv = sub.add_parser("serve", help="the web view of the events (polls nothing)")
    sv.add_argument(
        "--listen",
        metavar="HOST:PORT",
        type=_listen,
        help="default: [web] listen, else 127.0.0.1:8080",
    )
    it = sub.add_parser("init", help="write a commented starter config, then say what to run")
    it.add_argument("dir", nargs="?", metavar="DIR", help="where (default: where --config points)")
    it.add_argument("--webhook", metavar="URL", help="switch the webhook channel on, to this URL")
    sub.add_parser("secret", help="print a new webhook signing secret (whsec_...)")
    di = sub.add_parser("discover", help="list the feeds a web page advertises")
    di.add_argument("url", metavar="URL", type=_page_url, help="a site's page, e.g. its home")
    return p


def _listen(text: str) -> str:
    from monitor.metrics import parse_listen

    try:
        parse_listen(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


SINCE = "only those first seen since WHEN: ISO 8601 (2026-11-23T21:00Z) or a duration ago (12h, 2d)"


def _since(text: str) -> datetime:
    """An --since value: an ISO 8601 date/time, or a duration back from now ("12h", "2d")."""
    try:
        seconds = parse_duration(text)
    except ValueError:
        pass
    else:
        try:
            return datetime.now(UTC) - timedelta(seconds=seconds)
        except OverflowError:
            return datetime(1, 1, 2, tzinfo=UTC)  # further back than any date: everything
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date/time nor a duration: {text!r} "
            "(e.g. 2026-11-23, 2026-11-23T21:00Z, 12h, 2d)"
        ) from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _page_url(text: str) -> str:
    from monitor.netguard import url_problem

    if problem := url_problem(text):
        raise argparse.ArgumentTypeError(f"{problem}: {text!r}")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    from monitor.logs import setup_logging

    setup_logging(args.log_level, args.log_format)
    config_path = resolve_config_path(args.config)
    try:
        return _dispatch(args, config_path)
    except (ConfigError, RulesError) as exc:
        print(f"monitor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except MonitorError as exc:
        print(f"monitor: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_OK
    except BrokenPipeError:
        # `monitor events | head`: the reader left; say nothing more, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


# Commands that write events or send alerts: never beside a running daemon (or each other),
# whose in-flight deliveries they would otherwise take for crashed ones and send again.
EXCLUSIVE = {"once", "rematch", "vacuum"}


def _dispatch(args: argparse.Namespace, config_path: Path) -> int:
    if args.command in WITHOUT_CONFIG:
        return WITHOUT_CONFIG[args.command](args)
    config = load_config(config_path)
    if args.command in EXCLUSIVE:
        from monitor.hints import refusal
        from monitor.store import daemon_lock

        with daemon_lock(config.storage.path) as locked:
            if not locked:
                print(f"monitor: {refusal(config.storage.path, args.command)}", file=sys.stderr)
                return EXIT_FAILURE
            return _run_command(args, config)
    return _run_command(args, config)


def _run_command(args: argparse.Namespace, config: Config) -> int:
    cmd = args.command
    if cmd == "check":
        return cmd_check(config)
    if cmd == "once":
        import asyncio

        from monitor.pipeline import run_once

        asyncio.run(run_once(config))
        return EXIT_OK
    if cmd == "run":
        from monitor.schedule import run_daemon

        return run_daemon(config)
    if cmd == "events":
        if args.explain:
            return cmd_explain(config, args.explain, args.json)
        return cmd_events(config, args.since, args.json, args.all)
    if cmd == "feeds":
        return cmd_feeds(config, args.json)
    if cmd == "deliveries":
        return cmd_deliveries(config, args.failed, args.json)
    if cmd == "redeliver":
        return cmd_redeliver(config, args.id)
    if cmd == "test-alert":
        return cmd_test_alert(config, args.channel)
    if cmd == "rules":
        return cmd_rules_test(config, args.file, args.since)
    if cmd == "rematch":
        return cmd_rematch(config, args.since)
    if cmd == "status":
        return cmd_status(config)
    if cmd == "vacuum":
        return cmd_vacuum(config)
    if cmd == "serve":
        from monitor.webserver import serve

        return serve(config, args.listen)
    raise AssertionError(cmd)


def _store(config: Config) -> Store:
    from monitor.store import Store

    return Store(config.storage.path)


def cmd_check(config: Config) -> int:
    from monitor.rules import load_ruleset

    ruleset = load_ruleset(config.matching.rules)

    for ch in config.alerts.channels:
        if isinstance(ch, AppriseChannel):
            _check_apprise(ch)
            continue
        env = ch.password_env if isinstance(ch, EmailChannel) else ch.secret_env
        value = read_secret(env) if env else None
        if env and value is None:
            print(f"warning: {ch.name}: environment variable {env} is not set", file=sys.stderr)
        elif env and value is not None and not isinstance(ch, EmailChannel):
            from monitor.secret import secret_problem

            if problem := secret_problem(value):
                print(f"warning: {ch.name}: the secret in {env} {problem}", file=sys.stderr)
    if config.web.token_env and read_secret(config.web.token_env) is None:
        print(
            f"warning: web.token_env: environment variable {config.web.token_env} is not set",
            file=sys.stderr,
        )
    sources = ", ".join(str(r) for r in config.matching.rules) or "builtin:isis-syria"
    a = config.alerts
    channels = f"{len(a.email)} email and {len(a.webhook)} webhook channels"
    if a.apprise:
        channels = f"{len(a.email)} email, {len(a.webhook)} webhook and {len(a.apprise)} apprise"
        channels += " channels"
    print(
        f"{config.path}: OK: {len(config.feeds)} feeds, {len(ruleset.rules)} rules ({sources}), "
        + channels
    )
    return EXIT_OK


def _check_apprise(channel: AppriseChannel) -> None:
    """Warn (the file is valid; the environment may differ when the daemon runs)."""
    from monitor.alert_apprise import check_urls

    problem = check_urls(channel)
    if problem:
        print(f"warning: {problem}", file=sys.stderr)


def _event_json(e: EventRow) -> dict[str, object]:
    return {
        **e.alert().payload(),
        "kind_reason": e.kind_reason,
        "alerted": e.alerted,
        "first_seen": iso(e.first_seen_at),
        "updated": iso(e.updated_at),
    }


def cmd_events(config: Config, since: datetime | None, as_json: bool, everything: bool) -> int:
    store = _store(config)
    try:
        events = store.events(since=since, commentary=everything)
        if not events:
            from monitor.hints import no_events

            _say_empty(no_events(store, since, everything), as_json)
        for e in events:
            if as_json:
                print(json.dumps(_event_json(e), ensure_ascii=False))
                continue
            when = iso(e.published_at or e.first_seen_at)
            kind = "" if e.kind == "report" else f"[{e.kind}] "
            print(f"{when}  {kind}{e.title}\n    {e.url}")
            print(f"    {_frame_line(e)}")
            others = len(e.sources) - 1
            print(
                f"    source: {e.source}"
                + (f" and {others} more" if others > 0 else "")
                + f"; rules: {', '.join(e.rules)}; score {e.score:.2f}; id {e.id}"
            )
            if e.kind != "report":
                print(f"    not alerted: {e.kind_reason}")
    finally:
        store.close()
    return EXIT_OK


def _frame_line(e: EventRow) -> str:
    """what, who, where, when of an event, on one line."""
    who = ", ".join(p.name + (f" ({p.role})" if p.role else "") for p in e.who) or "unnamed"
    where = (
        f"{e.where.name}, {e.where.country}"
        if e.where and e.where.country
        else (e.where.name if e.where else "place unknown")
    )
    when = e.when.isoformat() if e.when else "date unknown"
    return f"{e.what or 'event'}: {who}; {where}; {when}"


def cmd_explain(config: Config, event_id: str, as_json: bool) -> int:
    """`monitor events --explain ID`: each report of the event and why it joined it."""
    store = _store(config)
    try:
        event = store.event(event_id)
        rows = store.event_sources(event_id) if event else []
    finally:
        store.close()
    if event is None:
        print(f"monitor: no event {event_id!r}", file=sys.stderr)
        return EXIT_FAILURE
    if as_json:
        out = {
            **_event_json(event),
            "reports": [
                {"source": source_json(r.source), "seen": iso(r.seen_at), "decision": r.decision}
                for r in rows
            ],
        }
        print(json.dumps(out, ensure_ascii=False))
        return EXIT_OK
    print(f"{event.title}\n    {event.url}\n    {_frame_line(event)}\n    id {event.id}")
    print(f"    kind: {event.kind}" + (f" ({event.kind_reason})" if event.kind_reason else ""))
    for n, r in enumerate(rows, 1):
        d = r.decision
        verb = "started the event" if d.get("created") else "joined"
        print(f"\n{n}. {r.source.source}: {r.source.title}\n   {r.source.url}")
        print(f"   {verb}: {d.get('reason', '')}")
        frame = d.get("frame") or {}
        if isinstance(frame, dict) and frame:
            who = ", ".join(p["name"] for p in frame.get("who") or []) or "unnamed"
            print(
                f"   read as: {frame.get('what')}: {who}; {frame.get('where') or 'place unknown'}; "
                f"{frame.get('when') or 'date unknown'}"
            )
        if d.get("kind") and d.get("kind") != "report":
            print(f"   kind: {d.get('kind')} ({d.get('kind_reason')})")
        candidates = d.get("candidates")
        for c in candidates if isinstance(candidates, list) else []:
            print(
                f"   weighed {c['event']}: place {c['place']}, people {c['people']}, "
                f"{c['days_apart']} day(s) apart, wording {c['wording']}, total {c['total']}"
            )
    return EXIT_OK


def cmd_feeds(config: Config, as_json: bool) -> int:
    store = _store(config)
    try:
        store.sync_feeds((f.name, f.url) for f in config.feeds)
        states = store.feed_states([f.name for f in config.feeds])
    finally:
        store.close()
    from monitor.hints import never_polled

    if unpolled := never_polled(states):
        _say_empty(unpolled, as_json)
    for s in states:
        row = {
            "name": s.name,
            "url": s.url,
            "last_fetch": iso(s.last_fetch_at) if s.last_fetch_at else None,
            "last_status": s.last_status,
            "last_error": s.last_error,
            "error_kind": s.last_error_kind,
            "consecutive_failures": s.consecutive_failures,
            "items_seen": s.items_seen,
            "next_attempt": iso(s.next_attempt_at) if s.next_attempt_at else None,
            "last_ok": iso(s.last_ok_at) if s.last_ok_at else None,
            "gone": s.gone,
        }
        if as_json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            health = "GONE" if s.gone else ("FAILING" if s.consecutive_failures else "ok")
            print(f"{s.name}  [{health}]  {s.url}")
            print(
                f"    last fetch {row['last_fetch'] or 'never'}, status {s.last_status or '-'}, "
                f"failures {s.consecutive_failures}, items seen {s.items_seen}, "
                f"next attempt {row['next_attempt'] or 'now'}"
            )
            if s.last_error:
                print(f"    last error ({s.last_error_kind}): {s.last_error}")
    return EXIT_OK


def cmd_deliveries(config: Config, failed: bool, as_json: bool) -> int:
    store = _store(config)
    try:
        rows = store.deliveries("failed" if failed else None)
    finally:
        store.close()
    if not rows:
        from monitor.hints import no_deliveries

        _say_empty(no_deliveries(config, failed), as_json)
    for d in rows:
        row = {
            "id": d.id,
            "event_id": d.event_id,
            "channel": d.channel,
            "type": d.type,
            "state": d.state,
            "attempts": d.attempts,
            "created": iso(d.created_at),
            "next_attempt": iso(d.next_attempt_at),
            "sent": iso(d.sent_at) if d.sent_at else None,
            "last_error": d.last_error,
        }
        if as_json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(
                f"{d.id}  {d.state:8} {d.channel:12} {d.type:14} {d.event_id}  "
                f"attempts={d.attempts}" + (f"  error: {d.last_error}" if d.last_error else "")
            )
    return EXIT_OK


def cmd_redeliver(config: Config, delivery_id: str) -> int:
    from monitor.outbox import redeliver, retry_windows

    store = _store(config)
    try:
        found = redeliver(store, retry_windows(config), delivery_id, datetime.now(UTC))
    finally:
        store.close()
    if found is None:
        print(f"monitor: no delivery {delivery_id!r}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"{delivery_id} queued again; the daemon (or `monitor once`) sends it")
    return EXIT_OK


def cmd_test_alert(config: Config, only: str | None) -> int:
    import asyncio

    from monitor.alerttest import send_test_alerts

    channels = [c for c in config.alerts.channels if only is None or c.name == only]
    if not channels:
        print(
            f"monitor: no alert channel {'named ' + repr(only) if only else 'configured'}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    results = asyncio.run(send_test_alerts(config, channels))
    failed = 0
    for name, error in results:
        print(f"{name}: {'OK' if error is None else 'FAILED: ' + error}")
        failed += error is not None
    return EXIT_FAILURE if failed else EXIT_OK


def cmd_rules_test(config: Config, file: str, since: datetime | None) -> int:
    from monitor.models import Document, PageHints, Report
    from monitor.rules import load_ruleset

    ruleset = load_ruleset([file if file.startswith("builtin:") else Path(file)])
    store = _store(config)
    matched = total = reports = 0
    try:
        for item in store.items(since=since):
            total += 1
            doc = Document(item.title, item.summary, item.body_text or item.content)
            hints = PageHints(url=item.canonical_url or item.url or "")
            published = item.published_at or item.first_seen_at
            analysis = ruleset.analyse(Report(doc, published, hints=hints))
            result, genre, frame = analysis.result, analysis.genre, analysis.frame
            if not result.matched or genre is None or frame is None:
                continue
            matched += 1
            reports += genre.is_report
            verdict = "a report: would alert" if genre.is_report else f"{genre.kind}: not alerted"
            where = frame.where.name if frame.where else "place unknown"
            who = ", ".join(p.name for p in frame.who) or "unnamed"
            print(
                f"{item.title}\n    {item.url}\n    rules: {', '.join(result.rules)} "
                f"(score {result.score:.2f})\n    why: {result.snippet}\n"
                f"    {verdict} ({genre.reason})\n    read as: {frame.what}: {who}; {where}"
            )
    finally:
        store.close()
    print(f"{matched} of {total} stored items would match; {reports} of them as reports")
    return EXIT_OK


def cmd_rematch(config: Config, since: datetime) -> int:
    import asyncio

    from monitor.pipeline import rematch

    created, updated = asyncio.run(rematch(config, since))
    print(f"rematch: {created} new events, {updated} events gained rules")
    return EXIT_OK


def cmd_status(config: Config) -> int:
    from monitor.store import daemon_running

    pid = daemon_running(config.storage.path)
    store = _store(config)
    try:
        store.sync_feeds((f.name, f.url) for f in config.feeds)
        cycle = store.last_cycle()
        states = store.feed_states([f.name for f in config.feeds])
        counts = store.count_deliveries()
    finally:
        store.close()
    print(f"daemon: {'running (pid ' + str(pid) + ')' if pid else 'not running'}")
    if cycle:
        print(
            f"last cycle: finished {cycle['finished_at']}: feeds ok {cycle['feeds_ok']}, "
            f"failed {cycle['feeds_failed']}, new items {cycle['new_items']}, "
            f"new events {cycle['new_events']}, alerts sent {cycle['alerts_sent']}"
        )
    else:
        print("last cycle: none yet")
    failing = [s for s in states if s.consecutive_failures or s.gone]
    print(f"feeds: {len(states)}, failing: {len(failing)}")
    for s in failing:
        print(f"    {s.name}: {s.last_error_kind}: {s.last_error} ({s.consecutive_failures}x)")
    print(
        f"deliveries: pending {counts.get('pending', 0) + counts.get('sending', 0)}, "
        f"failed {counts.get('failed', 0)}, sent {counts.get('sent', 0)}"
    )
    return EXIT_OK


def cmd_vacuum(config: Config) -> int:
    store = _store(config)
    try:
        before = config.storage.path.stat().st_size
        cutoff = datetime.now(UTC) - timedelta(seconds=config.storage.keep)
        from monitor.maintenance import compact, prune_event_keys, prune_items

        pruned = prune_items(store, cutoff)
        prune_event_keys(store, cutoff)
        compact(store)
        after = config.storage.path.stat().st_size
    finally:
        store.close()
    print(f"pruned {pruned} items older than storage.keep; database {before} -> {after} bytes")
    return EXIT_OK


def _say_empty(message: str, as_json: bool) -> None:
    """Nothing to list: say so (on stderr under --json, whose stdout stays JSON lines)."""
    print(message, file=sys.stderr if as_json else sys.stdout)


# Commands that need no config file: the ones a newcomer runs before having one.
def cmd_init(args: argparse.Namespace) -> int:
    from monitor.starter import target_path, write_starter

    started = write_starter(target_path(args.dir, args.config), args.webhook)
    print(
        f"wrote {started.path}: {started.feeds} feeds, the shipped ruleset; "
        f"database {started.database}"
    )
    if started.webhook:
        print(f"alerts: a signed webhook to {started.webhook}; email is commented out")
    else:
        print(
            "alerts: none yet; uncomment [[alerts.webhook]] or [[alerts.email]] in it "
            "(or start again with `monitor init DIR --webhook URL`)"
        )
    print("next:")
    width = max(len(cmd) for cmd, _ in started.next_commands)
    for cmd, why in started.next_commands:
        print(f"  {cmd.ljust(width)}   # {why}")
    return EXIT_OK


def cmd_secret(args: argparse.Namespace) -> int:
    from monitor.secret import new_secret

    print(new_secret())
    return EXIT_OK


def cmd_discover(args: argparse.Namespace) -> int:
    import asyncio

    from monitor.discover import discover

    found = asyncio.run(discover(args.url))
    if found.is_feed:
        title = f" ({found.feed_title})" if found.feed_title else ""
        print(f"{found.url} is a feed itself{title}: use it as a feed's url")
        return EXIT_OK
    if not found.feeds:
        print(
            f'monitor: {found.url} advertises no feed (no <link rel="alternate" '
            'type="application/rss+xml"> or atom+xml in its head); try the site\'s home page',
            file=sys.stderr,
        )
        return EXIT_FAILURE
    for f in found.feeds:
        print(f"{f.url}  ({f.kind}{': ' + f.title if f.title else ''})")
    return EXIT_OK


WITHOUT_CONFIG = {"init": cmd_init, "secret": cmd_secret, "discover": cmd_discover}

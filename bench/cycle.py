"""Bench the feed path: one cold and one warm (all 304) cycle over 1,000 loopback feeds.

A separate process serves the feeds (a bare asyncio HTTP/1.1 server, 50 realistic items each,
ETag support) on 127.0.0.1-127.0.0.N so the per-host limit behaves as with many sites. Every
measured run is a fresh subprocess, so its peak RSS and CPU time are its own; the CPU of its
worker processes and of the feed server is printed beside it. Printed side by side:

- monitor:   run_once() with a generated config (scraping off, no alert channels, temp SQLite),
             or, while monitor.pipeline cannot be imported, Fetcher + parse_feed directly;
- naive:     a sequential loop of feedparser.parse(url) (warm: with etag/modified);
- transport: 1,000 conditional GETs answered 304 through httpx's own transport and through
             httpx over aiohttp (httpx_aiohttp), the choice monitor.fetch makes.

    .venv/bin/python bench/cycle.py [--feeds 1000] [--items 50] [--hosts 50] [--cold-runs 5]
                                    [--dense]

--dense: every description is ~80 words drawn at random from the shipped ruleset's own words
(raid, strike, official, leader, Syria, Idlib, killed, captured...) and filler, the worst case
for matching (issue 19). Peak RSS is the monitor's own and, beside it, the largest sum of the
monitor's and its worker processes' RSS seen at once (sampled every 20 ms; the fork server and
multiprocessing's resource tracker count among them), then the largest sum of their PSS
(sampled every 100 ms), which counts the pages they share (the fork server's modules, in every
worker too) once; a line after the table splits the cold run's peak RSS by process.

Talks only to 127.0.0.x.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

PLACES = [
    "Deir ez-Zor",
    "Raqqa",
    "Idlib",
    "Mosul",
    "Aleppo",
    "Homs",
    "Kabul",
    "Sahel",
    "Mali",
    "Baghdad",
    "Damascus",
    "Kirkuk",
    "Hasakah",
    "Palmyra",
    "Anbar",
    "Nineveh",
    "Tripoli",
]
TOPICS = [
    "election results",
    "fuel prices",
    "a new bridge",
    "the wheat harvest",
    "flooding",
    "a trade agreement",
    "hospital funding",
    "school exams",
    "a football final",
    "water shortages",
    "power cuts",
    "a ceasefire proposal",
    "refugee returns",
]
VERBS = [
    "discuss",
    "protest over",
    "report on",
    "announce plans for",
    "debate",
    "celebrate",
    "warn about",
    "vote on",
    "investigate",
    "criticise",
]
ACTORS = [
    "Officials",
    "Residents",
    "Ministers",
    "Local councils",
    "Aid groups",
    "Farmers",
    "Students",
    "Traders",
    "Doctors",
    "Engineers",
    "Lawmakers",
]
MATCHING = [
    "Islamic State leader killed in US raid in {place}",
    "Senior ISIS commander captured near {place}, officials say",
    "Coalition strike in {place} targets Islamic State leadership",
    "ISIS names new leader after predecessor killed in {place}",
]

# --dense: words of the shipped ruleset's roles, actions and places, and common filler (not
# the group's names: with them nearly every item would match and the cycle would measure the
# event book, not matching)
_DENSE = (
    "raid strike official leader Syria Idlib killed captured operation coalition commander "
    "emir senior chief deputy spokesman airstrike detained arrested targeted special forces "
    "helicopter Raqqa Deir ez-Zor Hasakah Atmeh militants group cell fighters governor head "
    "dead died neutralised suicide vest US Iraq Mosul the a of in on near after said "
    "officials and with by was were has had from"
)
DENSE = _DENSE.split()


@dataclass(frozen=True)
class Setup:
    feeds: int
    items: int
    hosts: int
    port: int
    dense: bool = False

    def host(self, i: int) -> str:
        return f"127.0.0.{i % self.hosts + 1}"

    def url(self, i: int) -> str:
        return f"http://{self.host(i)}:{self.port}/feed/{i}.xml"


# -- the feed server (its own process) ---------------------------------------------------------


def make_feed(i: int, items: int, dense: bool = False) -> bytes:
    """A realistic RSS 2.0 document: distinct items, about 1 in 60 about ISIS leadership;
    `dense`: every description ~80 words of the ruleset's own (see DENSE)."""
    rng = random.Random(i)
    now = time.time()
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
        f"<title>Regional News {i}</title><link>http://news{i}.example/</link>",
        f"<description>Daily news from outlet {i}</description>",
    ]
    for j in range(items):
        place = rng.choice(PLACES)
        if rng.random() < 1 / 60:
            title = rng.choice(MATCHING).format(place=place)
            body = (
                f"{title}. The operation in {place} was confirmed by the defence ministry. "
                "Analysts said the group would struggle to replace him quickly."
            )
        else:
            actor, verb, topic = rng.choice(ACTORS), rng.choice(VERBS), rng.choice(TOPICS)
            title = f"{actor} in {place} {verb} {topic}"
            body = (
                f"{actor} in {place} met on {rng.choice(['Monday', 'Tuesday', 'Friday'])} to "
                f"{verb} {topic}. Story {i}-{j} continues with quotes, figures and background "
                f"about {topic} in {place} and neighbouring districts."
            )
        if dense:
            words = rng.choices(DENSE, k=rng.randint(70, 90))
            body = (
                " ".join(w + ("." if rng.random() < 0.07 else "") for w in words).capitalize()
                + f" Story {i}-{j}."
            )
        link = (
            f"http://news{i}.example/{2026}/{j:03d}/{hashlib.md5(title.encode()).hexdigest()[:8]}"
        )
        out.append(
            "<item>"
            f"<title>{escape(title)}</title><link>{link}</link>"
            f'<guid isPermaLink="false">feed{i}-item{j}</guid>'
            f"<pubDate>{formatdate(now - j * 1800 - i, usegmt=True)}</pubDate>"
            f"<description>{escape(body)}</description>"
            "</item>"
        )
    out.append("</channel></rss>")
    return "".join(out).encode()


def serve(feeds: int, items: int, hosts: int, dense: bool, ready: Any) -> None:
    """Serve every feed with ETag/Last-Modified; answers If-None-Match with 304.

    A bare asyncio protocol (HTTP/1.1 keep-alive, GET only) rather than a web framework: the
    server shares the 2 cores with the monitor, so the less CPU it takes the more the bench
    measures the monitor (about 0.1 s for the cold cycle, against 0.5 s with aiohttp.web).
    """
    modified = formatdate(time.time() - 3600, usegmt=True)
    full: list[bytes] = []
    not_modified: list[bytes] = []
    for i in range(feeds):
        body = make_feed(i, items, dense)
        common = f'ETag: "v1-{i}"\r\nLast-Modified: {modified}\r\n'
        full.append(
            (
                f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n{common}"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            + body
        )
        not_modified.append(f"HTTP/1.1 304 Not Modified\r\n{common}\r\n".encode())
    missing = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"

    class Feeds(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport = transport
            self.buffer = b""

        def data_received(self, data: bytes) -> None:
            self.buffer += data
            while b"\r\n\r\n" in self.buffer:
                head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
                self.transport.write(self.answer(head))  # type: ignore[attr-defined]

        @staticmethod
        def answer(head: bytes) -> bytes:
            lines = head.split(b"\r\n")
            path = lines[0].split(b" ")[1]
            if not (path.startswith(b"/feed/") and path.endswith(b".xml")):
                return missing
            i = int(path[6:-4])
            if i >= feeds:
                return missing
            etag = f'"v1-{i}"'.encode()
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"if-none-match" and value.strip() == etag:
                    return not_modified[i]
            return full[i]

    async def main() -> None:
        loop = asyncio.get_running_loop()
        first = await loop.create_server(Feeds, "127.0.0.1", 0, backlog=1024)
        port = first.sockets[0].getsockname()[1]
        for h in range(2, hosts + 1):
            await loop.create_server(Feeds, f"127.0.0.{h}", port, backlog=1024)
        ready.send(port)
        await asyncio.Event().wait()

    asyncio.run(main())


# -- measured workers (each a fresh subprocess) -------------------------------------------------


def measure(run: Callable[[], Any]) -> dict[str, Any]:
    """Wall time, CPU time of this process (its worker processes: see run_worker), peak RSS."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    detail = run()
    return {
        "wall": time.perf_counter() - wall0,
        "cpu": time.process_time() - cpu0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "detail": detail,
    }


def worker_monitor(setup: Setup, state: Path) -> dict[str, Any]:
    try:
        from monitor.config import load_config
        from monitor.pipeline import run_once
    except ImportError as exc:
        import monitor.fetch
        import monitor.parse  # noqa: F401  (imported outside the measured window)

        result = measure(lambda: asyncio.run(direct_cycle(setup, state)))
        result["mode"] = f"Fetcher + parse_feed (pipeline not importable: {exc})"
        return result
    config = load_config(state / "monitor.toml")
    result = measure(lambda: asyncio.run(run_once(config)))
    stats = result["detail"]
    result["detail"] = (
        f"ok={stats.feeds_ok} failed={stats.feeds_failed} new_items={stats.new_items} "
        f"new_events={stats.new_events}"
    )
    result["mode"] = "run_once"
    return result


async def direct_cycle(setup: Setup, state: Path) -> str:
    from monitor.config import PollingConfig, ScrapingConfig
    from monitor.errors import FetchError
    from monitor.fetch import Fetcher
    from monitor.parse import parse_feed

    validators_file = state / "validators.json"
    validators = json.loads(validators_file.read_text()) if validators_file.exists() else {}
    polling = PollingConfig(600, 20, 5_000_000, 50, 4, 5, 0)
    scraping = ScrapingConfig(False, False, (), False, 5_000_000, 20)
    counts = {"ok": 0, "not_modified": 0, "failed": 0, "entries": 0}

    async def one(fetcher: Fetcher, url: str) -> None:
        etag, modified = validators.get(url, (None, None))
        try:
            resp = await fetcher.fetch_feed(url, etag=etag, last_modified=modified)
            if resp.not_modified:
                counts["not_modified"] += 1
                return
            parsed = parse_feed(resp.body, resp.final_url, resp.headers.get("content-type"))
        except FetchError:
            counts["failed"] += 1
            return
        counts["ok"] += 1
        counts["entries"] += len(parsed.entries)
        validators[url] = (resp.headers.get("etag"), resp.headers.get("last-modified"))

    async with Fetcher(polling, scraping) as fetcher:
        await asyncio.gather(*(one(fetcher, setup.url(i)) for i in range(setup.feeds)))
    validators_file.write_text(json.dumps(validators))
    return " ".join(f"{k}={v}" for k, v in counts.items())


def worker_naive(setup: Setup, state: Path) -> dict[str, Any]:
    import feedparser

    validators_file = state / "naive.json"
    validators = json.loads(validators_file.read_text()) if validators_file.exists() else {}

    def run() -> str:
        entries = not_modified = 0
        for i in range(setup.feeds):
            url = setup.url(i)
            etag, modified = validators.get(url, (None, None))
            parsed = feedparser.parse(url, etag=etag, modified=modified)
            if parsed.get("status") == 304:
                not_modified += 1
                continue
            entries += len(parsed.entries)
            validators[url] = (parsed.get("etag"), parsed.get("modified"))
        return f"entries={entries} not_modified={not_modified}"

    result = measure(run)
    validators_file.write_text(json.dumps(validators))
    result["mode"] = "sequential feedparser.parse(url)"
    return result


def worker_transport(setup: Setup, which: str) -> dict[str, Any]:
    import aiohttp
    import httpx
    from httpx_aiohttp import AiohttpTransport

    async def run() -> str:
        limit = asyncio.Semaphore(50)
        if which == "aiohttp":
            connector = aiohttp.TCPConnector(limit=50, limit_per_host=4)
            transport: httpx.AsyncBaseTransport = AiohttpTransport(
                client=aiohttp.ClientSession(connector=connector)
            )
        else:
            transport = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=50))
        statuses: dict[int, int] = {}
        async with httpx.AsyncClient(transport=transport, trust_env=False) as client:

            async def one(i: int) -> None:
                async with limit:
                    r = await client.get(setup.url(i), headers={"If-None-Match": f'"v1-{i}"'})
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

            await asyncio.gather(*(one(i) for i in range(setup.feeds)))
        return " ".join(f"{k}:{v}" for k, v in sorted(statuses.items()))

    result = measure(lambda: asyncio.run(run()))
    result["mode"] = f"1,000 GETs answered 304 via {which}"
    return result


# -- the orchestrating parent -------------------------------------------------------------------


def write_config(setup: Setup, state: Path) -> None:
    lines = [
        "[storage]",
        f'path = "{state / "monitor.db"}"',
        "[polling]",
        'interval = "10m"',
        'timeout = "20s"',
        "concurrency = 50",
        "per_host = 4",
        "[scraping]",
        "enabled = false",
    ]
    for i in range(setup.feeds):
        lines += ["[[feeds]]", f'name = "feed-{i:04d}"', f'url = "{setup.url(i)}"']
    (state / "monitor.toml").write_text("\n".join(lines) + "\n")


def calibrate(dense: bool) -> float:
    """Seconds feedparser takes for ten 50-item feeds now. This machine's speed drifts by half
    within an hour (memory-bound work most), so figures from different runs compare only
    beside this one, or as a ratio to the naive loop."""
    import feedparser

    document = make_feed(0, 50, dense)
    started = time.perf_counter()
    for _ in range(10):
        feedparser.parse(document)
    return time.perf_counter() - started


def process_cpu(pid: int) -> float:
    """CPU seconds used so far by process `pid` (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_worker(setup: Setup, state: Path, kind: str, server: int) -> dict[str, Any]:
    """Run one measurement in a fresh process; adds the CPU of its own worker processes
    (sampled from outside every 20 ms, so they are seen before they exit) and the server's."""
    import psutil

    before = process_cpu(server)
    proc = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--worker",
            kind,
            "--state",
            str(state),
            "--setup",
            json.dumps(setup.__dict__),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    top = psutil.Process(proc.pid)
    seen: dict[int, float] = {}
    peak_all = peak_pss = 0
    split: dict[str, list[int]] = {}
    samples = 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            rss = top.memory_info().rss
            every = [(top, rss)]
            for child in top.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    times = child.cpu_times()
                    seen[child.pid] = times.user + times.system
                    every.append((child, child.memory_info().rss))
                    rss += every[-1][1]
            if rss > peak_all:
                peak_all = rss
                split = process_split(top, every)
            if samples % 5 == 0:  # reading smaps_rollup costs the 2 cores more than rss
                peak_pss = max(peak_pss, sum(pss(p.pid) for p, _ in every))
        samples += 1
        time.sleep(0.02)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"worker {kind} failed:\n{err[-3000:]}")
    result = dict(json.loads(out.strip().splitlines()[-1]))
    result["workers_cpu"] = sum(seen.values())
    result["server_cpu"] = process_cpu(server) - before
    result["peak_all_mb"] = max(peak_all / 2**20, result["peak_rss_mb"])
    result["peak_pss_mb"] = peak_pss / 2**20
    result["split"] = {k: [round(v / 2**20) for v in vs] for k, vs in split.items()}
    return result


def pss(pid: int) -> int:
    """Proportional set size of process `pid`, bytes: each shared page counted once across the
    processes sharing it (the fork server's modules, in every worker too); 0 when unknown."""
    with contextlib.suppress(OSError, ValueError), open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def process_split(top: Any, every: list[tuple[Any, int]]) -> dict[str, list[int]]:
    """RSS by kind of process: the monitor, multiprocessing's fork server and resource
    tracker, and the worker processes (the fork server's children)."""
    import psutil

    split: dict[str, list[int]] = {}
    for process, rss in every:
        kind = "monitor"
        if process.pid != top.pid:
            with contextlib.suppress(psutil.Error):
                command = " ".join(process.cmdline())
                kind = (
                    "tracker"
                    if "resource_tracker" in command
                    else "fork server"
                    if process.ppid() == top.pid
                    else "worker"
                )
        split.setdefault(kind, []).append(rss)
    return split


def row(label: str, r: dict[str, Any]) -> str:
    return (
        f"{label:<24} {r['wall']:>7.2f} {r['cpu']:>7.2f} {r.get('workers_cpu', 0.0):>9.2f}"
        f" {r['server_cpu']:>8.2f} {r['peak_rss_mb']:>8.0f} {r['peak_all_mb']:>8.0f}"
        f" {r['peak_pss_mb']:>8.0f}   {r['detail']}"
    )


def split_line(label: str, r: dict[str, Any]) -> str:
    """The processes' RSS at the moment their sum peaked, MB."""
    parts = [
        f"{kind} {'+'.join(map(str, sizes))}"
        for kind in ("monitor", "fork server", "worker", "tracker")
        if (sizes := r["split"].get(kind))
    ]
    return f"{label}: RSS at the peak, MB: {', '.join(parts)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--worker")
    parser.add_argument("--state")
    parser.add_argument("--setup")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--dense", action="store_true", help="descriptions of ruleset words")
    parser.add_argument(
        "--cold-runs",
        type=int,
        default=1,
        help="cold cycles to run, each on an empty database; the median is shown",
    )
    args = parser.parse_args()

    if args.worker:
        setup = Setup(**json.loads(args.setup))
        state = Path(args.state)
        workers: dict[str, Callable[[], dict[str, Any]]] = {
            "monitor": lambda: worker_monitor(setup, state),
            "naive": lambda: worker_naive(setup, state),
            "httpx": lambda: worker_transport(setup, "httpx"),
            "aiohttp": lambda: worker_transport(setup, "aiohttp"),
        }
        print(json.dumps(workers[args.worker](), default=str))
        return

    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe()
    server = ctx.Process(
        target=serve, args=(args.feeds, args.items, args.hosts, args.dense, there), daemon=True
    )
    server.start()
    try:
        port = here.recv()
        server_pid = server.pid
        assert server_pid is not None
        setup = Setup(args.feeds, args.items, args.hosts, port, args.dense)
        print(
            f"{args.feeds} feeds x {args.items} items on {args.hosts} loopback hosts "
            f"(127.0.0.1-{args.hosts}:{port}){', dense' if args.dense else ''}; "
            f"{multiprocessing.cpu_count()} CPUs; "
            f"machine speed: feedparser reads 10 feeds in {calibrate(args.dense):.2f} s"
        )
        with tempfile.TemporaryDirectory(prefix="bench-cycle-") as tmp:
            mon, naive = Path(tmp, "monitor"), Path(tmp, "naive")
            naive.mkdir()
            colds = []
            for run in range(max(1, args.cold_runs)):
                shutil.rmtree(mon, ignore_errors=True)
                mon.mkdir()
                write_config(setup, mon)
                colds.append(run_worker(setup, mon, "monitor", server_pid))
                if args.cold_runs > 1:
                    print(row(f"monitor cold, run {run + 1}", colds[-1]), flush=True)
            cold = sorted(colds, key=lambda r: r["wall"])[len(colds) // 2]
            label = "monitor cold" if len(colds) == 1 else f"monitor cold (median of {len(colds)})"
            results = [
                (label, cold),
                ("monitor warm (304)", run_worker(setup, mon, "monitor", server_pid)),
            ]
            if not args.skip_naive:
                results += [
                    ("naive cold", run_worker(setup, naive, "naive", server_pid)),
                    ("naive warm (304)", run_worker(setup, naive, "naive", server_pid)),
                ]
            results += [
                ("304s via httpx", run_worker(setup, mon, "httpx", server_pid)),
                ("304s via httpx+aiohttp", run_worker(setup, mon, "aiohttp", server_pid)),
            ]
        print(f"monitor mode: {results[0][1]['mode']}")
        print(
            f"{'run':<24} {'wall s':>7} {'cpu s':>7} {'workers s':>9} {'server s':>8}"
            f" {'peak MB':>8} {'+workers':>8} {'PSS all':>8}   detail"
        )
        for label, result in results:
            print(row(label, result))
        print(split_line(results[0][0], cold))
        timing = dict(results)
        if "naive cold" in timing:
            warm = timing["naive warm (304)"]["wall"] / results[1][1]["wall"]
            print(
                f"cold: monitor {timing['naive cold']['wall'] / cold['wall']:.1f}x faster than "
                f"the naive loop; warm: {warm:.1f}x"
            )
        # issue 19: cold >= 13x the naive loop (normal and --dense), warm no slower than it,
        # monitor and workers together <= 200 MB (the "+workers" column)
        print("targets: cold >= 13x naive, warm >= 1x naive, peak RSS +workers <= 200 MB")
        print(f"machine speed afterwards: {calibrate(args.dense):.2f} s for the same 10 feeds")
    finally:
        server.terminate()
        server.join(5)


if __name__ == "__main__":
    main()

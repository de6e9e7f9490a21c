"""Bench start-up: whole `monitor` processes, as a user times them at the shell.

Serves the shipped config's 14 feeds (config/monitor.toml, URLs pointed at a loopback server
with ETags; 20 items each, article pages too) and times, as separate processes:

- the read-only commands `check`, `events`, `feeds`, `status`, `deliveries` (over a database
  one `monitor once` filled);
- a warm `monitor once`: every feed answers 304.

Each figure is the median of --runs runs (after one unmeasured run that warms the disk cache
and writes bytecode). Give --source several checkouts to compare them side by side, e.g. the
code before a change in a worktree:

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/start.py --source /tmp/before --source .

Every source runs with this interpreter and its packages (PYTHONPATH=source), so only the
code differs. Talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email.utils import formatdate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.server import LoopbackServer  # noqa: E402

READ_ONLY = ("check", "events", "feeds", "status", "deliveries")
ITEMS = 20


def feed(base: str, n: int) -> str:
    now = formatdate(time.time(), usegmt=True)
    items = "".join(
        f"<item><guid>f{n}-{i}</guid><title>Feed {n} story {i}: council meets on roads</title>"
        f"<link>{base}/a/{n}/{i}</link><description>Local officials met to discuss roads "
        f"and water in district {i}.</description><pubDate>{now}</pubDate></item>"
        for i in range(ITEMS)
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>"
        f"<link>{base}/</link><description>d</description>{items}</channel></rss>"
    )


def article(title: str) -> str:
    para = "<p>" + "Officials met on Tuesday to discuss the budget for roads and water. " * 6
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{para * 4}"


def site_config(srv: LoopbackServer, work: Path) -> Path:
    """The shipped config, each feed served by `srv`, its database in `work`."""
    shipped = (ROOT / "config" / "monitor.toml").read_text(encoding="utf-8")
    urls = re.findall(r'^url = "([^"]+)"', shipped, flags=re.MULTILINE)
    text = shipped
    for n, url in enumerate(urls):
        path = f"/feed/{n}.xml"
        srv.route(path, feed(srv.base_url, n), content_type="application/rss+xml", etag=True)
        for i in range(ITEMS):
            srv.route(f"/a/{n}/{i}", article(f"story {i}"), content_type="text/html")
        text = text.replace(f'"{url}"', f'"{srv.url(path)}"', 1)
    text = re.sub(r'^path = ".*"', f'path = "{work / "monitor.db"}"', text, flags=re.MULTILINE)
    config = work / "monitor.toml"
    config.write_text(text, encoding="utf-8")
    return config


def timed(source: Path, config: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(source)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"monitor {' '.join(args)} failed ({source}):\n{done.stderr}")
    return elapsed


def median_of(runs: int, source: Path, config: Path, *args: str) -> float:
    timed(source, config, *args)  # unmeasured: bytecode and disk cache
    return statistics.median(timed(source, config, *args) for _ in range(runs))


def bench(source: Path, runs: int) -> dict[str, float]:
    with LoopbackServer() as srv, tempfile.TemporaryDirectory() as tmp:
        config = site_config(srv, Path(tmp))
        timed(source, config, "once")  # cold: fills the database and every feed's ETag
        figures = {cmd: median_of(runs, source, config, cmd) for cmd in READ_ONLY}
        before = len(srv.requests)
        figures["once (warm, all 304)"] = median_of(runs, source, config, "once")
        answered = srv.requests[before:]
        if any(r.path.startswith("/a/") for r in answered):
            raise SystemExit("a warm run fetched article pages: the feeds were not all 304")
        return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="measured runs per figure (median)")
    ap.add_argument(
        "--source",
        type=Path,
        action="append",
        help="checkout to measure (repeatable; default: this one)",
    )
    args = ap.parse_args()
    sources = [s.resolve() for s in args.source or [ROOT]]
    if shutil.which("nproc"):
        cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        print(f"{cores} cores; median of {args.runs} runs each; wall seconds per process")
    results = {s: bench(s, args.runs) for s in sources}
    names = list(next(iter(results.values())))
    width = max(len(n) for n in names) + 2
    print("command".ljust(width) + "".join(str(s)[-28:].rjust(30) for s in sources))
    for name in names:
        print(name.ljust(width) + "".join(f"{results[s][name]:30.3f}" for s in sources))


if __name__ == "__main__":
    main()

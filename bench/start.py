"""Bench start-up: whole `monitor` processes, as a user times them at the shell.

Serves the shipped config's 14 feeds (config/monitor.toml, URLs pointed at a loopback server
with ETags; 20 items each, article pages too) and times, as separate processes:

- the read-only commands `check`, `events`, `feeds`, `status`, `deliveries` (over a database
  one `monitor once` filled);
- a warm `monitor once`: every feed answers 304.

Each figure is the median of --runs runs (after one unmeasured run that warms the disk cache
and writes bytecode): wall time, and the CPU time of the process. Give --source several
checkouts to compare them side by side (they take turns, run by run), e.g. the code before a
change in a worktree:

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/start.py --source /tmp/before --source .

Every source runs with one interpreter and its packages (PYTHONPATH=source), so only the code
differs. By default that is this one (the dev venv), whose extra packages some libraries import
when present (httpcore imports trio, which selenium brings, for a tenth of a second); the
installed product is measured with --python pointing at a venv made as README says:

    python3 -m venv /tmp/runtime && /tmp/runtime/bin/pip install .
    .venv/bin/python bench/start.py --python /tmp/runtime/bin/python --source /tmp/before --source .

Talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system of the process (and any children it waited for)


PYTHON = sys.executable  # the interpreter every measured process runs on (--python)


def timed(source: Path, config: Path, *args: str) -> Run:
    env = {**os.environ, "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-m", "monitor", "--config", str(config), *args],
        env=env,
        # not the checkout: `python -m` puts the working directory ahead of PYTHONPATH
        cwd=config.parent,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"monitor {' '.join(args)} failed ({source}):\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu)


def bench(sources: list[Path], runs: int) -> dict[str, dict[Path, tuple[float, float]]]:
    """{figure: {source: (median wall, median cpu)}}; the sources take turns run by run, so a
    change in the machine's speed (it drifts) weighs on all of them alike."""
    with LoopbackServer() as srv, contextlib.ExitStack() as stack:
        configs = {}
        for source in sources:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            configs[source] = site_config(srv, work)
            timed(source, configs[source], "once")  # cold: fills the database and the ETags
        figures: dict[str, dict[Path, tuple[float, float]]] = {}
        for name, args in [*((c, (c,)) for c in READ_ONLY), ("once (warm, all 304)", ("once",))]:
            seen = len(srv.requests)
            samples: dict[Path, list[Run]] = {s: [] for s in sources}
            for source in sources:
                timed(source, configs[source], *args)  # unmeasured: bytecode, disk cache
            for _ in range(runs):
                for source in sources:
                    samples[source].append(timed(source, configs[source], *args))
            if any(r.path.startswith("/a/") for r in srv.requests[seen:]):
                raise SystemExit("a warm run fetched article pages: not every feed was a 304")
            figures[name] = {
                s: (
                    statistics.median(r.wall for r in runs_),
                    statistics.median(r.cpu for r in runs_),
                )
                for s, runs_ in samples.items()
            }
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
    ap.add_argument(
        "--python", default=sys.executable, help="interpreter to run them with (default: this one)"
    )
    args = ap.parse_args()
    global PYTHON
    PYTHON = args.python
    sources = [s.resolve() for s in args.source or [ROOT]]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load {load}; median of {args.runs} runs of each process")
    print(f"interpreter: {PYTHON}")
    figures = bench(sources, args.runs)
    width = max(len(n) for n in figures) + 2
    print("".ljust(width) + "".join(str(s)[-26:].rjust(28) for s in sources))
    print("command".ljust(width) + "".join("wall s   cpu s".rjust(28) for s in sources))
    for name, per_source in figures.items():
        cells = "".join(f"{w:20.3f}{c:8.3f}" for w, c in per_source.values())
        print(name.ljust(width) + cells)


if __name__ == "__main__":
    main()

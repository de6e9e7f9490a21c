"""Soak test (issue 10): `monitor run` against many loopback feeds with faults, for minutes.

A separate process (aiohttp.web on 127.0.0.1-127.0.0.H, one port) serves N RSS feeds with
ETag/304, keeps publishing new items on random feeds (some relevant to the shipped ruleset,
each a distinct story; most not) and mixes in faults: feeds answering 500 or too slowly now
and then, one malformed XML, one HTML page, one 429 with Retry-After, one oversized body. The
same process is the webhook receiver; it refuses the first attempt of some alerts with 500,
so retries happen, and records every accepted POST.

The daemon runs as a subprocess with scraping off (this is about the feed path), polling
every --interval seconds, one webhook channel. Every ~10 s its RSS and open fds are sampled.
Publishing stops 60 s before the end so the last polls and retries settle; then SIGTERM, and
stories published / events stored / alerts accepted are compared.

    .venv/bin/python bench/soak.py [--minutes 10] [--feeds 200] [--interval 5]

Talks only to 127.0.0.x. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import psutil

ROOT = Path(__file__).resolve().parent.parent
SETTLE = 60.0  # seconds without publishing at the end, for the last polls and retries
SAMPLE_EVERY = 10.0
TIMEOUT = 3.0  # polling.timeout in the generated config; slow feeds answer later than this
KEEP_ITEMS = 15  # items a feed lists (older ones drop off, as on real sites)
RELEVANT_SHARE = 0.15

# --- story generator: every relevant story distinct in place, person, act and wording ----------

TOWNS = [
    "Atmeh", "Barisha", "al-Bab", "Deir ez-Zor", "Raqqa", "Hasakah", "Jarablus", "Jindires",
    "Tal Abyad", "Palmyra", "Sarmada", "Afrin", "Manbij", "Kobani", "Hajin", "Albu Kamal",
    "Mayadin", "Sukhnah", "Shaddadi", "Busayrah", "Shuhail", "Qamishli", "Idlib",
]  # fmt: skip
FORCES = [
    "US special operations forces", "Coalition troops", "Syrian Democratic Forces fighters",
    "Kurdish-led security units", "American helicopter crews", "Turkish-backed commandos",
    "Jordanian special forces", "Counter-terrorism police", "Army paratroopers",
]  # fmt: skip
ACTS = [
    ("killed", "in a helicopter raid on a farmhouse"),
    ("captured", "during a night raid on a walled compound"),
    ("killed", "in a drone strike on a motorcycle"),
    ("detained", "in a dawn raid on an apartment block"),
    ("killed", "in an air strike on a desert hideout"),
    ("arrested", "in a sweep through an olive grove"),
    ("captured", "after commandos landed beside a poultry farm"),
]
ROLES = [
    "commander", "governor", "financier", "spokesman", "emir", "senior official",
    "deputy leader", "operative", "recruitment chief", "weapons chief",
]  # fmt: skip
KUNYA = [
    "Yasir", "Khalid", "Anas", "Harith", "Suhaib", "Bilal", "Usayd", "Talha", "Mu'adh",
    "Jarrah", "Qatada", "Zubayr", "Hudhayfa", "Ubayda", "Saad", "Ammar", "Thabit", "Salim",
]  # fmt: skip
NISBA = [
    "Ansari", "Tunisi", "Shami", "Halabi", "Jazrawi", "Masri", "Lubnani", "Urduni", "Kurdi",
    "Faransi", "Almani", "Hadrami", "Najdi", "Tabuki", "Libi", "Rusi", "Turkmani",
]  # fmt: skip
TITLES = [
    "{force} {act} Islamic State {role} near {town}",
    "ISIS {role} {act} in {town} operation",
    "{town}: Islamic State {role} Abu {k} al-{n} {act}",
    "Abu {k} al-{n}, an ISIS {role}, {act} in Syria",
]
LEADS = [
    "{force} {act} Abu {k} al-{n}, a senior Islamic State {role}, {how} near {town}, "
    "officials said on {day}.",
    "A senior ISIS {role} known as Abu {k} al-{n} was {act} {how} outside {town} in Syria, "
    "according to a statement by {force} released on {day}.",
    "On {day}, {force} said they had {act} the Islamic State {role} Abu {k} al-{n} {how} "
    "close to {town}.",
]
OTHER_TOPICS = [
    "Bread prices climb again in {town} markets",
    "{town} football club wins cup final after extra time",
    "Heavy rain floods roads around {town}",
    "New bus line links {town} with the coast",
    "University in {town} opens a medical faculty",
    "Olive harvest in {town} best in a decade of records",
    "Electricity cuts shorten working hours in {town}",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Neutral filler: no alias of the group, no named leader, so it never makes a story relevant;
# random word order keeps word shingles of different stories apart (no near-duplicates).
_FILLER_TEXT = """
    residents described queues bakery morning traffic council engineers bridge repairs
    budget teachers salaries harvest farmers tractors irrigation canal wheat barley cotton
    prices shopkeepers customers currency exchange pharmacy hospital nurses vaccines clinic
    students exams library school buses drivers fuel station generators neighbourhood
    electricity hours water pumps reservoir wells rainfall winter summer heat families
    weddings market vegetables tomatoes lemons bread flour sugar tea coffee restaurant
    workshop carpenters tailors cloth shoes repairs mechanics trucks highway crossing border
    trade merchants warehouse shipment port containers journalists reporters radio newspaper
    photographs museum mosque church courtyard garden orchard pistachio almonds grapes sheep
    goats herders pasture village cousins grandfather memories music festival poets songs
    cinema theatre football stadium referee goalkeeper league season training coach players
    fans tickets ceremony mayor municipality cleaners rubbish recycling
"""
FILLER = _FILLER_TEXT.split()


def filler(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.sample(FILLER, rng.randint(9, 14))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


@dataclass(frozen=True)
class Story:
    sid: str
    feed: int
    relevant: bool
    title: str
    body: str
    at: float  # epoch seconds published


def make_story(rng: random.Random, sid: str, feed: int, relevant: bool) -> Story:
    town = rng.choice(TOWNS)
    if not relevant:
        title = rng.choice(OTHER_TOPICS).format(town=town)
        return Story(sid, feed, False, title, filler(rng, rng.randint(4, 6)), time.time())
    act, how = rng.choice(ACTS)
    parts = {
        "force": rng.choice(FORCES),
        "act": act,
        "how": how,
        "role": rng.choice(ROLES),
        "town": town,
        "k": rng.choice(KUNYA),
        "n": rng.choice(NISBA),
        "day": rng.choice(DAYS),
    }
    title = rng.choice(TITLES).format(**parts)
    body = rng.choice(LEADS).format(**parts) + " " + filler(rng, rng.randint(4, 6))
    return Story(sid, feed, True, title, body, time.time())


# --- faults by feed number ---------------------------------------------------------------------

MALFORMED, HTML, TOO_MANY, HUGE = 3, 4, 5, 6  # always broken: never published to


def fault_of(n: int) -> str:
    if n in (MALFORMED, HTML, TOO_MANY, HUGE):
        return {MALFORMED: "malformed", HTML: "html", TOO_MANY: "429", HUGE: "huge"}[n]
    if n % 20 == 1:
        return "flaky500"
    if n % 20 == 2:
        return "slow"
    return "ok"


def host_of(n: int, hosts: int) -> str:
    return f"127.0.0.{n % hosts + 1}"


# --- the loopback server process -----------------------------------------------------------------


def serve(feeds: int, hosts: int, publish_until: float, out: str, seed: int, ready: Any) -> None:
    """Serve feeds and the webhook; publish stories until `publish_until` (epoch seconds)."""
    from aiohttp import web

    rng = random.Random(seed)
    items: list[list[Story]] = [[] for _ in range(feeds)]
    bodies: list[bytes] = [b""] * feeds
    etags: list[str] = [""] * feeds
    published = open(Path(out) / "published.jsonl", "a", encoding="utf-8")  # noqa: SIM115
    hooks = open(Path(out) / "hooks.jsonl", "a", encoding="utf-8")  # noqa: SIM115
    counts: Counter[str] = Counter()
    hits = [0] * feeds
    state = {"base": ""}

    def render(n: int) -> None:
        base = state["base"]
        parts = [
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>",
            f"<title>Soak feed {n}</title><link>{base}/</link><description>d</description>",
        ]
        for s in reversed(items[n]):
            parts.append(
                f"<item><guid>{s.sid}</guid><title>{escape(s.title)}</title>"
                f"<link>{base}/story/{s.sid}</link>"
                f"<pubDate>{formatdate(s.at, usegmt=True)}</pubDate>"
                f"<description>{escape(s.body)}</description></item>"
            )
        parts.append("</channel></rss>")
        bodies[n] = "".join(parts).encode()
        etags[n] = f'"{n}-{len(items[n])}-{items[n][-1].sid if items[n] else 0}"'

    targets = [n for n in range(feeds) if fault_of(n) in ("ok", "flaky500", "slow")]
    huge = b"<?xml version='1.0'?><rss><channel>" + b"<item>x</item>" * 200_000

    async def feed(request: web.Request) -> web.StreamResponse:
        n = int(request.match_info["n"])
        fault = fault_of(n)
        counts[f"feed:{fault}"] += 1
        if fault == "malformed":
            return web.Response(body=b"<rss><channel><item><title>oops</ti", status=200,
                                content_type="application/rss+xml")  # fmt: skip
        if fault == "html":
            return web.Response(text="<html><body><h1>Maintenance</h1></body></html>",
                                content_type="text/html")  # fmt: skip
        if fault == "429":
            return web.Response(status=429, headers={"Retry-After": "30"})
        if fault == "huge":
            return web.Response(body=huge, content_type="application/rss+xml")
        hits[n] += 1
        # every third request fails, never two in a row: each failure backs the feed off a
        # little, a run of them would back it off past the end of the soak
        if fault == "flaky500" and hits[n] % 3 == 0:
            return web.Response(status=500, text="upstream broke")
        if fault == "slow" and hits[n] % 3 == 0:
            await asyncio.sleep(TIMEOUT + 2)
        headers = {"ETag": etags[n]}
        if request.headers.get("If-None-Match") == etags[n]:
            counts["304"] += 1
            return web.Response(status=304, headers=headers)
        return web.Response(body=bodies[n], content_type="application/rss+xml", headers=headers)

    async def hook(request: web.Request) -> web.Response:
        payload = await request.json()
        wid = request.headers.get("webhook-id", "")
        counts["hook:posts"] += 1
        # the first attempt of about a third of the alerts fails: the 5 s retry must deliver
        # it with the same webhook-id (a second failure would wait 5 minutes, past the run)
        if wid not in seen_ids:
            seen_ids.add(wid)
            if rng.random() < 0.3:
                counts["hook:500"] += 1
                return web.Response(status=500, text="receiver hiccup")
        row = {"webhook_id": wid, "at": time.time(), **payload}
        hooks.write(json.dumps(row) + "\n")
        hooks.flush()
        return web.Response(status=204)

    seen_ids: set[str] = set()

    async def publisher() -> None:
        k = 0
        while time.time() < publish_until:
            await asyncio.sleep(rng.uniform(0.2, 1.2))
            n = rng.choice(targets)
            k += 1
            story = make_story(rng, f"s{k}", n, rng.random() < RELEVANT_SHARE)
            items[n] = (items[n] + [story])[-KEEP_ITEMS:]
            render(n)
            row = {"sid": story.sid, "feed": n, "relevant": story.relevant, "at": story.at,
                   "title": story.title}  # fmt: skip
            published.write(json.dumps(row) + "\n")
            published.flush()

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{n}.xml", feed)
        app.router.add_post("/hook", hook)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        first = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        await first.start()
        port = first._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        for h in range(2, hosts + 1):
            await web.TCPSite(runner, f"127.0.0.{h}", port, backlog=1024).start()
        state["base"] = f"http://127.0.0.1:{port}"
        for n in range(feeds):
            render(n)
        ready.send(port)
        task = asyncio.create_task(publisher())
        dumper = asyncio.create_task(dump_counts())
        # bounded: the parent terminates us, but never outlive the run by much
        await asyncio.sleep(max(0.0, publish_until - time.time()) + SETTLE + 120)
        task.cancel()
        dumper.cancel()

    async def dump_counts() -> None:
        # the parent ends this process with SIGTERM: keep the counters on disk as we go
        while True:
            (Path(out) / "server_counts.json").write_text(json.dumps(counts))
            await asyncio.sleep(1.0)

    asyncio.run(main())


# --- the soak ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    t: float  # seconds since start
    rss_mb: float
    fds: int
    threads: int
    cpu_s: float


def write_config(path: Path, port: int, feeds: int, hosts: int, interval: float) -> None:
    lines = [
        '[storage]\npath = "monitor.db"\n',
        f'[polling]\ninterval = "{interval:g}s"\ntimeout = "{TIMEOUT:g}s"\nmax_size = "1MB"\n',
        "[scraping]\nenabled = false\n",
    ]
    for n in range(feeds):
        url = f"http://{host_of(n, hosts)}:{port}/feed/{n}.xml"
        lines.append(f'[[feeds]]\nname = "feed-{n:03d}"\nurl = "{url}"\n')
    lines.append(f'[[alerts.webhook]]\nname = "soak"\nurl = "http://127.0.0.1:{port}/hook"\n')
    lines.append('timeout = "5s"\n')
    path.write_text("".join(lines), encoding="utf-8")


def sample(proc: psutil.Process, t0: float) -> Sample:
    with proc.oneshot():
        cpu = proc.cpu_times()
        return Sample(
            t=time.monotonic() - t0,
            rss_mb=proc.memory_info().rss / 1e6,
            fds=proc.num_fds(),
            threads=proc.num_threads(),
            cpu_s=cpu.user + cpu.system,
        )


def monitor_cli(config: Path, *args: str) -> list[dict[str, Any]]:
    cmd = [sys.executable, "-m", "monitor", "--config", str(config), *args, "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=ROOT, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def story_of(url: str | None) -> str | None:
    m = re.search(r"/story/(s\d+)$", url or "")
    return m.group(1) if m else None


def avg(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--minutes", type=float, default=10.0)
    p.add_argument("--feeds", type=int, default=200)
    p.add_argument("--interval", type=float, default=5.0, help="polling interval, seconds")
    p.add_argument("--hosts", type=int, default=10, help="loopback addresses feeds spread over")
    p.add_argument("--seed", type=int, default=10)
    p.add_argument("--keep", action="store_true", help="keep the temp dir (config, db, log)")
    args = p.parse_args()
    if args.feeds < 10:
        p.error("--feeds must be at least 10 (the fault feeds take numbers up to 6)")
    duration = args.minutes * 60.0
    settle = min(SETTLE, duration / 2)

    tmp = Path(tempfile.mkdtemp(prefix="monitor-soak-"))
    config = tmp / "monitor.toml"
    log_path = tmp / "daemon.log"
    start_wall = time.time()
    publish_until = start_wall + duration - settle

    parent_end, child_end = multiprocessing.Pipe()
    server = multiprocessing.Process(
        target=serve,
        args=(args.feeds, args.hosts, publish_until, str(tmp), args.seed, child_end),
        daemon=True,
    )
    server.start()
    if not parent_end.poll(30):
        print("server did not start", file=sys.stderr)
        return 1
    port = parent_end.recv()
    write_config(config, port, args.feeds, args.hosts, args.interval)
    faults = Counter(fault_of(n) for n in range(args.feeds))
    print(
        f"soak: {args.feeds} feeds on 127.0.0.1-{args.hosts}:{port}, every {args.interval:g}s, "
        f"{args.minutes:g} min (publishing stops {settle:.0f}s before the end); "
        f"faults: {dict(faults)}; dir {tmp}",
        flush=True,
    )

    log = log_path.open("wb")
    daemon = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config), "run"],
        stdout=log,
        stderr=log,
        cwd=ROOT,
    )
    proc = psutil.Process(daemon.pid)
    t0 = time.monotonic()
    samples: list[Sample] = []
    print(f"{'t (s)':>7} {'RSS MB':>8} {'fds':>5} {'threads':>7} {'CPU s':>7}", flush=True)
    died = False
    time.sleep(SAMPLE_EVERY)
    while time.monotonic() - t0 < duration:
        if daemon.poll() is not None:
            died = True
            print(f"daemon exited early with {daemon.returncode}", flush=True)
            break
        s = sample(proc, t0)
        samples.append(s)
        print(f"{s.t:7.0f} {s.rss_mb:8.1f} {s.fds:5d} {s.threads:7d} {s.cpu_s:7.1f}", flush=True)
        time.sleep(min(SAMPLE_EVERY, max(0.0, duration - (time.monotonic() - t0))))

    # stop: SIGTERM must end it with 0 within 10 s
    code: int | None = daemon.returncode
    took = 0.0
    if not died:
        t_stop = time.monotonic()
        daemon.send_signal(signal.SIGTERM)
        try:
            code = daemon.wait(timeout=15)
        except subprocess.TimeoutExpired:
            daemon.kill()
            code = daemon.wait()
        took = time.monotonic() - t_stop
    log.close()
    time.sleep(1.5)  # the server's last counter dump
    server.terminate()
    server.join(10)

    # --- figures ------------------------------------------------------------------------------
    print()
    # the first sample at ~10 s, once the daemon has imported everything and polled once
    first = [s for s in samples if s.t < 70] or samples[:1]
    last = [s for s in samples if s.t >= samples[-1].t - 60] if samples else []
    rss0, rss1 = avg([s.rss_mb for s in first]), avg([s.rss_mb for s in last])
    fd0, fd1 = avg([s.fds for s in first]), avg([s.fds for s in last])
    print(f"first minute avg: RSS {rss0:.1f} MB, fds {fd0:.1f}")
    print(f"last minute avg:  RSS {rss1:.1f} MB, fds {fd1:.1f}")
    if samples:
        print(
            f"peak: RSS {max(s.rss_mb for s in samples):.1f} MB, fds {max(s.fds for s in samples)}"
        )
        cpu = samples[-1].cpu_s / max(samples[-1].t, 1.0) * 100
        print(f"daemon CPU: {samples[-1].cpu_s:.1f} s over {samples[-1].t:.0f} s ({cpu:.0f}%)")
    # flat: growth under 10% (and 10 MB) for memory, at most a handful of fds
    rss_flat = rss1 - rss0 < max(10.0, 0.1 * rss0)
    fds_flat = fd1 - fd0 <= 5
    print(f"RSS flat: {'yes' if rss_flat else 'no'} ({rss1 - rss0:+.1f} MB)")
    print(f"fds flat: {'yes' if fds_flat else 'no'} ({fd1 - fd0:+.1f})")
    print(f"SIGTERM: exit {code} in {took:.1f} s -> {'ok' if code == 0 and took < 10 else 'FAIL'}")

    published = read_jsonl(tmp / "published.jsonl")
    relevant = {r["sid"]: r for r in published if r["relevant"]}
    irrelevant = {r["sid"] for r in published if not r["relevant"]}
    events = monitor_cli(config, "events")
    deliveries = monitor_cli(config, "deliveries")
    accepted = [h for h in read_jsonl(tmp / "hooks.jsonl") if h.get("type") == "event.matched"]
    notices = Counter(
        h.get("type") for h in read_jsonl(tmp / "hooks.jsonl") if h.get("type") != "event.matched"
    )

    event_story = {e["id"]: story_of(e["url"]) for e in events}
    in_db = {story_of(src["url"]) for e in events for src in e["sources"]}
    merged = [
        e for e in events if len({story_of(s["url"]) for s in e["sources"]} & set(relevant)) > 1
    ]
    delivered = Counter(h["id"] for h in accepted)
    delivered_stories = {story_of(h["url"]) for h in accepted}
    by_wid = Counter(h["webhook_id"] for h in accepted)
    duplicates = [i for i, c in delivered.items() if c > 1]
    dup_wids = [w for w, c in by_wid.items() if c > 1]
    not_stored = sorted(set(relevant) - in_db, key=lambda s: int(s[1:]))
    missed = sorted(set(relevant) - delivered_stories, key=lambda s: int(s[1:]))
    unexpected = [h for h in accepted if story_of(h["url"]) in irrelevant]
    states = Counter(d.get("state") for d in deliveries)
    lat = [h["at"] - relevant[s]["at"] for h in accepted if (s := story_of(h["url"])) in relevant]
    counts = json.loads((tmp / "server_counts.json").read_text() or "{}")

    print()
    print(f"stories published: {len(published)} ({len(relevant)} relevant, {len(irrelevant)} not)")
    print(f"events in DB: {len(events)} (relevant stories stored: {len(set(relevant) & in_db)})")
    print(f"webhook POSTs: {counts.get('hook:posts', 0)}, refused with 500: "
          f"{counts.get('hook:500', 0)}, accepted event.matched: {len(accepted)}, "
          f"other notices: {dict(notices)}")  # fmt: skip
    print(f"outbox states: {dict(states)}")
    if lat:
        lat.sort()
        print(f"publish -> accepted alert: median {lat[len(lat) // 2]:.1f} s, "
              f"max {lat[-1]:.1f} s")  # fmt: skip
    print(f"server: {dict(sorted(counts.items()))}")
    print(f"missed alerts: {len(missed)} {missed[:20]}")
    print(f"  of which never became an event: {len(not_stored)} {not_stored[:20]}")
    print(f"  merged events (two relevant stories in one): {len(merged)}")
    print(f"duplicate alerts (same event id accepted twice): {len(duplicates)} {duplicates[:10]}")
    print(f"duplicate webhook-ids accepted: {len(dup_wids)}")
    print(f"unexpected alerts (irrelevant stories): {len(unexpected)} "
          f"{[h['title'] for h in unexpected][:5]}")  # fmt: skip
    print(f"events without a known story: {sum(1 for v in event_story.values() if v is None)}")

    text = log_path.read_text(errors="replace")
    bad = [ln for ln in text.splitlines() if re.search(r"ERROR|CRITICAL|Traceback", ln)]
    warn = [ln for ln in text.splitlines() if "WARNING" in ln]
    print(f"daemon log: {len(text.splitlines())} lines, {len(warn)} warnings, {len(bad)} errors")
    shapes = Counter(re.sub(r"\d+", "N", ln.split(" ", 3)[-1])[:140] for ln in bad + warn)
    for shape, c in shapes.most_common(12):
        print(f"  {c:5d} x {shape}")
    ok = rss_flat and fds_flat and code == 0 and took < 10
    ok = ok and not missed and not duplicates and not unexpected
    print(f"verdict: {'PASS' if ok else 'FAIL'}")
    if not args.keep and ok:
        for f in sorted(tmp.iterdir()):
            f.unlink()
        os.rmdir(tmp)
    else:
        print(f"kept {tmp}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

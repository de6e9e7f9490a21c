"""Bench the https path: HTTP/2 through monitor's Fetcher against aiohttp's HTTP/1.1 (the old path).

A separate process serves small feeds over TLS (hypercorn, h2 and HTTP/1.1 offered by ALPN, a
trustme certificate) on 127.0.0.1-127.0.0.N, answering If-None-Match with 304. Every measured
run is a fresh subprocess, so it pays for its own TLS handshakes as a poll cycle does (the
keep-alive of one cycle is long gone by the next) and its CPU time is its own. Printed:

- fetcher h2:    1,000 conditional GETs answered 304, then 1,000 small 200s, through
                 monitor.fetch.Fetcher (https:// goes to httpx's transport with HTTP/2);
- aiohttp h1.1:  the same through httpx over httpx_aiohttp with the same global and per-host
                 limits: what Fetcher did for https:// before HTTP/2;
- optionally (--aiohttp-server) the old path against aiohttp.web's TLS server, to show how
  much of the wall time is hypercorn's.

    .venv/bin/python bench/https.py [--requests 1000] [--hosts 50]

Talks only to 127.0.0.x.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Any

from cycle import measure  # bench/ is the script's directory, so its first sys.path entry

CONCURRENCY = 50
PER_HOST = 4


@dataclass(frozen=True)
class Setup:
    requests: int
    hosts: int
    port: int  # hypercorn: h2 and HTTP/1.1
    aiohttp_port: int  # aiohttp.web: HTTP/1.1 only (0: not started)
    ca_file: str

    def host(self, i: int) -> str:
        return f"127.0.0.{i % self.hosts + 1}"

    def url(self, i: int, port: int | None = None) -> str:
        return f"https://{self.host(i)}:{port or self.port}/feed/{i}.xml"


def make_feed(i: int) -> bytes:
    """A small RSS document (about 1.5 KB): a quiet feed with a few items."""
    items = "".join(
        f"<item><title>Item {j} of feed {i}</title><link>https://news{i}.example/{j}</link>"
        f"<guid>feed{i}-{j}</guid><description>Short summary number {j} of feed {i}, "
        "with a sentence or two of text.</description></item>"
        for j in range(8)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {i}</title>'
        f"<link>https://news{i}.example/</link>{items}</channel></rss>"
    ).encode()


# -- the TLS server (its own process) ------------------------------------------------------------


def serve(certs: dict[str, str], hosts: int, with_aiohttp: bool, ready: Any) -> None:
    """hypercorn on 127.0.0.1-N (one port), and optionally aiohttp.web on a second port."""
    from hypercorn.asyncio import serve as hypercorn_serve
    from hypercorn.config import Config

    modified = formatdate(time.time() - 3600, usegmt=True)
    bodies: dict[int, bytes] = {}

    def answer(i: int, inm: str | None) -> tuple[int, dict[str, str], bytes]:
        headers = {"etag": f'"v1-{i}"', "last-modified": modified}
        if inm == headers["etag"]:
            return 304, headers, b""
        body = bodies.get(i) or bodies.setdefault(i, make_feed(i))
        headers["content-type"] = "application/rss+xml"
        headers["content-length"] = str(len(body))
        return 200, headers, body

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        i = int(scope["path"].rsplit("/", 1)[-1].split(".")[0])
        inm = next((v.decode() for k, v in scope["headers"] if k == b"if-none-match"), None)
        status, headers, body = answer(i, inm)
        raw = [(k.encode(), v.encode()) for k, v in headers.items()]
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})

    def listen(host: str, port: int) -> socket.socket:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1024)
        return sock

    first = listen("127.0.0.1", 0)
    port = first.getsockname()[1]
    socks = [first] + [listen(f"127.0.0.{h}", port) for h in range(2, hosts + 1)]
    config = Config()
    config.certfile, config.keyfile = certs["cert"], certs["key"]
    config.alpn_protocols = ["h2", "http/1.1"]
    config.bind = [f"fd://{s.detach()}" for s in socks]
    config.accesslog = config.errorlog = None
    config.backlog = 1024

    async def main() -> None:
        aiohttp_port = 0
        if with_aiohttp:
            from aiohttp import web

            async def feed(request: web.Request) -> web.Response:
                i = int(request.match_info["n"])
                status, headers, body = answer(i, request.headers.get("If-None-Match"))
                headers.pop("content-length", None)
                return web.Response(status=status, headers=headers, body=body or None)

            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(certs["cert"], certs["key"])
            web_app = web.Application()
            web_app.router.add_get("/feed/{n}.xml", feed)
            runner = web.AppRunner(web_app, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context, backlog=1024)
            await site.start()
            aiohttp_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            for h in range(2, hosts + 1):
                await web.TCPSite(
                    runner, f"127.0.0.{h}", aiohttp_port, ssl_context=context, backlog=1024
                ).start()
        ready.send((port, aiohttp_port))
        await hypercorn_serve(app, config)  # type: ignore[arg-type]

    asyncio.run(main())


# -- measured workers (each a fresh subprocess) -----------------------------------------------


def tally(statuses: dict[Any, int]) -> str:
    return " ".join(f"{k}:{v}" for k, v in sorted(statuses.items(), key=str))


def worker_fetcher(setup: Setup, conditional: bool) -> dict[str, Any]:
    from monitor.config import PollingConfig, ScrapingConfig
    from monitor.errors import FetchError
    from monitor.fetch import Fetcher

    polling = PollingConfig(600, 20, 5_000_000, CONCURRENCY, PER_HOST, 5, 0)
    scraping = ScrapingConfig(False, False, (), False, 5_000_000, 20)

    async def run() -> str:
        statuses: dict[Any, int] = {}
        context = ssl.create_default_context(cafile=setup.ca_file)
        async with Fetcher(polling, scraping, ssl_context=context) as fetcher:

            async def one(i: int) -> None:
                try:
                    r = await fetcher.fetch_feed(
                        setup.url(i), etag=f'"v1-{i}"' if conditional else None
                    )
                    key: Any = r.status
                except FetchError as exc:
                    key = str(exc.kind)
                statuses[key] = statuses.get(key, 0) + 1

            await asyncio.gather(*(one(i) for i in range(setup.requests)))
        return tally(statuses)

    return measure(lambda: asyncio.run(run()))


def worker_aiohttp(setup: Setup, conditional: bool, port: int) -> dict[str, Any]:
    import aiohttp
    import httpx
    from httpx_aiohttp import AiohttpTransport

    async def run() -> str:
        context = ssl.create_default_context(cafile=setup.ca_file)
        limit = asyncio.Semaphore(CONCURRENCY)
        per_host = {setup.host(i): asyncio.Semaphore(PER_HOST) for i in range(setup.hosts)}
        connector = aiohttp.TCPConnector(limit=CONCURRENCY, limit_per_host=PER_HOST, ssl=context)
        session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
        transport = AiohttpTransport(client=session)
        statuses: dict[Any, int] = {}
        async with httpx.AsyncClient(transport=transport, trust_env=False, timeout=None) as client:

            async def one(i: int) -> None:
                headers = {"If-None-Match": f'"v1-{i}"'} if conditional else {}
                url = setup.url(i, port)
                async with (
                    limit,
                    per_host[setup.host(i)],
                    client.stream("GET", url, headers=headers) as r,
                ):
                    await r.aread()
                key = f"{r.status_code}/{r.http_version}"
                statuses[key] = statuses.get(key, 0) + 1

            await asyncio.gather(*(one(i) for i in range(setup.requests)))
        return tally(statuses)

    return measure(lambda: asyncio.run(run()))


# -- the orchestrating parent -----------------------------------------------------------------


def run_worker(setup: Setup, kind: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", kind, "--setup", json.dumps(setup.__dict__)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {kind} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def make_certs(directory: Path, hosts: int) -> dict[str, str]:
    import trustme

    ca = trustme.CA()
    leaf = ca.issue_cert(*(f"127.0.0.{h}" for h in range(1, hosts + 1)))
    paths = {
        "cert": directory / "cert.pem",
        "key": directory / "key.pem",
        "ca": directory / "ca.pem",
    }
    leaf.cert_chain_pems[0].write_to_path(str(paths["cert"]))
    leaf.private_key_pem.write_to_path(str(paths["key"]))
    ca.cert_pem.write_to_path(str(paths["ca"]))
    return {k: str(v) for k, v in paths.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--aiohttp-server", action="store_true")
    parser.add_argument("--worker")
    parser.add_argument("--setup")
    args = parser.parse_args()

    if args.worker:
        setup = Setup(**json.loads(args.setup))
        workers: dict[str, Callable[[], dict[str, Any]]] = {
            "fetcher-304": lambda: worker_fetcher(setup, True),
            "fetcher-200": lambda: worker_fetcher(setup, False),
            "aiohttp-304": lambda: worker_aiohttp(setup, True, setup.port),
            "aiohttp-200": lambda: worker_aiohttp(setup, False, setup.port),
            "web-304": lambda: worker_aiohttp(setup, True, setup.aiohttp_port),
            "web-200": lambda: worker_aiohttp(setup, False, setup.aiohttp_port),
        }
        print(json.dumps(workers[args.worker](), default=str))
        return

    with tempfile.TemporaryDirectory(prefix="bench-https-") as tmp:
        certs = make_certs(Path(tmp), args.hosts)
        ctx = multiprocessing.get_context("fork")
        here, there = ctx.Pipe()
        server = ctx.Process(
            target=serve, args=(certs, args.hosts, args.aiohttp_server, there), daemon=True
        )
        server.start()
        try:
            port, aiohttp_port = here.recv()
            setup = Setup(args.requests, args.hosts, port, aiohttp_port, certs["ca"])
            print(
                f"{args.requests} GETs over https to {args.hosts} loopback hosts "
                f"(127.0.0.1-{args.hosts}:{port}, hypercorn); limits {CONCURRENCY} global, "
                f"{PER_HOST} per host; {multiprocessing.cpu_count()} CPUs"
            )
            runs = [
                ("fetcher h2, 304s", "fetcher-304"),
                ("aiohttp h1.1, 304s", "aiohttp-304"),
                ("fetcher h2, 200s", "fetcher-200"),
                ("aiohttp h1.1, 200s", "aiohttp-200"),
            ]
            if aiohttp_port:
                runs += [
                    ("aiohttp h1.1 vs aiohttp.web, 304s", "web-304"),
                    ("aiohttp h1.1 vs aiohttp.web, 200s", "web-200"),
                ]
            print(f"{'run':<36} {'wall s':>8} {'cpu s':>8} {'peak MB':>9}   statuses")
            for label, kind in runs:
                r = run_worker(setup, kind)
                print(
                    f"{label:<36} {r['wall']:>8.2f} {r['cpu']:>8.2f} "
                    f"{r['peak_rss_mb']:>9.0f}   {r['detail']}"
                )
            print("wall includes the server (hypercorn, pure Python, on the other core)")
        finally:
            server.terminate()
            server.join(5)


if __name__ == "__main__":
    main()

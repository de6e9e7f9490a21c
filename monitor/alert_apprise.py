"""Apprise channels: one alert as a plain-text notification to every URL of a channel.

Apprise (https://github.com/caronc/apprise) speaks to about a hundred services (chat, push,
SMS, ...) through URLs such as `tgram://TOKEN/CHAT` or `json://host/path`. Those URLs carry
the services' credentials, so they live in the environment variable named by `urls_env`, are
read at send time and never reach a log line, the database or an error message: failures
name a target by its position and service name only, and anything Apprise says about it is
scrubbed of every part of every URL before it is kept.

Apprise is synchronous; a send runs in a worker thread under a time limit. Like the other
senders this makes one attempt; the outbox retries. A channel with several URLs is one
delivery: when one target fails, the retry goes to all of them again, so the ones that had
accepted may see the alert twice (put each URL in its own channel where that matters).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import apprise
from apprise.utils.parse import parse_urls

from monitor.config import AppriseChannel
from monitor.errors import DeliveryError
from monitor.textnorm import display_block, display_line

TITLE_LIMIT = 250
# Extra seconds the worker thread gets beyond Apprise's own limit before the attempt is
# given up on (Apprise stops waiting for a service at `timeout` itself).
_THREAD_GRACE = 5.0
# Schemes whose host is a network address rather than a token (json://host:port/path)
_HOST_SCHEMES = frozenset({"json", "jsons", "form", "forms", "xml", "xmls"})
_ANY_URL = re.compile(r"\b[a-z][a-z0-9+.\-]*://\S+", re.IGNORECASE)

_TITLES = {
    "event.updated": "updated: {title}",
    "feed.failing": "feed failing: {source}",
    "feed.recovered": "feed recovered: {source}",
}

# Apprise logs the full service URL (tokens included) at debug level, and urllib3 (under
# requests, which Apprise uses; nothing else here does) logs the request path: their records
# must never reach our handlers. Apprise's per-call capture (AppriseResult logs) hangs on its
# own logger and still sees them; the NullHandler keeps logging's last-resort stderr away.
for _name in ("apprise", "urllib3"):
    logging.getLogger(_name).propagate = False
    logging.getLogger(_name).addHandler(logging.NullHandler())
# ...and records down to debug level are made, for that capture only (see _said)
logging.getLogger("apprise").setLevel(logging.DEBUG)

# how the monitor introduces itself to services (User-Agent and the like)
_ASSET = apprise.AppriseAsset(app_id="monitor", app_desc="monitor news alerts")


@dataclass(frozen=True)
class Targets:
    """The services of one channel, parsed from its URLs."""

    plugins: tuple[apprise.NotifyBase, ...]  # in the order given
    secrets: tuple[str, ...]  # every part of every URL, longest first, for scrubbing


def split_urls(text: str) -> list[str]:
    """The URLs of a variable, separated by whitespace or commas, as Apprise splits them."""
    return [u for u in parse_urls(text) if u.strip()]


def load_targets(channel: AppriseChannel) -> Targets:
    """Read and parse the channel's URLs; DeliveryError (never quoting them) when unusable."""
    where = f"apprise {channel.name}"
    text = channel.urls()
    if text is None:
        raise DeliveryError(
            f"{where}: environment variable {channel.urls_env} (urls_env) is not set"
        )
    urls = split_urls(text)
    if not urls:
        raise DeliveryError(f"{where}: environment variable {channel.urls_env} holds no URL")
    plugins, bad = [], []
    for i, url in enumerate(urls, start=1):
        plugin = apprise.Apprise.instantiate(url, asset=_ASSET)
        if plugin is None:
            bad.append(str(i))
        else:
            plugins.append(plugin)
    secrets = _secret_parts(urls)
    if bad:
        # temporary on purpose: once the operator fixes the variable, pending alerts go out
        raise DeliveryError(
            f"{where}: URL {', '.join(bad)} of {len(urls)} in {channel.urls_env} is not a "
            "URL Apprise understands"
        )
    return Targets(tuple(plugins), secrets)


def check_urls(channel: AppriseChannel) -> str | None:
    """For `monitor check`: what is wrong with the channel's URLs as set now, or None."""
    try:
        load_targets(channel)
    except DeliveryError as exc:
        return exc.message
    return None


def _secret_parts(urls: Sequence[str]) -> tuple[str, ...]:
    """Every piece of the URLs that may be a credential: user, password, host (where it is a
    token, as in tgram://TOKEN/CHAT), path segments, query values, the whole URL."""
    parts: set[str] = set()
    for url in urls:
        parts.add(url)
        try:
            u = urlsplit(url)
        except ValueError:
            continue
        userinfo, _, hostport = u.netloc.rpartition("@")
        parts.update((u.netloc, userinfo, *userinfo.split(":"), u.fragment))
        if u.scheme.lower() not in _HOST_SCHEMES:
            parts.update((hostport, *hostport.split(":")))
        parts.update(u.path.split("/"))
        parts.update(v for _, v in parse_qsl(u.query))
    return tuple(sorted((p for p in parts if len(p) >= 4), key=len, reverse=True))


def scrub(message: str, secrets: Sequence[str]) -> str:
    """`message` without any URL or part of one (Apprise may quote them in what it logs)."""
    for secret in secrets:
        message = message.replace(secret, "***")
    return _ANY_URL.sub("<url>", message)


# --- the message ----------------------------------------------------------------------------


def message(payload: Mapping[str, object], delivery_id: str) -> tuple[str, str]:
    """(title, body) of the notification for an alert payload (the contract's JSON).

    Both are plain text: Apprise escapes them for services that take HTML or Markdown.
    """
    type_ = str(payload.get("type", ""))
    title = display_line(str(payload.get("title") or ""), TITLE_LIMIT) or "(no title)"
    source = display_line(str(payload.get("source") or ""), TITLE_LIMIT) or "(unnamed feed)"
    head = _TITLES.get(type_, "{title}").format(title=title, source=source)
    head = display_line(head, TITLE_LIMIT)

    rows: list[tuple[str, str]] = []
    if type_.startswith("feed."):
        rows.append(("Feed", source))
        rows.append(("URL", _url(payload.get("url"))))
        for key in ("failing_since", "error"):
            if payload.get(key):
                rows.append((key.replace("_", " ").capitalize(), _line(payload[key])))
    else:
        rows += [
            ("What", _line(payload.get("what")) or "-"),
            ("Who", _who(payload.get("who"))),
            ("Where", _where(payload.get("where"))),
            ("When", _line(payload.get("when")) or "-"),
            ("Source", source),
            ("Published", _line(payload.get("published")) or "unknown"),
            ("URL", _url(payload.get("url"))),
            ("Rules", ", ".join(_line(r) for r in _list(payload.get("rules")))),
        ]
        if payload.get("kind") not in (None, "report"):
            rows.append(("Kind", _line(payload.get("kind"))))
        sources = _list(payload.get("sources"))
        if len(sources) > 1:
            names = [_line(s.get("source")) for s in sources if isinstance(s, Mapping)]
            rows.append(("Reported by", f"{len(sources)} sources: {', '.join(names)}"))
        changes = payload.get("changes")
        if changes:
            rows.append(("Changes", ", ".join(_line(c) for c in _list(changes))))
    lines = [head, ""] + [f"{label}: {value}" for label, value in rows]
    snippet = display_block(str(payload.get("snippet") or ""))
    if snippet:
        lines += ["", snippet]
    lines += ["", f"-- monitor {display_line(type_)} {_line(payload.get('id'))} ({delivery_id})"]
    return head, "\n".join(lines)


def _line(value: object) -> str:
    return display_line("" if value is None else str(value))


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _url(value: object) -> str:
    url = _line(value)
    # plain text, but many services turn URLs into links: only web addresses are given
    return url if re.match(r"https?://[^\s/]", url, re.IGNORECASE) else "-"


def _who(value: object) -> str:
    people = []
    for p in _list(value):
        if isinstance(p, Mapping) and p.get("name"):
            role = _line(p.get("role"))
            people.append(_line(p["name"]) + (f" ({role})" if role else ""))
    return "; ".join(people) or "-"


def _where(value: object) -> str:
    if not isinstance(value, Mapping):
        return "-"
    parts = [_line(value.get(k)) for k in ("name", "country")]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or "-"


# --- sending --------------------------------------------------------------------------------


async def send_apprise(
    channel: AppriseChannel, payload: Mapping[str, object], delivery_id: str
) -> None:
    """Notify every URL of the channel; DeliveryError unless all of them accepted."""
    targets = load_targets(channel)
    title, body = message(payload, delivery_id)
    where = f"apprise {channel.name}"
    try:
        async with asyncio.timeout(channel.timeout + _THREAD_GRACE):
            failures = await asyncio.to_thread(_notify, targets, channel.timeout, title, body)
    except TimeoutError:
        raise DeliveryError(f"{where}: no answer within {channel.timeout:g}s") from None
    except Exception as exc:  # Apprise failing in itself: its words may quote a URL
        said = scrub(display_line(f"{type(exc).__name__}: {exc}"), targets.secrets)
        raise DeliveryError(f"{where}: {said}") from None
    if failures:
        detail = scrub("; ".join(failures), targets.secrets)
        raise DeliveryError(f"{where}: not accepted: {detail}")


def _notify(targets: Targets, timeout: float, title: str, body: str) -> list[str]:
    """The blocking Apprise call (worker thread): a description of each target that failed."""
    ap = apprise.Apprise(asset=_ASSET)
    privacy = []
    for plugin in targets.plugins:
        # per request: Apprise bounds each connect and read, the call's timeout the whole
        plugin.socket_connect_timeout = min(timeout, 10.0)
        plugin.socket_read_timeout = timeout
        ap.add(plugin)
        privacy.append(plugin.url(privacy=True))
    result = ap.notify(
        body=body,
        title=title,
        body_format=apprise.NotifyFormat.TEXT,
        timeout=timeout,
        # debug too: the cause of a connection error ("Read timed out") is only logged there
        log_level=logging.DEBUG,
    )
    if result:
        return []
    failures = []
    total = len(targets.plugins)
    for n, service in enumerate(result.results, start=1):
        if service:
            continue
        index = privacy.index(service.url) + 1 if service.url in privacy else n
        failures.append(
            f"target {index} of {total} ({display_line(service.name, 40)}): "
            + _said(service.logs(), service.status.name)
        )
    if not failures:
        # no service was called at all: Apprise refused the message itself
        failures.append(_said(result.call_logs(), result.status.name))
    return failures


def _said(entries: Iterable[Any], status: str) -> str:
    """The last warning or error Apprise logged for a target (with the socket error behind
    it, which its plugins log at debug level), else the target's status."""
    said, cause = "", ""
    for e in entries:
        if e.level in ("WARNING", "ERROR"):
            said = display_line(e.message, 200)
        elif e.message.startswith("Socket Exception:"):
            cause = display_line(e.message.removeprefix("Socket Exception:"), 200)
    if not said:
        return status.lower()
    return f"{said} ({cause})" if cause else said

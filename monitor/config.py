"""Load and validate the TOML config into typed, frozen dataclasses.

Every problem is raised as one ConfigError naming the file, the key path and what is wrong.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from monitor.errors import ConfigError

DEFAULT_CONFIG = Path("config/monitor.toml")

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$")
_DURATION_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
}


# Upper bounds of durations and sizes: far past any setting an operator means, and small
# enough that every duration stays safe in date arithmetic (a timedelta ends at 999,999,999
# days, a datetime at year 9999). A key without its own bound gets DURATION_MAX.
DURATION_MAX = "36500d"  # 100 years: how long items are kept, how old an alert may be...
INTERVAL_MAX = "30d"
TIMEOUT_MAX = "1h"
RETRY_WINDOW_MAX = "365d"
SIZE_MAX = "1GiB"


def parse_duration(text: str) -> float:
    """'30s', '5m', '1h', '2d' -> seconds. Raises ValueError."""
    m = _DURATION.match(text)
    if not m:
        raise ValueError(f"not a duration: {text!r} (use e.g. '30s', '5m', '1h', '2d')")
    return float(m.group(1)) * _DURATION_UNITS[m.group(2)]


def parse_size(text: str) -> int:
    """'512KB', '10MB' -> bytes. Raises ValueError."""
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"not a size: {text!r} (use e.g. '512KB', '10MB')")
    size = float(m.group(1)) * _SIZE_UNITS[(m.group(2) or "B").lower()]
    if not math.isfinite(size):  # hundreds of digits: int() of it would overflow
        raise ValueError(f"not a size: {text!r} is too large")
    return int(size)


def read_secret(name: str | None) -> str | None:
    """A secret by name: the environment variable, else a systemd credential of that name."""
    if not name:
        return None
    value = os.environ.get(name)
    if value is None and (creds := os.environ.get("CREDENTIALS_DIRECTORY")):
        try:
            value = (Path(creds) / name).read_text(encoding="utf-8").strip()
        except OSError:
            return None
    return value


@dataclass(frozen=True)
class StorageConfig:
    path: Path
    keep: float  # seconds items are kept; events are kept forever


@dataclass(frozen=True)
class PollingConfig:
    interval: float
    timeout: float
    max_size: int
    concurrency: int  # requests in flight at once, all hosts
    per_host: int  # requests in flight at once to one host
    max_redirects: int
    jitter: float  # random delay added to each feed's schedule
    # processes parsing and matching; None: chosen by the number of feeds
    workers: int | None = None


@dataclass(frozen=True)
class ScrapingConfig:
    enabled: bool
    allow_private_networks: bool
    allow_hosts: tuple[str, ...]
    store_text: bool
    max_size: int
    timeout: float


@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    interval: float
    alert_commentary: bool | None = None  # None: as [matching] alert_commentary says


@dataclass(frozen=True)
class MatchingConfig:
    rules: tuple[Path, ...]  # empty: the shipped ruleset
    dedup_window: float
    alert_commentary: bool = False  # alert analysis, opinion... too, not only reports
    event_window: float = 72 * 3600.0  # two reports' event days at most this far apart


@dataclass(frozen=True)
class EmailChannel:
    name: str
    host: str
    port: int
    security: str  # starttls | tls | none
    username: str | None
    password_env: str | None
    sender: str
    recipients: tuple[str, ...]
    timeout: float
    retry_window: float
    ca_file: Path | None  # extra CA bundle to trust (self-signed relays)

    @property
    def kind(self) -> str:
        return "email"

    def password(self) -> str | None:
        """The password read from the environment at use time (never stored)."""
        return read_secret(self.password_env)


@dataclass(frozen=True)
class WebhookChannel:
    name: str
    url: str
    secret_env: str | None
    timeout: float
    retry_window: float

    @property
    def kind(self) -> str:
        return "webhook"

    def secret(self) -> str | None:
        """The signing secret read from the environment at use time (never stored)."""
        return read_secret(self.secret_env)


@dataclass(frozen=True)
class AppriseChannel:
    name: str
    urls_env: str  # the variable holding the Apprise URLs (they carry the services' tokens)
    timeout: float
    retry_window: float

    @property
    def kind(self) -> str:
        return "apprise"

    def urls(self) -> str | None:
        """The Apprise URLs read from the environment at use time (never stored)."""
        return read_secret(self.urls_env)


Channel = EmailChannel | WebhookChannel | AppriseChannel


@dataclass(frozen=True)
class AlertsConfig:
    max_age: float
    feed_failing_after: float
    email: tuple[EmailChannel, ...]
    webhook: tuple[WebhookChannel, ...]
    update_interval: float = 3600.0  # at most one event.updated per event this often
    apprise: tuple[AppriseChannel, ...] = ()

    @property
    def channels(self) -> tuple[Channel, ...]:
        return (*self.email, *self.webhook, *self.apprise)


@dataclass(frozen=True)
class MetricsConfig:
    listen: str | None  # "127.0.0.1:9464", or None when off


DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILES_ATTRIBUTION = "© OpenStreetMap contributors"
# a tile URL: http(s), a host (a {s} subdomain allowed), {z}, {x} and {y} in the path; nothing
# that could end the Content-Security-Policy directive its origin goes into
_TILES = re.compile(r"^https?://[A-Za-z0-9.\-{}]+(:\d{1,5})?/[A-Za-z0-9._~\-/{}@%+=&?!$]*$")


@dataclass(frozen=True)
class WebConfig:
    listen: str | None  # "127.0.0.1:8080" for `monitor run`, or None when off
    token_env: str | None  # the variable holding the token every request must present
    tiles: str | None = DEFAULT_TILES  # the map's tile URL template, None: no tiles
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION


@dataclass(frozen=True)
class Config:
    path: Path
    storage: StorageConfig
    polling: PollingConfig
    scraping: ScrapingConfig
    feeds: tuple[FeedConfig, ...]
    matching: MatchingConfig
    alerts: AlertsConfig
    metrics: MetricsConfig
    web: WebConfig = WebConfig(None, None)


def resolve_config_path(cli_value: str | None) -> Path:
    """--config, else $MONITOR_CONFIG, else config/monitor.toml in the working directory."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("MONITOR_CONFIG")
    return Path(env) if env else DEFAULT_CONFIG


T = TypeVar("T")


class _Table:
    """A TOML table being read: tracks the keys used so leftovers are reported as unknown."""

    def __init__(self, file: str, prefix: str, data: Mapping[str, Any]) -> None:
        self.file = file
        self.prefix = prefix
        self.data = data
        self.used: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def error(self, name: str, problem: str) -> ConfigError:
        return ConfigError(self.file, self.key(name), problem)

    def _get(self, name: str, types: tuple[type, ...], tname: str, required: bool) -> Any:
        self.used.add(name)
        if name not in self.data:
            if required:
                raise self.error(name, "required key is missing")
            return None
        value = self.data[name]
        # bool is an int in Python; a TOML boolean is never a number here
        if isinstance(value, bool) and bool not in types:
            raise self.error(name, f"expected {tname}, got boolean {value!r}")
        if not isinstance(value, types):
            raise self.error(name, f"expected {tname}, got {_tname(value)} {value!r}")
        return value

    def string(self, name: str, default: str | None = None, *, required: bool = False) -> Any:
        value = self._get(name, (str,), "a string", required)
        if value is not None and not value.strip():
            raise self.error(name, "must not be empty")
        return default if value is None else value

    def integer(self, name: str, default: int, *, low: int = 0, high: int = 1 << 31) -> int:
        value = self._get(name, (int,), "an integer", False)
        if value is None:
            return default
        if not low <= value <= high:
            raise self.error(name, f"must be between {low} and {high}, got {value}")
        return int(value)

    def boolean(self, name: str, default: bool) -> bool:
        value = self._get(name, (bool,), "true or false", False)
        return default if value is None else bool(value)

    def converted(self, name: str, default: str, convert: Callable[[str], T], tname: str) -> T:
        value = self._get(name, (str,), f"a {tname} string", False)
        text = default if value is None else value
        try:
            return convert(text)
        except ValueError as exc:
            raise self.error(name, str(exc)) from None

    def duration(
        self, name: str, default: str, *, positive: bool = True, high: str = DURATION_MAX
    ) -> float:
        seconds = self.converted(name, default, parse_duration, "duration")
        if positive and seconds <= 0:
            raise self.error(name, "must be longer than 0s")
        if seconds > parse_duration(high):
            raise self.error(name, f"must be at most {high}, got {self.data.get(name)!r}")
        return seconds

    def size(self, name: str, default: str, *, high: str = SIZE_MAX) -> int:
        size = self.converted(name, default, parse_size, "size")
        if size <= 0:
            raise self.error(name, "must be larger than 0")
        if size > parse_size(high):
            raise self.error(name, f"must be at most {high}, got {self.data.get(name)!r}")
        return size

    def strings(self, name: str) -> tuple[str, ...]:
        value = self._get(name, (list,), "a list of strings", False)
        if value is None:
            return ()
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"{name}[{i}]", f"expected a non-empty string, got {item!r}")
        return tuple(value)

    def table(self, name: str) -> _Table:
        value = self._get(name, (dict,), "a table", False)
        return _Table(self.file, self.key(name), value or {})

    def tables(self, name: str) -> list[_Table]:
        value = self._get(name, (list,), "an array of tables ([[...]])", False)
        out = []
        for i, item in enumerate(value or []):
            if not isinstance(item, dict):
                raise self.error(f"{name}[{i}]", f"expected a table, got {_tname(item)}")
            out.append(_Table(self.file, f"{self.key(name)}[{i}]", item))
        return out

    def finish(self) -> None:
        """Reject keys nobody asked for: a typo must not be silently ignored."""
        for name in self.data:
            if name not in self.used:
                raise self.error(name, "unknown key" + _did_you_mean(name, self.used))


def _did_you_mean(name: str, known: set[str]) -> str:
    """' (did you mean `interval`?)' for a near miss of a known key, else ''."""
    import difflib  # only on this error path

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if not close:
        # a key that differs only in case or separators ("allowPrivateNetworks", "max-age")
        folded = {k.replace("_", "").lower(): k for k in known}
        close = [folded[f]] if (f := re.sub(r"[-_ ]", "", name).lower()) in folded else []
    return f" (did you mean `{close[0]}`?)" if close else ""


def _tname(value: object) -> str:
    return {
        str: "string",
        int: "integer",
        float: "number",
        bool: "boolean",
        list: "array",
        dict: "table",
    }.get(type(value), type(value).__name__)


def _http_url(t: _Table, name: str) -> str:
    url: str = t.string(name, required=True)
    parts = urlsplit(url)
    if "@" in parts.netloc:
        # a password in the file would break the rule that secrets live in the environment
        # (and is not repeated in this message)
        raise t.error(name, "must not carry a user name or password (user:pass@host)")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise t.error(name, f"expected an http(s) URL, got {url!r}")
    return url


def _env_name(t: _Table, name: str) -> str:
    """A required key naming an environment variable (the value itself is never in the file)."""
    value: str = t.string(name, required=True)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise t.error(name, f"expected the name of an environment variable, got {value!r}")
    return value


def is_loopback(host: str) -> bool:
    """True for a host only this machine can reach: 127.0.0.0/8, ::1 or localhost."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # any other name may resolve to an outside address


def _web_config(we: _Table) -> WebConfig:
    listen = we.string("listen")
    if listen is not None and (
        not re.match(r"^[\w.\-\[\]:]+:\d{1,5}$", listen) or int(listen.rpartition(":")[2]) > 65535
    ):
        raise we.error("listen", f"expected HOST:PORT, got {listen!r}")
    token_env = _env_name(we, "token_env") if "token_env" in we.data else None
    if listen is not None and token_env is None and not is_loopback(listen.rpartition(":")[0]):
        # a web view open to the network without a token would publish every event
        raise we.error(
            "token_env", f"required when listen is not a loopback address (listen = {listen!r})"
        )
    tiles: str | None = we.string("tiles", DEFAULT_TILES)
    if tiles is None or tiles == "none":
        tiles = None
    elif not _TILES.match(tiles) or not all(p in tiles for p in ("{z}", "{x}", "{y}")):
        raise we.error(
            "tiles",
            'expected an http(s) URL template with {z}, {x} and {y} (or "none"), '
            f"got {tiles!r}",
        )
    default = DEFAULT_TILES_ATTRIBUTION if tiles == DEFAULT_TILES else ""
    attribution = we.string("tiles_attribution", default)
    we.finish()
    return WebConfig(listen, token_env, tiles, attribution)


def load_config(path: Path) -> Config:
    """Read and validate the config file at `path`."""
    file = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            file, "", "file not found (`monitor init` writes a starter config there)"
        ) from None
    except OSError as exc:
        raise ConfigError(file, "", f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(file, "", "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(file, "", f"invalid TOML: {exc}") from None
    return parse_config(raw, path)


def parse_config(raw: Mapping[str, Any], path: Path) -> Config:
    """Validate an already-parsed TOML document; relative paths resolve against `path`."""
    file = str(path)
    base = path.resolve().parent
    top = _Table(file, "", raw)

    st = top.table("storage")
    storage = StorageConfig(
        path=base / st.string("path", "data/monitor.db"),
        keep=st.duration("keep", "90d"),
    )
    st.finish()

    po = top.table("polling")
    polling = PollingConfig(
        interval=po.duration("interval", "10m", high=INTERVAL_MAX),
        timeout=po.duration("timeout", "20s", high=TIMEOUT_MAX),
        max_size=po.size("max_size", "5MB"),
        concurrency=po.integer("concurrency", 50, low=1, high=1000),
        per_host=po.integer("per_host", 4, low=1, high=100),
        max_redirects=po.integer("max_redirects", 5, low=0, high=20),
        jitter=po.duration("jitter", "0s", positive=False, high=INTERVAL_MAX),
        workers=po.integer("workers", -1, low=-1, high=64),
    )
    po.finish()
    if polling.workers == -1:
        polling = replace(polling, workers=None)

    sc = top.table("scraping")
    scraping = ScrapingConfig(
        enabled=sc.boolean("enabled", True),
        allow_private_networks=sc.boolean("allow_private_networks", False),
        allow_hosts=tuple(h.lower() for h in sc.strings("allow_hosts")),
        store_text=sc.boolean("store_text", True),
        max_size=sc.size("max_size", "5MB"),
        timeout=sc.duration("timeout", f"{polling.timeout}s", high=TIMEOUT_MAX),
    )
    sc.finish()

    feeds: list[FeedConfig] = []
    seen: dict[str, int] = {}
    feed_tables = top.tables("feeds")
    if not feed_tables:
        raise ConfigError(file, "feeds", "required: at least one [[feeds]] table")
    for i, ft in enumerate(feed_tables):
        name = ft.string("name", required=True).strip()
        if name in seen:
            raise ft.error("name", f"duplicate feed name {name!r} (also feeds[{seen[name]}])")
        seen[name] = i
        feeds.append(
            FeedConfig(
                name=name,
                url=_http_url(ft, "url"),
                interval=ft.duration("interval", f"{polling.interval}s", high=INTERVAL_MAX),
                alert_commentary=(
                    ft.boolean("alert_commentary", False) if "alert_commentary" in ft.data else None
                ),
            )
        )
        ft.finish()

    ma = top.table("matching")
    matching = MatchingConfig(
        rules=tuple(Path(r) if r.startswith("builtin:") else base / r for r in ma.strings("rules")),
        dedup_window=ma.duration("dedup_window", "3d"),
        alert_commentary=ma.boolean("alert_commentary", False),
        event_window=ma.duration("event_window", "72h"),
    )
    ma.finish()

    al = top.table("alerts")
    max_age = al.duration("max_age", "2d")
    failing_after = al.duration("feed_failing_after", "24h")
    update_interval = al.duration("update_interval", "1h", positive=False)
    retry_window = al.duration("retry_window", "3d", high=RETRY_WINDOW_MAX)
    emails: list[EmailChannel] = []
    for i, et in enumerate(al.tables("email")):
        security = et.string("security", "starttls")
        if security not in ("starttls", "tls", "none"):
            raise et.error("security", f'expected "starttls", "tls" or "none", got {security!r}')
        recipients = et.strings("recipients")
        if "recipients" not in et.data:
            raise et.error("recipients", "required key is missing")
        if not recipients:
            raise et.error("recipients", "must list at least one address")
        ca = et.string("ca_file")
        emails.append(
            EmailChannel(
                name=et.string("name", f"email-{i + 1}"),
                host=et.string("host", required=True),
                port=et.integer("port", 465 if security == "tls" else 587, low=1, high=65535),
                security=security,
                username=et.string("username"),
                password_env=et.string("password_env"),
                sender=et.string("sender", required=True),
                recipients=recipients,
                timeout=et.duration("timeout", "30s", high=TIMEOUT_MAX),
                retry_window=et.duration("retry_window", f"{retry_window}s", high=RETRY_WINDOW_MAX),
                ca_file=base / ca if ca else None,
            )
        )
        et.finish()
    hooks: list[WebhookChannel] = []
    for i, wt in enumerate(al.tables("webhook")):
        hooks.append(
            WebhookChannel(
                name=wt.string("name", f"webhook-{i + 1}"),
                url=_http_url(wt, "url"),
                secret_env=wt.string("secret_env"),
                timeout=wt.duration("timeout", "15s", high=TIMEOUT_MAX),
                retry_window=wt.duration("retry_window", f"{retry_window}s", high=RETRY_WINDOW_MAX),
            )
        )
        wt.finish()
    apprises: list[AppriseChannel] = []
    for i, at in enumerate(al.tables("apprise")):
        apprises.append(
            AppriseChannel(
                name=at.string("name", f"apprise-{i + 1}"),
                urls_env=_env_name(at, "urls_env"),
                timeout=at.duration("timeout", "30s"),
                retry_window=at.duration("retry_window", f"{retry_window}s"),
            )
        )
        at.finish()
    names = [c.name for c in emails] + [c.name for c in hooks] + [c.name for c in apprises]
    for n in names:
        if names.count(n) > 1:
            raise ConfigError(file, "alerts", f"duplicate channel name {n!r}")
    alerts = AlertsConfig(
        max_age=max_age,
        feed_failing_after=failing_after,
        email=tuple(emails),
        webhook=tuple(hooks),
        update_interval=update_interval,
        apprise=tuple(apprises),
    )
    al.finish()

    me = top.table("metrics")
    listen = me.string("listen")
    if listen is not None and not re.match(r"^[\w.\-\[\]:]+:\d{1,5}$", listen):
        raise me.error("listen", f"expected HOST:PORT, got {listen!r}")
    metrics = MetricsConfig(listen=listen)
    me.finish()

    web = _web_config(top.table("web"))

    top.finish()
    return Config(
        path=path,
        storage=storage,
        polling=polling,
        scraping=scraping,
        feeds=tuple(feeds),
        matching=matching,
        alerts=alerts,
        metrics=metrics,
        web=web,
    )

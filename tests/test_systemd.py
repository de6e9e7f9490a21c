"""The shipped systemd unit is valid, stays hardened, and its sandbox does not break our deps."""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parent.parent / "systemd" / "monitor.service"
ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze not installed")


def _unit_settings() -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def test_unit_runs_the_daemon_the_way_the_code_expects() -> None:
    s = _unit_settings()
    assert s["Type"] == ["notify"]  # monitor.notify sends READY=1
    assert s["NotifyAccess"] == ["main"]
    assert s["ExecStart"] == [
        "/opt/monitor/.venv/bin/monitor --config /etc/monitor/monitor.toml run"
    ]
    assert s["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert s["WatchdogSec"] == ["60"]
    assert s["StateDirectory"] == ["monitor"]  # /var/lib/monitor holds the database
    assert s["EnvironmentFile"] == ["-/etc/monitor/secrets.env"]
    # Fetching feeds needs the internet: an IP allow list would silently break everything.
    assert "IPAddressDeny" not in s


@needs_analyze
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    # verify also checks that ExecStart exists; /opt/monitor is not installed on a dev machine,
    # so check a copy that points at this Python instead.
    text = UNIT.read_text().replace("/opt/monitor/.venv/bin/monitor", sys.executable)
    copy = tmp_path / "monitor.service"
    copy.write_text(text)
    run = subprocess.run(
        [str(ANALYZE), "verify", str(copy)], capture_output=True, text=True, timeout=60
    )
    complaints = [line for line in run.stderr.splitlines() if "monitor.service" in line]
    assert run.returncode == 0 and not complaints, run.stderr


@needs_analyze
def test_security_exposure_is_at_most_2() -> None:
    run = subprocess.run(
        [str(ANALYZE), "security", "--offline=true", "--no-pager", str(UNIT)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    m = re.search(r"Overall exposure level for monitor\.service: (\d+\.\d+)", run.stdout)
    assert m, run.stdout + run.stderr
    assert float(m.group(1)) <= 2.0, run.stdout


# Run under the kernel's memory-deny-write-execute (what MemoryDenyWriteExecute=yes enforces)
# and do one of everything the daemon does with native code: parse, extract, match, store, TLS.
_MDWE_PROBE = textwrap.dedent(
    """
    import ctypes, mmap, sqlite3, ssl
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(65, 1, 0, 0, 0) == 0, "PR_SET_MDWE failed"
    try:
        mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        raise SystemExit("W+X mapping was allowed: the probe proves nothing")
    except PermissionError:
        pass

    import aiohttp, feedparser, httpx, lxml.html, regex, trafilatura
    from bs4 import BeautifulSoup
    from readability import Document

    body = "<p>" + "Forces raided a compound in Idlib and killed the leader. " * 20 + "</p>"
    page = "<html><head><title>T</title></head><body><article>" + body + "</article></body></html>"
    assert "Idlib" in trafilatura.extract(page)
    assert "Idlib" in Document(page).summary()
    assert lxml.html.fromstring(page).xpath("//title/text()") == ["T"]
    assert BeautifulSoup(page, "lxml").title.string == "T"
    feed = feedparser.parse("<rss><channel><item><title>x</title></item></channel></rss>")
    assert feed.entries[0].title == "x"
    from monitor.models import Document as Doc
    from monitor.rules import load_ruleset

    hit = load_ruleset([]).match(Doc("US raid kills ISIS leader in Atmeh, Syria", "", ""))
    assert hit.matched
    assert regex.search(r"\\p{Arabic}+", "داعش")
    db = sqlite3.connect(":memory:")
    db.execute("create virtual table t using fts5(x)")
    ssl.create_default_context()
    httpx.Client().close()
    print("ok")
    """
)


def _mdwe_supported() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        # PR_GET_MDWE (66) answers >= 0 on Linux 6.3+.
        return bool(libc.prctl(66, 0, 0, 0, 0) >= 0)
    except (OSError, AttributeError):
        return False


@pytest.mark.skipif(not _mdwe_supported(), reason="kernel without PR_SET_MDWE (Linux < 6.3)")
def test_dependencies_work_with_memory_deny_write_execute() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _MDWE_PROBE], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr

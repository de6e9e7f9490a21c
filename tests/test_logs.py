"""Log output an operator reads in journalctl: one line per record, never forged by feed text."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.logs import safe, setup_logging

FORGED = "Title\r\nERROR monitor: FAKE LINE\x1b[2J\u2028more"


@pytest.fixture
def out() -> Iterator[io.StringIO]:
    """Captured output of setup_logging; the root logger is restored afterwards."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers), logging.getLogger("monitor").level)
    buf = io.StringIO()
    yield buf
    for h in [h for h in root.handlers if h.get_name() == "monitor"]:
        root.removeHandler(h)
    root.setLevel(saved[0])
    for h in saved[1]:
        if h not in root.handlers:
            root.addHandler(h)
    logging.getLogger("monitor").setLevel(saved[2])


def test_plain_line_format(out: io.StringIO) -> None:
    setup_logging("info", "plain", stream=out)
    logging.getLogger("monitor.poll").info("fetched %s in %.1fs", "bbc", 0.25)
    assert out.getvalue() == "INFO monitor.poll: fetched bbc in 0.2s\n"


def test_plain_forged_newline_stays_one_line(out: io.StringIO) -> None:
    setup_logging("info", "plain", stream=out)
    logging.getLogger("monitor.poll").warning("new item: %s", FORGED)
    text = out.getvalue()
    assert text.count("\n") == 1 and "\r" not in text and "\x1b" not in text
    assert "\u2028" not in text
    escaped = "Title\\r\\nERROR monitor: FAKE LINE\\x1b[2J\\u2028more"
    assert text == f"WARNING monitor.poll: new item: {escaped}\n"


def test_json_forged_newline_stays_one_line_and_parses(out: io.StringIO) -> None:
    setup_logging("debug", "json", stream=out)
    logging.getLogger("monitor.poll").info(
        "new item: %s", FORGED, extra={"feed": "bbc\nX", "items": 3, "ok": True}
    )
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["level"] == "info"
    assert doc["logger"] == "monitor.poll"
    assert doc["msg"] == "new item: Title\\r\\nERROR monitor: FAKE LINE\\x1b[2J\\u2028more"
    assert doc["feed"] == "bbc\\nX" and doc["items"] == 3 and doc["ok"] is True
    assert doc["ts"].endswith("Z") and doc["ts"][:2] == "20"


def test_plain_shows_extra_fields(out: io.StringIO) -> None:
    setup_logging("info", "plain", stream=out)
    logging.getLogger("monitor.deliver").info("sent", extra={"channel": "ops", "attempt": 2})
    assert out.getvalue() == "INFO monitor.deliver: sent channel=ops attempt=2\n"


def test_traceback_is_kept_on_one_line(out: io.StringIO) -> None:
    setup_logging("info", "plain", stream=out)
    try:
        raise RuntimeError("boom\nFAKE")
    except RuntimeError:
        logging.getLogger("monitor").exception("cycle failed")
    text = out.getvalue()
    assert text.count("\n") == 1
    assert text.startswith("ERROR monitor: cycle failed\\nTraceback")
    assert "RuntimeError: boom\\nFAKE" in text


def test_level_filters_monitor_messages(out: io.StringIO) -> None:
    setup_logging("warning", "plain", stream=out)
    log = logging.getLogger("monitor.x")
    log.info("hidden")
    log.warning("shown")
    assert out.getvalue() == "WARNING monitor.x: shown\n"


def test_other_libraries_only_warnings(out: io.StringIO) -> None:
    setup_logging("debug", "plain", stream=out)
    logging.getLogger("httpx").info("HTTP Request: GET ...")
    logging.getLogger("apscheduler.executors").warning("Run time of job was missed")
    assert out.getvalue() == "WARNING apscheduler.executors: Run time of job was missed\n"


def test_setup_twice_does_not_duplicate_lines(out: io.StringIO) -> None:
    setup_logging("info", "plain", stream=out)
    setup_logging("info", "plain", stream=out)
    logging.getLogger("monitor").info("once")
    assert out.getvalue() == "INFO monitor: once\n"


def test_bad_level_or_format_is_refused() -> None:
    with pytest.raises(ValueError, match="log level"):
        setup_logging("loud")
    with pytest.raises(ValueError, match="log format"):
        setup_logging("info", "xml")


def test_safe_escapes_and_cuts() -> None:
    assert safe("a\r\nb\x1b[31m") == "a\\r\\nb\\x1b[31m"
    assert safe("x" * 500, limit=10) == "x" * 9 + "…"
    assert safe("plain title") == "plain title"
    assert safe("\u202eevil") == "\\u202eevil"


def test_journald_priority_prefix_when_stderr_is_the_journal(tmp_path: Path) -> None:
    # systemd sets JOURNAL_STREAM to stderr's dev:inode; journald then reads "<3>" as priority.
    err = tmp_path / "stderr.txt"
    err.touch()
    st = err.stat()
    code = (
        "import logging; from monitor.logs import setup_logging; setup_logging(); "
        "logging.getLogger('monitor').error('bad'); logging.getLogger('monitor').info('fine')"
    )
    env = {**os.environ, "JOURNAL_STREAM": f"{st.st_dev}:{st.st_ino}"}
    with err.open("w") as f:
        subprocess.run([sys.executable, "-c", code], stderr=f, env=env, check=True, timeout=30)
    assert err.read_text() == "<3>ERROR monitor: bad\n<6>INFO monitor: fine\n"

    # Not the journal (a terminal, a pipe): no prefix.
    env["JOURNAL_STREAM"] = "1:1"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30
    )
    assert run.stderr == "ERROR monitor: bad\nINFO monitor: fine\n"

"""Logging to stderr, one record per line, safe against text from feeds.

Feed titles and URLs end up in log messages. A title holding "\\r\\n" or an ANSI escape could
otherwise forge a whole log line or repaint the operator's terminal, so every record is
escaped on the way out, whatever the call site did.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}
FORMATS = ("plain", "json")

# C0/C1 controls (CR, LF, ESC starting ANSI sequences...), Unicode line/paragraph separators
# (newlines to some viewers) and bidi overrides (can make text read backwards).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

# Prefix journald understands as the syslog priority of a line (sd-daemon(3)).
_JOURNAL_PRIORITY = {
    logging.DEBUG: "<7>",
    logging.INFO: "<6>",
    logging.WARNING: "<4>",
    logging.ERROR: "<3>",
    logging.CRITICAL: "<2>",
}


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """Replace every control, line-separator and bidi character with a visible escape."""
    return _UNSAFE.sub(_escape_char, text)


def safe(text: str, limit: int = 200) -> str:
    """Untrusted text (a feed title, a URL) made fit for a log message: escaped and cut."""
    text = str(text)
    if len(text) > limit:
        text = text[: max(limit - 1, 0)] + "…"
    return escape(text)


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS}


def _full_message(record: logging.LogRecord, formatter: logging.Formatter) -> str:
    """The message with any traceback appended (it gets escaped to one line like the rest)."""
    text = record.getMessage()
    if record.exc_info:
        text += "\n" + formatter.formatException(record.exc_info)
    if record.stack_info:
        text += "\n" + formatter.formatStack(record.stack_info)
    return text


class PlainFormatter(logging.Formatter):
    """'LEVEL logger: message key=value...' on one line; journald adds the time."""

    def __init__(self, journald_priority: bool = False) -> None:
        super().__init__()
        self.journald_priority = journald_priority

    def format(self, record: logging.LogRecord) -> str:
        parts = [f"{record.levelname} {record.name}: {_full_message(record, self)}"]
        parts.extend(f"{k}={v}" for k, v in _extras(record).items())
        line = escape(" ".join(parts))
        if self.journald_priority:
            line = _JOURNAL_PRIORITY.get(record.levelno, "<6>") + line
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ts, level, logger, msg and any `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        doc: dict[str, Any] = {
            "ts": ts.replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": escape(_full_message(record, self)),
        }
        for key, value in _extras(record).items():
            if key not in doc:
                doc[key] = _json_value(value)
        # json.dumps escapes controls itself; escaping strings first also keeps ESC and CR out
        # of whatever later prints a decoded "msg" to a terminal.
        return json.dumps(doc, ensure_ascii=False)


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    return escape(str(value))


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is at emit time (so redirection after setup still works)."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__(stream or sys.stderr)
        self._fixed = stream is not None

    def emit(self, record: logging.LogRecord) -> None:
        if not self._fixed:
            self.stream = sys.stderr
        super().emit(record)


def _stderr_is_journal(stream: TextIO) -> bool:
    """True when systemd connected this stream to journald (JOURNAL_STREAM=dev:inode)."""
    dev, _, ino = os.environ.get("JOURNAL_STREAM", "").partition(":")
    if not (dev.isdigit() and ino.isdigit()):
        return False
    try:
        st = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return st.st_dev == int(dev) and st.st_ino == int(ino)


def setup_logging(level: str = "info", fmt: str = "plain", *, stream: TextIO | None = None) -> None:
    """Send the "monitor" loggers at `level` (and other libraries' warnings) to stderr.

    Safe to call again (e.g. on reload): it replaces the handler it installed before.
    """
    if level.lower() not in LEVELS:
        raise ValueError(f"log level must be one of {', '.join(LEVELS)}, got {level!r}")
    if fmt not in FORMATS:
        raise ValueError(f"log format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    handler = _StderrHandler(stream)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(PlainFormatter(_stderr_is_journal(stream or sys.stderr)))
    handler.set_name("monitor")

    # The handler sits on the root logger so warnings from apscheduler, aiohttp... come out in
    # the same safe format; the root's WARNING level keeps their chatter (httpx INFO) out.
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "monitor"]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("monitor").setLevel(LEVELS[level.lower()])

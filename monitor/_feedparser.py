"""feedparser, imported without chardet.

feedparser imports chardet as it loads (2.4 MB of language tables: 1.6 MB of RSS in the fork
server and in every worker) to guess an encoding when the declared ones fail. monitor.parse
hands it text it decoded itself, re-encoded as UTF-8 and declared so, which never fails: the
guess is never needed. So chardet (cchardet first, as feedparser prefers) is imported only if
a guess is ever asked for, and answers as it would have.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

_GUESSERS = ("cchardet", "chardet")


def _guess(data: bytes) -> str:
    """feedparser's lazy_chardet_encoding, importing its guesser at the first call."""
    for name in _GUESSERS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return str(module.detect(data)["encoding"] or "")
    return ""  # none installed: feedparser goes on to its next candidate, as without them


def _import() -> ModuleType:
    if "feedparser" in sys.modules or any(name in sys.modules for name in _GUESSERS):
        return importlib.import_module("feedparser")  # already loaded: nothing to spare
    for name in _GUESSERS:
        sys.modules[name] = None  # type: ignore[assignment]  # its import fails at once
    try:
        module = importlib.import_module("feedparser")
    finally:
        for name in _GUESSERS:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    setattr(importlib.import_module("feedparser.encodings"), "lazy_chardet_encoding", _guess)  # noqa: B010
    return module


feedparser = _import()

"""feedparser, imported without chardet and without urllib.request.

feedparser imports chardet as it loads (2.4 MB of language tables: 1.6 MB of RSS in the fork
server and in every worker) to guess an encoding when the declared ones fail. monitor.parse
hands it text it decoded itself, re-encoded as UTF-8 and declared so, which never fails: the
guess is never needed. So chardet (cchardet first, as feedparser prefers) is imported only if
a guess is ever asked for, and answers as it would have.

It also imports urllib.request (through its own feedparser.http, and the standard library's
xml.sax.saxutils), which brings ssl, http.client and email (~10 MB of RSS in a bare
interpreter; ~2 MB more than a worker imports anyway, in the fork server and in every worker),
for fetching URLs, which monitor never asks feedparser to do (monitor.fetch fetches). Both are
imported at their first use instead (see _Lazy).
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

_GUESSERS = ("cchardet", "chardet")
_FETCHING = ("urllib.request", "feedparser.http")


class _Lazy(ModuleType):
    """Stands in sys.modules for a module until something reads from it; then it imports the
    module, puts it in its place, and answers from it."""

    def __getattr__(self, attribute: str) -> object:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        module = importlib.import_module(name)
        parent, _, child = name.rpartition(".")
        setattr(sys.modules[parent], child, module)
        return getattr(module, attribute)


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
    for name in _FETCHING:
        if name not in sys.modules:
            sys.modules[name] = _Lazy(name)
            parent, _, child = name.rpartition(".")
            if parent in sys.modules:  # feedparser's own is set below, once it is there
                setattr(sys.modules[parent], child, sys.modules[name])
    try:
        module = importlib.import_module("feedparser")
    finally:
        for name in _GUESSERS:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    setattr(importlib.import_module("feedparser.encodings"), "lazy_chardet_encoding", _guess)  # noqa: B010
    if not hasattr(module, "http"):
        setattr(module, "http", sys.modules["feedparser.http"])  # noqa: B010
    return module


feedparser = _import()

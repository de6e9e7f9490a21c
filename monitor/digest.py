"""SHA-256 and BLAKE2b without OpenSSL, for the modules a worker process imports.

`hashlib` loads OpenSSL's libcrypto (about 3.5 MB of resident memory) just to be imported. The
monitor process has it anyway (TLS), but the fork server and every worker would each carry it
for nothing: their hashing is CPython's own built-in code either way, and the digests are the
same bytes. Elsewhere (another Python), hashlib.
"""

from __future__ import annotations

import importlib
from typing import Any


def _builtin(name: str, modules: tuple[str, ...]) -> Any:
    """CPython's own implementation of a hash (no OpenSSL), else hashlib's."""
    for module in modules:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    import hashlib  # pragma: no cover - not CPython

    return getattr(hashlib, name)  # pragma: no cover


sha256 = _builtin("sha256", ("_sha2", "_sha256"))  # CPython 3.12 on; 3.11
blake2b = _builtin("blake2b", ("_blake2",))

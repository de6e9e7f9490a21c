"""SHA-256 and BLAKE2b without OpenSSL, for the modules a worker process imports.

`hashlib` loads OpenSSL's libcrypto (about 3.5 MB of resident memory) just to be imported. The
monitor process has it anyway (TLS), but the fork server and every worker would each carry it
for nothing: their hashing is CPython's own built-in code either way, and the digests are the
same bytes. Elsewhere (another Python), hashlib.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

sha256: Callable[..., Any]
blake2b: Callable[..., Any]

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b
try:
    from _sha2 import sha256  # CPython 3.12 on
except ImportError:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:  # pragma: no cover - not CPython
        from hashlib import sha256

__all__ = ["blake2b", "sha256"]

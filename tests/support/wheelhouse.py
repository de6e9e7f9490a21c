"""An offline wheelhouse made from the packages installed in the running (dev) venv.

The install test must install monitor's wheel the way a user does, with a fresh venv's own
stock pip resolving the dependencies, but without the network. Every distribution the
runtime could need is already installed here, so each is packed back into a wheel from the
files its RECORD lists; `pip install --no-index --find-links DIR monitor` then resolves from
those exactly as it would from PyPI (same names, versions, metadata and extras).

The set packed is deliberately generous (see `closure`): the resolver, not this module,
decides what a user ends up with.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.tags import sys_tags
from packaging.utils import canonicalize_name

# written by the installer that put the distribution here, not part of a wheel
_INSTALLER_FILES = (".dist-info/INSTALLER", ".dist-info/REQUESTED", ".dist-info/direct_url.json")


def _wheel_name(dist: metadata.Distribution) -> str:
    tags = Parser().parsestr(dist.read_text("WHEEL") or "").get_all("Tag") or []
    # one tag is enough for a file name, if this interpreter accepts it (py2.py3 wheels
    # list py2-none-any first)
    supported = {str(t) for t in sys_tags()}
    tag = next((t for t in tags if t in supported), "py3-none-any")
    name = re.sub(r"[^\w\d.]+", "_", dist.metadata["Name"])
    version = dist.version.replace("-", "_")
    return f"{name}-{version}-{tag}.whl"


def pack(dist: metadata.Distribution, out: Path) -> Path:
    """Write `dist` (an installed distribution) as a wheel into `out`; returns its path."""
    root = Path(str(dist.locate_file("")))
    target = out / _wheel_name(dist)
    records: list[tuple[str, str, str]] = []
    record_name = ""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as whl:
        for file in dist.files or ():
            name = file.as_posix()
            # scripts live outside site-packages (pip writes them anew from entry_points.txt);
            # bytecode is the installer's business
            if name.startswith("..") or name.endswith(".pyc") or "__pycache__" in name:
                continue
            if name.endswith(".dist-info/RECORD"):
                record_name = name
                continue
            if name.endswith(_INSTALLER_FILES):
                continue
            path = root / name
            if not path.is_file():
                continue
            data = path.read_bytes()
            whl.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            records.append((name, f"sha256={digest.decode()}", str(len(data))))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows(records)
        writer.writerow((record_name, "", ""))
        whl.writestr(record_name, buffer.getvalue())
    return target


def closure(requirements: list[str]) -> list[metadata.Distribution]:
    """The installed distributions these requirements reach, with the extras they name.

    Extras are matched by their normalised name (PEP 685), the way a current pip does: the
    wheelhouse then holds what any pip could want, and an older pip that misses an extra's
    spelling shows it by what it leaves out.
    """
    seen: dict[str, metadata.Distribution] = {}
    done: set[tuple[str, str]] = set()
    pending = [Requirement(r) for r in requirements]
    while pending:
        req = pending.pop()
        key = canonicalize_name(req.name)
        extras = {"", *(canonicalize_name(e) for e in req.extras)}
        todo = {e for e in extras if (key, e) not in done}
        if not todo:
            continue
        done.update((key, e) for e in todo)
        dist = seen.get(key)
        if dist is None:
            try:
                dist = metadata.distribution(req.name)
            except metadata.PackageNotFoundError:
                continue  # not installed here (a marker for another Python): pip will say
            seen[key] = dist
        for text in dist.requires or ():
            sub = Requirement(text)
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in todo):
                pending.append(sub)
    return list(seen.values())


def wheel_requirements(wheel: Path) -> list[str]:
    """The unconditional Requires-Dist lines of a wheel (what `pip install WHEEL` needs)."""
    with zipfile.ZipFile(wheel) as whl:
        meta = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        requires = Parser().parsestr(whl.read(meta).decode()).get_all("Requires-Dist") or []
    return [r for r in requires if "extra ==" not in r]


def build(out: Path, requirements: list[str]) -> list[Path]:
    """Pack every installed distribution `requirements` could need into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    return [pack(d, out) for d in closure(requirements)]

"""The documented install, done as a user does it, then one cycle that ends in a signed alert.

monitor's wheel is built from this checkout and installed with no extras into a fresh venv by
that venv's own pip, the one Python bundles (not upgraded): the pip a user of
`python3 -m venv v && v/bin/pip install .` has. Dependencies come from a wheelhouse packed
from the dev venv (tests/support/wheelhouse.py), so nothing is downloaded, but the resolver
decides what is installed, as it would from PyPI. The dev venv has packages the runtime may
be missing; the fresh venv has only what the wheel's metadata pulls in.
"""

from __future__ import annotations

import base64
import ensurepip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from standardwebhooks import Webhook

from tests.support import wheelhouse
from tests.support.server import LoopbackServer
from tests.test_end_to_end import RAID, page

ROOT = Path(__file__).resolve().parent.parent
FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Wire</title><link>{base}/</link><description>wire</description>
<item><guid>raid-1</guid><title>Helicopter raid near Turkish border kills two</title>
<link>{base}/wire/raid</link><description>Two men were killed in an overnight operation.
</description></item></channel></rss>"""


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no pip settings of this machine, no dev venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PIP_") and k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    # pip then reads no config file either (the machine's may add indexes or constraints)
    env["PIP_CONFIG_FILE"] = os.devnull
    return {**env, **extra}


def run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env or clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"{' '.join(map(str, cmd))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@dataclass(frozen=True)
class Installed:
    bin: Path  # the fresh venv's bin/
    home: Path  # a working directory outside the checkout


@pytest.fixture
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """monitor's wheel, installed as README says, offline, with the venv's own stock pip."""
    tmp = tmp_path_factory.mktemp("install")
    wheels = tmp / "wheels"
    run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--no-index", "--wheel-dir", wheels, ROOT,
        cwd=tmp,
    )  # fmt: skip
    (wheel,) = wheels.glob("monitor-*.whl")
    wheelhouse.build(wheels, wheelhouse.wheel_requirements(wheel))

    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp)
    pip_version = run(venv / "bin" / "python", "-m", "pip", "--version", cwd=tmp)
    # the pip this Python ships (3.11.7: 23.2.1), the one the README's first command runs
    assert pip_version.startswith(f"pip {ensurepip.version()} "), pip_version
    run(
        venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-index",
        "--find-links", wheels, "monitor",
        cwd=tmp,
    )  # fmt: skip
    home = tmp / "home"
    home.mkdir()
    return Installed(venv / "bin", home)


@pytest.fixture
def site() -> Iterator[LoopbackServer]:
    with LoopbackServer() as http:
        http.route("/rss.xml", FEED.format(base=http.base_url), content_type="application/rss+xml")
        http.route(
            "/wire/raid",
            page("Helicopter raid near Turkish border kills two", RAID),
            content_type="text/html; charset=utf-8",
        )
        http.route("/hook", b"", status=204)
        yield http


def test_the_installed_wheel_scrapes_matches_sends_a_verifiable_alert_and_starts_a_config(
    installed: Installed, site: LoopbackServer
) -> None:
    monitor = installed.bin / "monitor"
    secret = "whsec_" + base64.b64encode(os.urandom(32)).decode()
    config = installed.home / "monitor.toml"
    config.write_text(
        f"""
[storage]
path = "data/monitor.db"
[scraping]
enabled = true
allow_hosts = ["127.0.0.1"]   # the article page is on loopback
[[feeds]]
name = "Wire"
url = "{site.url("/rss.xml")}"
[[alerts.webhook]]
url = "{site.url("/hook")}"
secret_env = "HOOK_SECRET"
""",
        encoding="utf-8",
    )
    env = clean_env(HOOK_SECRET=secret)
    out = run(monitor, "--config", config, "check", cwd=installed.home, env=env)
    assert "OK" in out
    run(monitor, "--config", config, "once", cwd=installed.home, env=env)

    assert site.hits("/wire/raid") == 1, "the article page was not scraped"
    (hook,) = [r for r in site.requests_for("/hook") if r.method == "POST"]
    # what a receiver does: the standard library, given the same whsec_ string
    payload = Webhook(secret).verify(hook.body, dict(hook.headers))
    assert payload["type"] == "event.matched"
    assert payload["title"] == "Helicopter raid near Turkish border kills two"
    assert "Islamic State" in payload["snippet"] or "ISIS" in payload["snippet"]

    lines = run(monitor, "--config", config, "events", "--json", cwd=installed.home, env=env)
    events = [json.loads(line) for line in lines.splitlines()]
    assert [e["id"] for e in events] == [payload["id"]]

    # the map's Leaflet ships inside the wheel, and the web view serves it from there
    served = run(
        installed.bin / "python", "-c",
        "from monitor.webserver import _static_files; print(sorted(_static_files()))",
        cwd=installed.home,
    )  # fmt: skip
    for name in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/images/marker-icon.png"):
        assert name in served, served
    assert "map.js" in served and "style.css" in served

    # the starter config ships inside the wheel, and checks with a secret `monitor secret` made
    out = run(monitor, "init", "starter", cwd=installed.home)
    starter = installed.home / "starter" / "monitor.toml"
    assert starter.is_file() and str(starter.relative_to(installed.home)) in out
    made = run(monitor, "secret", cwd=installed.home).strip()
    assert made.startswith("whsec_") and Webhook(made)
    env = clean_env(MONITOR_WEBHOOK_SECRET=made)
    checked = run(monitor, "--config", starter, "check", cwd=installed.home, env=env)
    assert "OK: 14 feeds" in checked

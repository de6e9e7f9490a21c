"""`monitor init`, `monitor secret` and the secret check: from nothing to a signed, verified alert.

The receiver verifies the way the README tells one to: the standardwebhooks library, given
the very string `monitor secret` printed.
"""

from __future__ import annotations

import base64
import re
import tomllib
from pathlib import Path

import pytest
from standardwebhooks import Webhook

from monitor.cli import main
from tests.support.server import LoopbackServer

ROOT = Path(__file__).resolve().parent.parent


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, no $MONITOR_CONFIG: a newcomer's shell."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MONITOR_CONFIG", raising=False)
    return tmp_path


def test_init_writes_a_commented_starter_where_the_other_commands_look(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "init")
    assert code == 0
    config = home / "config" / "monitor.toml"
    text = config.read_text()
    assert f"wrote {Path('config/monitor.toml')}: 14 feeds" in out
    # the next three commands, runnable as printed: no --config needed from here
    lines = out.splitlines()
    nxt = lines[lines.index("next:") + 1 :]
    assert [line.split("#")[0].strip() for line in nxt] == [
        "monitor check",
        "monitor once",
        "monitor events",
    ]
    # every channel commented out, each explained; the secret's variable named
    assert "\n# [[alerts.webhook]]\n" in text and "\n# [[alerts.email]]\n" in text
    assert '# secret_env = "MONITOR_WEBHOOK_SECRET"' in text
    assert 'export MONITOR_WEBHOOK_SECRET="$(monitor secret)"' in text
    assert 'path = "data/monitor.db"' in text
    raw = tomllib.loads(text)
    assert "alerts" in raw and "webhook" not in raw["alerts"] and "email" not in raw["alerts"]

    code, out, _ = cli(capsys, "check")
    assert code == 0 and "OK: 14 feeds" in out


def test_the_starter_carries_the_shipped_feeds(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "init", "mine")[0] == 0
    starter = tomllib.loads((home / "mine" / "monitor.toml").read_text())
    shipped = tomllib.loads((ROOT / "config" / "monitor.toml").read_text())
    assert starter["feeds"] == shipped["feeds"]


def test_init_never_overwrites_a_config(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = home / "mine"
    mine.mkdir()
    (mine / "monitor.toml").write_text("# my own, hand-made\n")
    code, out, err = cli(capsys, "init", "mine")
    assert code == 2 and out == ""
    assert "monitor: mine/monitor.toml: already exists; `monitor init` never overwrites" in err
    assert "Traceback" not in err
    assert (mine / "monitor.toml").read_text() == "# my own, hand-made\n"
    assert sorted(p.name for p in mine.iterdir()) == ["monitor.toml"]


def test_init_with_a_bad_webhook_url_names_the_key_and_writes_nothing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "init", "mine", "--webhook", "ftp://example.org/hook")
    assert code == 2
    assert "alerts.webhook[0].url: expected an http(s) URL, got 'ftp://example.org/hook'" in err
    assert not (home / "mine").exists()


def test_secret_prints_a_new_standard_secret_each_time(capsys: pytest.CaptureFixture[str]) -> None:
    code, first, _ = cli(capsys, "secret")
    assert code == 0
    second = cli(capsys, "secret")[1]
    first, second = first.strip(), second.strip()
    assert first != second
    for secret in (first, second):
        assert re.fullmatch(r"whsec_[A-Za-z0-9+/]+=*", secret)
        assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
        Webhook(secret)  # the reference library takes it as it is


def test_from_init_to_a_signed_alert_verified_by_the_standard_library(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with LoopbackServer() as srv:
        srv.route("/hook", status=204)
        code, out, _ = cli(capsys, "init", "--webhook", srv.url("/hook"))
        assert code == 0
        assert f"alerts: a signed webhook to {srv.url('/hook')}" in out
        lines = out.splitlines()
        nxt = [line.split("#")[0].strip() for line in lines[lines.index("next:") + 1 :]]
        assert nxt == [
            'export MONITOR_WEBHOOK_SECRET="$(monitor secret)"',
            "monitor test-alert",
            "monitor once",
        ]
        secret = cli(capsys, "secret")[1].strip()
        monkeypatch.setenv("MONITOR_WEBHOOK_SECRET", secret)
        code, out, err = cli(capsys, "check")
        assert code == 0 and "1 webhook channels" in out and "warning" not in err
        code, out, _ = cli(capsys, "test-alert")
        assert code == 0 and "webhook-1: OK" in out
        (hook,) = srv.requests_for("/hook")
        payload = Webhook(secret).verify(hook.body, dict(hook.headers))
        assert payload["title"] == "[TEST] monitor test alert"


@pytest.mark.parametrize(
    ("secret", "says"),
    [
        ("mysecret", "is not in the Standard Webhooks form whsec_<base64>"),
        ("whsec_!!not-base64!!", "starts with whsec_ but the rest is not base64"),
    ],
)
def test_check_warns_about_a_secret_standard_verifiers_cannot_use(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    secret: str,
    says: str,
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(
        '[[feeds]]\nname = "A"\nurl = "http://127.0.0.1:9/f"\n'
        '[[alerts.webhook]]\nname = "ops"\nurl = "http://127.0.0.1:9/hook"\n'
        'secret_env = "OPS_SECRET"\n'
    )
    monkeypatch.setenv("OPS_SECRET", secret)
    code, out, err = cli(capsys, "--config", str(config), "check")
    assert code == 0 and "OK" in out  # a warning, not an error: it still signs
    assert f"warning: ops: the secret in OPS_SECRET {says}" in err
    assert "`monitor secret`" in err
    assert secret not in err and secret not in out
    if secret == "mysecret":
        assert "reject every alert" in err and "Webhook(secret.encode())" in err

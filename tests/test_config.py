"""Config loading: every kind of mistake is exit 2 with one line naming file, key and problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.config import load_config, parse_duration, parse_size

GOOD = """
[storage]
path = "state/monitor.db"

[polling]
interval = "5m"
timeout = "10s"
max_size = "2MB"

[scraping]
enabled = false
allow_hosts = ["Bridge.Local"]

[[feeds]]
name = "One"
url = "https://example.org/one.xml"

[[feeds]]
name = "Two"
url = "http://example.org/two.xml"
interval = "90s"

[matching]
dedup_window = "2d"

[alerts]
max_age = "1d"

[[alerts.email]]
host = "smtp.example.org"
sender = "monitor@example.org"
recipients = ["a@example.org"]
password_env = "SMTP_PASSWORD"

[[alerts.webhook]]
url = "https://hooks.example.org/x"
secret_env = "HOOK_SECRET"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_config_is_typed_and_resolved(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert config.storage.path == tmp_path.resolve() / "state/monitor.db"
    assert config.polling.interval == 300 and config.polling.timeout == 10
    assert config.polling.max_size == 2_000_000
    assert [f.interval for f in config.feeds] == [300, 90]
    assert config.scraping.allow_hosts == ("bridge.local",)
    assert config.alerts.max_age == 86400
    assert config.alerts.email[0].port == 587 and config.alerts.email[0].security == "starttls"
    assert [c.name for c in config.alerts.channels] == ["email-1", "webhook-1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30s", 30), ("5m", 300), ("1h", 3600), ("2d", 172800), ("1.5h", 5400), ("250ms", 0.25)],
)
def test_durations(text: str, expected: float) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("512KB", 512_000), ("10MB", 10_000_000), ("1MiB", 1 << 20)]
)
def test_sizes(text: str, expected: int) -> None:
    assert parse_size(text) == expected


FEED = '[[feeds]]\nname = "A"\nurl = "https://example.org/a.xml"\n'


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (FEED + "[polling]\nintervall = '5m'\n", "polling.intervall", "unknown key"),
        ("colour = 'blue'\n" + FEED, "colour", "unknown key"),
        (FEED + "[polling]\ninterval = 5\n", "polling.interval", "expected a duration"),
        (FEED + "[polling]\ninterval = '5 minutes'\n", "polling.interval", "not a duration"),
        (FEED + "[polling]\nmax_size = 'huge'\n", "polling.max_size", "not a size"),
        (FEED + "[scraping]\nenabled = 'yes'\n", "scraping.enabled", "expected true or false"),
        (FEED + FEED, "feeds[1].name", "duplicate feed name 'A'"),
        ('[[feeds]]\nname = "A"\n', "feeds[0].url", "required key is missing"),
        ('[[feeds]]\nname = "A"\nurl = "ftp://x/y"\n', "feeds[0].url", "http(s) URL"),
        ("[storage]\npath = 'x.db'\n", "feeds", "at least one [[feeds]]"),
        (
            FEED + "[[alerts.email]]\nhost = 'h'\nrecipients = ['a@b']\n",
            "alerts.email[0].sender",
            "required key is missing",
        ),
        (
            FEED + "[[alerts.email]]\nhost='h'\nsender='s@h'\nrecipients=['a@b']\nsecurity='ssl'\n",
            "alerts.email[0].security",
            'expected "starttls", "tls" or "none"',
        ),
        (FEED + "[[alerts.webhook]]\nsecret_env = 'X'\n", "alerts.webhook[0].url", "missing"),
        (
            FEED + "[[alerts.webhook]]\nurl = 'https://bob:hunter2@hooks.example.org/x'\n",
            "alerts.webhook[0].url",
            "must not carry a user name or password",
        ),
        (FEED + "[alerts]\nmax_age = '0s'\n", "alerts.max_age", "longer than 0s"),
        (FEED + "[polling]\nconcurrency = 0\n", "polling.concurrency", "between 1 and"),
    ],
)
def test_each_error_exits_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, key: str, problem: str
) -> None:
    path = write(tmp_path, text)
    assert main(["--config", str(path), "check"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert str(path) in err
    assert f": {key}: " in err
    assert problem in err
    assert "hunter2" not in err


def test_invalid_toml_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "[polling\ninterval = '5m'\n")
    assert main(["--config", str(path), "check"]) == 2
    assert "invalid TOML" in capsys.readouterr().err
    assert main(["--config", str(tmp_path / "nope.toml"), "check"]) == 2
    assert "file not found" in capsys.readouterr().err


def test_bad_config_as_a_process_has_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, FEED + "[polling]\ntimeout = 'soon'\n")
    proc = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(path), "once"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "polling.timeout" in proc.stderr and str(path) in proc.stderr


def test_monitor_config_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, FEED + "[polling]\ninterval = 'often'\n")
    monkeypatch.setenv("MONITOR_CONFIG", str(path))
    assert main(["check"]) == 2
    assert str(path) in capsys.readouterr().err


def test_shipped_example_config_is_valid() -> None:
    config = load_config(Path(__file__).parent.parent / "config" / "monitor.toml")
    assert len(config.feeds) >= 12
    assert config.alerts.channels == ()


def test_secrets_come_from_the_environment_or_a_systemd_credential(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(write(tmp_path, GOOD))
    email, hook = config.alerts.email[0], config.alerts.webhook[0]
    monkeypatch.delenv("SMTP_PASSWORD", raising=False)
    monkeypatch.delenv("HOOK_SECRET", raising=False)
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    assert email.password() is None and hook.secret() is None
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "HOOK_SECRET").write_text("whsec_from_credential\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    assert hook.secret() == "whsec_from_credential"
    monkeypatch.setenv("HOOK_SECRET", "from-env")
    assert hook.secret() == "from-env"  # the variable wins over the credential
    # nothing secret is kept in the config objects themselves
    assert "from-env" not in repr(config)

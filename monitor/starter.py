"""`monitor init`: a commented starter config, and the commands that come next.

The template (monitor/templates/starter.toml) carries the shipped feeds and every channel
commented out; `--webhook URL` writes the webhook channel switched on instead, which is what a
first signed alert needs. The text is validated like any config before it is written, and an
existing file is never overwritten.
"""

from __future__ import annotations

import json
import shlex
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from monitor.config import parse_config, resolve_config_path
from monitor.errors import ConfigError

CONFIG_NAME = "monitor.toml"
SECRET_ENV = "MONITOR_WEBHOOK_SECRET"
_EXISTS = (
    "already exists; `monitor init` never overwrites a config "
    "(move it away, or choose another directory: `monitor init DIR`)"
)


@dataclass(frozen=True)
class Starter:
    """A starter config written to disk, and what to do next."""

    path: Path
    feeds: int
    database: Path
    webhook: str | None
    next_commands: tuple[tuple[str, str], ...]  # (command, what it does)


def render(webhook: str | None = None, secret_env: str = SECRET_ENV) -> str:
    """The starter config's text; the webhook channel is on when `webhook` is given."""
    template = resources.files("monitor").joinpath("templates/starter.toml").read_text("utf-8")
    lines = [
        "[[alerts.webhook]]",
        f"url = {json.dumps(webhook or 'https://hooks.example.org/monitor')}",
        f"secret_env = {json.dumps(secret_env)}",
    ]
    if webhook is None:
        lines = ["# " + line for line in lines]
    return Template(template).substitute(webhook="\n".join(lines) + "\n", secret_env=secret_env)


def target_path(directory: str | None, config_option: str | None) -> Path:
    """Where `monitor init [DIR]` writes: DIR/monitor.toml, else where the other commands look
    (--config, $MONITOR_CONFIG, config/monitor.toml), so they find it with no option."""
    if directory is not None:
        return Path(directory) / CONFIG_NAME
    return resolve_config_path(config_option)


def write_starter(path: Path, webhook: str | None = None) -> Starter:
    """Write the starter config at `path`; ConfigError if it exists or `webhook` is unusable."""
    if path.exists() or path.is_symlink():
        raise ConfigError(str(path), "", _EXISTS)
    text = render(webhook)
    # a bad --webhook is reported in the terms of the file it would have made, and nothing
    # is written
    config = parse_config(tomllib.loads(text), path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": a file made meanwhile is kept
            out.write(text)
    except FileExistsError:
        raise ConfigError(str(path), "", _EXISTS) from None
    except OSError as exc:
        raise ConfigError(str(path), "", f"cannot write: {exc.strerror}") from None
    return Starter(
        path=path,
        feeds=len(config.feeds),
        database=config.storage.path,
        webhook=webhook,
        next_commands=_next_commands(path, webhook is not None),
    )


def _next_commands(path: Path, webhook: bool) -> tuple[tuple[str, str], ...]:
    found_anyway = resolve_config_path(None).resolve() == path.resolve()
    monitor = "monitor" if found_anyway else f"monitor --config {shlex.quote(str(path))}"
    if webhook:
        return (
            (
                f'export {SECRET_ENV}="$(monitor secret)"',
                "the webhook's signing secret; the receiver verifies with the same string",
            ),
            (f"{monitor} test-alert", "send a signed sample alert to the webhook"),
            (f"{monitor} once", "one cycle: poll the feeds, read the articles, match, alert"),
        )
    return (
        (f"{monitor} check", "validate the config and the rules"),
        (f"{monitor} once", "one cycle: poll the feeds, read the articles, match, store"),
        (f"{monitor} events", "what matched"),
    )

"""One exception hierarchy for the package; every error says what a user can act on."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum


class MonitorError(Exception):
    """Root of every error this package raises on purpose."""


class ConfigError(MonitorError):
    """The config file is invalid: names the file, the key path and the problem."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {problem}")


class RulesError(MonitorError):
    """One or more rules are invalid; `problems` lists each as one line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class QueryError(MonitorError):
    """A query string does not parse; `column` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        self.message = message
        self.column = column
        super().__init__(f"column {column}: {message}")


class FetchErrorKind(StrEnum):
    """Class of a failed download, as shown in `monitor feeds`."""

    TIMEOUT = "timeout"
    DNS = "dns"
    TLS = "tls"
    CONNECT = "connect"
    HTTP_STATUS = "http_status"
    TOO_LARGE = "too_large"
    NOT_A_FEED = "not_a_feed"
    MALFORMED = "malformed"
    REDIRECTS = "redirects"
    BLOCKED = "blocked"
    GONE = "gone"
    OTHER = "other"


class FetchError(MonitorError):
    """A download failed; `kind` classifies it, `status` and `retry_after` when known."""

    def __init__(
        self,
        kind: FetchErrorKind,
        message: str,
        *,
        url: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.kind = kind
        self.message = message
        self.url = url
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"{kind}: {message}")


class ExtractError(MonitorError):
    """An article page yielded no usable text; `reason` is a short code (not_html, too_short...)."""

    def __init__(self, reason: str, message: str = "") -> None:
        self.reason = reason
        super().__init__(f"{reason}: {message}" if message else reason)


class DeliveryError(MonitorError):
    """An alert was not accepted by a channel.

    `permanent` means retrying cannot help (e.g. webhook answered 410 Gone);
    `retry_after` is the delay the receiver asked for, in seconds.
    """

    def __init__(
        self, message: str, *, permanent: bool = False, retry_after: float | None = None
    ) -> None:
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after
        super().__init__(message)


class RequestError(MonitorError):
    """A request to the web view is malformed (a bad ?limit= or ?since=): answered 400."""


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and everything it was raised from or during (libraries wrap each other's errors)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__

"""Alert channels: build email messages and signed webhook requests, and send each once.

Retrying, scheduling and remembering deliveries is the outbox's job; every function here
makes one attempt and reports failure as a DeliveryError that says whether a retry can help.

Webhook signing follows Standard Webhooks (https://www.standardwebhooks.com/). The secret,
read from the environment variable named by `secret_env`, is accepted in two forms:
  * "whsec_<base64>": the spec's form; the key is the base64-decoded bytes. Give a receiver
    the same string and its reference library verifies our signatures.
  * anything else: a raw secret; the key is the UTF-8 bytes of the string as written. A
    receiver must then use those bytes as the key (Python: Webhook(secret.encode())).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import email.policy
import hashlib
import html
import json
import logging
import random
import re
import ssl
import time
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit

import aiosmtplib
import httpx
from standardwebhooks import Webhook

from monitor import USER_AGENT
from monitor.config import EmailChannel, WebhookChannel
from monitor.errors import DeliveryError, exception_chain
from monitor.fetch import parse_retry_after
from monitor.models import Alert, iso

log = logging.getLogger(__name__)

_E = TypeVar("_E", bound=BaseException)

SUBJECT_PREFIX = "[monitor] "
SUBJECT_LIMIT = 200  # characters after the prefix; long titles are cut with an ellipsis
RESPONSE_PEEK = 4096  # bytes of a webhook answer kept for the error message
WHSEC_PREFIX = "whsec_"

# The Standard Webhooks recommended schedule: delay before attempt 1, 2, 3...
_SCHEDULE = (0.0, 5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0)
_JITTER = 0.2

# RFC 5322 dot-atom-text: what may stand on either side of the "@" of a Message-ID
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")

_URL = re.compile(r"https?://[^\s'\"<>()]+", re.IGNORECASE)

_NOTICE_SUBJECTS = {
    "event.updated": "updated: {title}",
    "feed.failing": "feed failing: {source}",
    "feed.recovered": "feed recovered: {source}",
}


# --- retry schedule -------------------------------------------------------------------------


def retry_delay(attempt: int, rng: random.Random | None = None) -> float:
    """Seconds to wait after failed attempt `attempt` (1-based) before the next one, +-20%."""
    base = _SCHEDULE[min(max(attempt, 0), len(_SCHEDULE) - 1)]
    # jitter spreads retries of many alerts that failed together (one receiver outage)
    factor = (rng or random).uniform(1 - _JITTER, 1 + _JITTER)
    return base * factor


# --- email ----------------------------------------------------------------------------------


def message_id(delivery_id: str, sender: str) -> str:
    """A stable RFC 5322 Message-ID "<delivery_id@sender-domain>" (same on every retry)."""
    left = delivery_id
    if not _DOT_ATOM.match(left) or len(left) > 64:
        # keep the id stable and unique even when the delivery id has unusable characters
        left = "d" + hashlib.sha256(delivery_id.encode("utf-8")).hexdigest()[:32]
    domain = parseaddr(sender)[1].rpartition("@")[2].strip().lower()
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    if not _DOT_ATOM.match(domain):
        domain = "monitor.invalid"
    return f"<{left}@{domain}>"


def build_email(
    channel: EmailChannel, alert: Alert, delivery_id: str, *, now: datetime | None = None
) -> EmailMessage:
    """The message for one alert: text/plain part plus an HTML alternative."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = channel.sender
    msg["To"] = ", ".join(channel.recipients)
    msg["Date"] = format_datetime(now or datetime.now(UTC))
    msg["Message-ID"] = message_id(delivery_id, channel.sender)
    subject = SUBJECT_PREFIX + _subject_text(alert)
    msg["Subject"] = subject
    if str(msg["Subject"]) != subject:
        # the email package read something in the text as markup (see _no_encoded_words):
        # whatever a Python version does there, feed text never shapes the header
        del msg["Subject"]
        msg["Subject"] = SUBJECT_PREFIX + f"{alert.type} (subject not shown)"
    # RFC 3834: tells auto-responders (vacation replies) not to answer
    msg["Auto-Submitted"] = "auto-generated"
    fields = _fields(alert)
    msg.set_content(_text_body(alert, fields))
    msg.add_alternative(_html_body(alert, fields), subtype="html")
    return msg


def _subject_text(alert: Alert) -> str:
    title = _one_line(alert.title) or "(no title)"
    template = _NOTICE_SUBJECTS.get(alert.type, "{title}")
    text = template.format(title=title, source=_one_line(alert.source) or "(unnamed feed)")
    if len(text) > SUBJECT_LIMIT:
        text = text[: SUBJECT_LIMIT - 1].rstrip() + "…"
    return _no_encoded_words(text)


def _no_encoded_words(text: str) -> str:
    """Header text in which nothing can be read as an RFC 2047 encoded word.

    The email package decodes "=?charset?q?...?=" when a header is set, and on Python 3.11
    and 3.12 writes out the CR/LF hidden in one as real line breaks: a feed title could add
    headers or a body of its own. A word joiner (invisible) between "=" and "?" leaves the
    text as the feed wrote it, and no decoder, ours or a reader's, sees an encoded word.
    """
    return text.replace("=?", "=\u2060?")


def _one_line(text: str) -> str:
    """Feed text made safe for one line: every control and line/paragraph separator is a space.

    str.splitlines() (used inside the email package) breaks on \\x1c-\\x1e, \\x85, U+2028 and
    U+2029 too, so those must go as well as CR and LF or they could start a new header line.
    """
    chars = (" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return " ".join("".join(chars).split())


def _multi_line(text: str) -> str:
    """Feed text kept on several lines (the snippet): line breaks stay, other controls go."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_one_line(line) for line in lines).strip()


def _fields(alert: Alert) -> list[tuple[str, str]]:
    """(label, value) rows shown in both parts; values are single-line plain text."""
    is_feed = alert.type.startswith("feed.")
    rows = [
        ("Feed" if is_feed else "Source", _one_line(alert.source)),
        ("URL", _one_line(alert.url)),
    ]
    if not is_feed:
        rows.append(("Published", iso(alert.published) if alert.published else "unknown"))
        rows.extend(_event_rows(alert))
        rows.append(("Rules", ", ".join(_one_line(r) for r in alert.rules)))
        rows.append(("Score", f"{alert.score:.2f}"))
    rows.extend((_one_line(k), _one_line(v)) for k, v in alert.extra.items())
    return rows


def _event_rows(alert: Alert) -> list[tuple[str, str]]:
    """What, who, where, when and the other outlets of an event alert."""
    e = alert.event
    if e is None:
        return []
    rows = []
    if e.what:
        rows.append(("What", e.what))
    if e.who:
        who = ", ".join(
            _one_line(p.name) + (f" ({_one_line(p.role)})" if p.role else "") for p in e.who
        )
        rows.append(("Who", who))
    if e.where:
        where = _one_line(e.where.name)
        rows.append(
            ("Where", f"{where}, {_one_line(e.where.country)}" if e.where.country else where)
        )
    if e.when:
        rows.append(("When", e.when.isoformat()))
    if e.changes:
        rows.append(("Changed", ", ".join(_one_line(c) for c in e.changes)))
    others = [s for s in e.sources if s.url != alert.url]
    if others:
        rows.append(("Also in", "; ".join(_one_line(s.source) for s in others[:10])))
    return rows


def _text_body(alert: Alert, fields: Iterable[tuple[str, str]]) -> str:
    lines = [_one_line(alert.title) or "(no title)", ""]
    lines += [f"{label + ':':<11} {value}" for label, value in fields]
    snippet = _multi_line(alert.snippet)
    if snippet:
        lines += ["", snippet]
    lines += ["", "--", f"monitor {alert.type} {_one_line(alert.id)}"]
    return "\n".join(lines) + "\n"


def _html_body(alert: Alert, fields: Iterable[tuple[str, str]]) -> str:
    esc = html.escape  # quote=True by default, so values are safe inside attributes too
    title = esc(_one_line(alert.title) or "(no title)")
    link = _safe_href(alert.url)
    heading = f'<a href="{esc(link)}">{title}</a>' if link else title
    rows = "".join(
        f'<tr><th align="left" valign="top">{esc(label)}</th><td>{_html_value(label, value)}</td>'
        "</tr>"
        for label, value in fields
    )
    snippet_lines = [esc(line) for line in _multi_line(alert.snippet).split("\n") if line]
    quote = f"<blockquote>{'<br>'.join(snippet_lines)}</blockquote>" if snippet_lines else ""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n'
        f"<h2>{heading}</h2>\n<table>{rows}</table>\n{quote}\n"
        f'<p style="color:#666">monitor {esc(alert.type)} {esc(_one_line(alert.id))}</p>\n'
        "</body></html>\n"
    )


def _html_value(label: str, value: str) -> str:
    link = _safe_href(value) if label == "URL" else None
    if link:
        return f'<a href="{html.escape(link)}">{html.escape(value)}</a>'
    return html.escape(value)


def _safe_href(url: str) -> str | None:
    """The URL if it may be a link (http or https with a host); javascript: and the like never."""
    url = _one_line(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


async def send_email(channel: EmailChannel, alert: Alert, delivery_id: str) -> None:
    """Send one alert by SMTP; raises DeliveryError saying why and whether retrying can help."""
    where = f"email {channel.name} via {channel.host}:{channel.port}"
    password: str | None = None
    if channel.username:
        if not channel.password_env:
            raise DeliveryError(f"{where}: username is set but password_env is not")
        password = channel.password()
        if password is None:
            raise DeliveryError(
                f"{where}: environment variable {channel.password_env} (password_env) is not set"
            )
    message = build_email(channel, alert, delivery_id)
    try:
        tls_context = _tls_context(channel) if channel.security != "none" else None
        errors, _ = await aiosmtplib.send(
            message,
            hostname=channel.host,
            port=channel.port,
            username=channel.username,
            password=password,
            timeout=channel.timeout,
            use_tls=channel.security == "tls",
            start_tls=channel.security == "starttls",
            tls_context=tls_context,
        )
    except Exception as exc:
        failure = _smtp_failure(exc, where)
        raise DeliveryError(
            _redact(failure.message, password), permanent=failure.permanent
        ) from None
    if errors:
        # some recipients took it: retrying would send them a second copy, so it counts as sent
        refused = ", ".join(f"{rcpt} ({resp.code})" for rcpt, resp in errors.items())
        log.warning("%s: message %s refused for %s", where, delivery_id, refused)


def _tls_context(channel: EmailChannel) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if channel.ca_file:
        # added to the system roots, not instead of them
        context.load_verify_locations(cafile=str(channel.ca_file))
    return context


def _smtp_failure(exc: BaseException, where: str) -> DeliveryError:
    """Translate what aiosmtplib (or ssl, or the OS) raised into one clear DeliveryError."""
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        # temporary on purpose: once the operator fixes the password, pending alerts go out
        return DeliveryError(f"{where}: authentication failed: {_reply(exc.code, exc.message)}")
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        codes = [r.code for r in exc.recipients]
        replies = "; ".join(f"{r.recipient}: {_reply(r.code, r.message)}" for r in exc.recipients)
        permanent = all(500 <= c < 600 for c in codes)
        return DeliveryError(f"{where}: every recipient refused: {replies}", permanent=permanent)
    if isinstance(exc, aiosmtplib.SMTPSenderRefused | aiosmtplib.SMTPDataError):
        step = "sender" if isinstance(exc, aiosmtplib.SMTPSenderRefused) else "message"
        kind = "permanently" if 500 <= exc.code < 600 else "temporarily"
        return DeliveryError(
            f"{where}: server {kind} refused the {step}: {_reply(exc.code, exc.message)}",
            permanent=500 <= exc.code < 600,
        )
    if isinstance(exc, aiosmtplib.SMTPConnectTimeoutError | aiosmtplib.SMTPTimeoutError):
        return DeliveryError(f"{where}: timed out ({exc})")
    network = _network_failure(exc)
    if network:
        return DeliveryError(f"{where}: {network}")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        # greeting, EHLO or STARTTLS refused: a server-side state, not this message's fault
        return DeliveryError(f"{where}: server answered {_reply(exc.code, exc.message)}")
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected):
        return DeliveryError(f"{where}: server closed the connection ({exc})")
    if isinstance(exc, aiosmtplib.SMTPException | OSError):
        return DeliveryError(f"{where}: {exc}")
    raise exc  # a bug, not a delivery problem: let it surface


def _network_failure(exc: BaseException) -> str | None:
    """'TLS failure: ...' or 'connection refused' when that is the root cause, else None."""
    tls = _find_cause(exc, ssl.SSLError)
    if isinstance(tls, ssl.SSLCertVerificationError):
        return f"TLS failure: certificate not trusted ({tls.verify_message})"
    if tls is not None:
        return f"TLS failure: {tls.reason or tls}"
    if _find_cause(exc, ConnectionRefusedError) is not None:
        return "connection refused"
    return None


def _reply(code: int, message: str) -> str:
    return f"{code} {_one_line(message)}"


def _find_cause(exc: BaseException, kind: type[_E]) -> _E | None:
    """The first exception of `kind` in exc's __cause__/__context__ chain (exc included)."""
    return next((e for e in exception_chain(exc) if isinstance(e, kind)), None)


def _redact(message: str, *secrets: str | None) -> str:
    """Belt and braces: a secret never reaches an error message, even if a server echoes it."""
    for secret in secrets:
        if secret:
            message = message.replace(secret, "***")
    return message


# --- webhook --------------------------------------------------------------------------------


def webhook_request(
    channel: WebhookChannel, alert: Alert, delivery_id: str, *, timestamp: int
) -> tuple[dict[str, str], bytes]:
    """Headers and JSON body of one attempt; signed when the channel has a secret."""
    body = json.dumps(alert.payload(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": delivery_id,
        "webhook-timestamp": str(timestamp),
    }
    key = signing_key(channel)
    if key is not None:
        headers["webhook-signature"] = sign(key, delivery_id, timestamp, body)
    return headers, body


def sign(key: bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    """The Standard Webhooks "v1,<base64 HMAC-SHA256>" signature of one message."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    return Webhook(key).sign(msg_id, moment, body.decode("utf-8"))


def signing_key(channel: WebhookChannel) -> bytes | None:
    """The HMAC key from the channel's secret variable (see the module docstring), or None."""
    if not channel.secret_env:
        return None
    where = f"webhook {channel.name}"
    secret = channel.secret()
    if secret is None:
        raise DeliveryError(
            f"{where}: environment variable {channel.secret_env} (secret_env) is not set"
        )
    if secret.startswith(WHSEC_PREFIX):
        encoded = secret[len(WHSEC_PREFIX) :]
        try:
            key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
        except (binascii.Error, ValueError):
            raise DeliveryError(
                f"{where}: the secret in {channel.secret_env} starts with whsec_ "
                "but the rest is not base64"
            ) from None
    else:
        key = secret.encode("utf-8")
    if not key:
        raise DeliveryError(f"{where}: the secret in {channel.secret_env} is empty")
    return key


async def send_webhook(
    client: httpx.AsyncClient, channel: WebhookChannel, alert: Alert, delivery_id: str
) -> None:
    """POST one alert; a 2xx answer is delivery, anything else raises DeliveryError."""
    # the path and query of a webhook URL are often its credential: name only the origin
    where = f"webhook {channel.name} ({_origin(channel.url)})"
    headers, body = webhook_request(channel, alert, delivery_id, timestamp=int(time.time()))
    secret = channel.secret()
    started = time.monotonic()
    try:
        # httpx timeouts are per read; this bounds the whole exchange
        async with asyncio.timeout(channel.timeout):
            async with client.stream(
                "POST",
                channel.url,
                headers=headers,
                content=body,
                timeout=channel.timeout,
                follow_redirects=False,
            ) as response:
                peek = (await _read_prefix(response, RESPONSE_PEEK)).decode("utf-8", "replace")
    except (TimeoutError, httpx.HTTPError) as exc:
        waited = time.monotonic() - started
        reason = _http_failure(exc, channel.timeout, timed_out=waited >= channel.timeout * 0.9)
        # library messages may quote the full URL: cut every URL down to its origin
        reason = _URL.sub(lambda m: _origin(m.group()), reason)
        reason = redact_url(reason, channel.url)
        raise DeliveryError(_redact(f"{where}: {reason}", secret)) from None
    _check_answer(where, response, redact_url(peek, channel.url), secret)


def redact_url(text: str, url: str) -> str:
    """`text` (an error page, a library's message) without the path or query of `url`.

    A webhook URL's path or query is often its credential (Slack's /services/T0/B0/XXXX), and
    receivers echo it ("Cannot POST /services/..."): the whole path and query go, and so does
    each piece of them that looks like a token, as written or percent-decoded.
    """
    parts = urlsplit(url)
    whole = {parts.path, parts.query, f"{parts.path}?{parts.query}"} - {"", "/", "?"}
    pieces = [*parts.path.split("/"), *(v for _, v in parse_qsl(parts.query))]
    found = whole | {p for p in pieces if _looks_like_token(p)}
    found |= {unquote(p) for p in found}
    for secret in sorted(found, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def _looks_like_token(piece: str) -> bool:
    # long, or with digits: not a word like "services", "hooks" or "api" that an error
    # message would lose its sense without
    return len(piece) >= 16 or (len(piece) >= 6 and any(c.isdigit() for c in piece))


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL, without the user info, path or query."""
    parts = urlsplit(url)
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a malformed port in a quoted URL
        port = ""
    return f"{parts.scheme}://{parts.hostname}{port}"


async def _read_prefix(response: httpx.Response, limit: int) -> bytes:
    """At most `limit` bytes of the body: an error page is only worth a glance."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


def _check_answer(where: str, response: httpx.Response, peek: str, secret: str | None) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    if 300 <= status < 400:
        location = response.headers.get("location", "")
        goes_to = f" to {_origin(location)}" if urlsplit(location).netloc else ""
        raise DeliveryError(
            f"{where}: answered {status} redirect{goes_to}; redirects are not followed, "
            "put the final URL in the config"
        )
    text = _one_line(peek)[:200]
    message = f"{where}: answered {status} {response.reason_phrase}"
    if text:
        message += f": {text}"
    raise DeliveryError(
        _redact(message, secret),
        # 410 Gone is the receiver saying "stop": the Standard Webhooks meaning
        permanent=status == 410,
        retry_after=parse_retry_after(response.headers.get("retry-after")),
    )


def _http_failure(exc: BaseException, timeout: float, *, timed_out: bool) -> str:
    # httpx-aiohttp (http://) reports a refused or dropped connection as a ConnectTimeout and
    # httpcore (https://) as a ConnectError, so the root cause and the time actually waited
    # decide, not the exception class alone
    network = _network_failure(exc)
    if network:
        return network
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        if timed_out:
            return f"no answer within {timeout:g}s"
        cause = exc.__cause__ or exc
        return f"connection failed ({type(cause).__name__}: {cause})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({exc or type(exc).__name__})"
    return f"{type(exc).__name__}: {exc}"

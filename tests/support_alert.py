"""Real loopback receivers for the alert tests: an aiosmtpd SMTP server and a webhook endpoint.

Both listen on 127.0.0.1 on a port the OS picks, record what they received, and answer
from a script (e.g. "451 twice, then accept") so tests can drive retries.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import ssl
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiohttp import web
from aiohttp.test_utils import TestServer
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from standardwebhooks import Webhook

from monitor.config import EmailChannel, WebhookChannel
from monitor.models import Alert

HOST = "127.0.0.1"


# --- TLS ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoopbackTLS:
    """A throwaway CA: the server context presents a cert for 127.0.0.1 signed by it."""

    server_context: ssl.SSLContext
    ca_file: Path  # PEM of the CA, what a client is told to trust


def make_tls(directory: Path) -> LoopbackTLS:
    """Issue a loopback certificate from a fresh CA and write the CA PEM into `directory`."""
    ca = trustme.CA()
    cert = ca.issue_cert(HOST, "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    ca_file = directory / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return LoopbackTLS(server_context=context, ca_file=ca_file)


# --- SMTP -----------------------------------------------------------------------------------


@dataclass
class SmtpRecorder:
    """aiosmtpd handler: answers DATA from `answers` (then 250), keeps accepted messages."""

    answers: list[str] = field(default_factory=list)
    users: dict[str, str] = field(default_factory=dict)
    messages: list[EmailMessage] = field(default_factory=list)
    raw_messages: list[bytes] = field(default_factory=list)
    attempt_message_ids: list[str] = field(default_factory=list)  # one per DATA, accepted or not
    envelopes: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    data_attempts: int = 0
    logins: list[tuple[str, str, bool]] = field(default_factory=list)  # (mechanism, user, ok)
    tls_sessions: list[bool] = field(default_factory=list)  # one per DATA: was it over TLS?
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.data_attempts += 1
            self.attempt_message_ids.append(str(parsed["Message-ID"]))
            if self.answers:
                return self.answers.pop(0)
            self.raw_messages.append(raw)
            self.messages.append(parsed)
            self.envelopes.append((str(envelope.mail_from), tuple(envelope.rcpt_tos)))
            transport = server.transport
            self.tls_sessions.append(
                transport is not None and transport.get_extra_info("ssl_object") is not None
            )
        return "250 2.0.0 queued"

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        user = auth_data.login.decode()
        ok = self.users.get(user) == auth_data.password.decode()
        with self.lock:
            self.logins.append((mechanism, user, ok))
        # handled=False: aiosmtpd then answers 535 itself
        return AuthResult(success=ok, handled=False)


class _AnyPortController(Controller):
    """Controller that binds port 0 and learns the port the OS chose (no free-port race)."""

    def _trigger_server(self) -> None:
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    recorder: SmtpRecorder


@contextmanager
def smtp_server(
    *,
    answers: Sequence[str] = (),
    implicit_tls: LoopbackTLS | None = None,
    starttls: LoopbackTLS | None = None,
    users: dict[str, str] | None = None,
    mechanisms: Sequence[str] = ("LOGIN", "PLAIN"),
) -> Iterator[SmtpServer]:
    """Run an aiosmtpd server in its own thread for the duration of the block."""
    recorder = SmtpRecorder(answers=list(answers), users=dict(users or {}))
    params: dict[str, Any] = {}
    if starttls:
        params.update(tls_context=starttls.server_context, require_starttls=True)
    if users is not None:
        params.update(
            authenticator=recorder.authenticate,
            auth_required=True,
            # AUTH only after STARTTLS, as a real relay does; aiosmtpd cannot tell that an
            # implicit-TLS connection is encrypted, so it must be told not to insist there
            auth_require_tls=implicit_tls is None,
            auth_exclude_mechanism=[m for m in ("LOGIN", "PLAIN") if m not in mechanisms],
        )
    controller = _AnyPortController(
        recorder,
        hostname=HOST,
        port=0,
        ssl_context=implicit_tls.server_context if implicit_tls else None,
        **params,
    )
    controller.start()
    try:
        yield SmtpServer(host=HOST, port=controller.port, recorder=recorder)
    finally:
        controller.stop()


def email_channel(server: SmtpServer | None = None, **overrides: Any) -> EmailChannel:
    """An EmailChannel pointed at `server` (or nowhere); keyword arguments replace any field."""
    channel = EmailChannel(
        name="ops-mail",
        host=server.host if server else HOST,
        port=server.port if server else 9,  # discard port: for tests that only build messages
        security="none",
        username=None,
        password_env=None,
        sender="Monitor <monitor@alerts.example.org>",
        recipients=("analyst@example.org", "desk@example.org"),
        timeout=5.0,
        retry_window=3 * 86400.0,
        ca_file=None,
    )
    return replace(channel, **overrides)


# --- webhooks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One scripted webhook answer."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds to wait before answering


@dataclass(frozen=True)
class ReceivedHook:
    """One request the receiver got, and what it made of it."""

    headers: dict[str, str]  # lower-cased names
    body: bytes
    signature_ok: bool | None  # None when the receiver has no secret to check with
    answered: int


@dataclass
class WebhookReceiver:
    """An aiohttp endpoint at /hook that verifies signatures with the reference library."""

    answers: list[Answer]
    secret: str | bytes | None = None
    received: list[ReceivedHook] = field(default_factory=list)
    url: str = ""

    @property
    def accepted(self) -> list[ReceivedHook]:
        """Requests answered 2xx with a valid signature (or no secret): deliveries."""
        return [r for r in self.received if 200 <= r.answered < 300 and r.signature_ok is not False]

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k.lower(): v for k, v in request.headers.items()}
        answer = self.answers.pop(0) if self.answers else Answer()
        signature_ok: bool | None = None
        if self.secret is not None:
            try:
                Webhook(self.secret).verify(body, headers)
                signature_ok = True
            except Exception:
                signature_ok = False
        status = answer.status if signature_ok is not False else 401
        self.received.append(ReceivedHook(headers, body, signature_ok, status))
        if answer.delay:
            await asyncio.sleep(answer.delay)
        return web.Response(status=status, body=answer.body, headers=answer.headers)


@asynccontextmanager
async def webhook_receiver(
    answers: Sequence[Answer] = (), *, secret: str | bytes | None = None
) -> AsyncIterator[WebhookReceiver]:
    """Serve a WebhookReceiver on 127.0.0.1 in the test's event loop."""
    receiver = WebhookReceiver(answers=list(answers), secret=secret)
    app = web.Application()
    app.router.add_post("/hook", receiver.handle)
    server = TestServer(app, host=HOST)
    await server.start_server()
    receiver.url = str(server.make_url("/hook"))
    try:
        yield receiver
    finally:
        await server.close()


def webhook_channel(url: str, **overrides: Any) -> WebhookChannel:
    """A WebhookChannel posting to `url`; keyword arguments replace any field."""
    channel = WebhookChannel(
        name="ops-hook",
        url=url,
        secret_env=None,
        timeout=5.0,
        retry_window=3 * 86400.0,
    )
    return replace(channel, **overrides)


# --- data -----------------------------------------------------------------------------------


def sample_alert(**overrides: Any) -> Alert:
    """A realistic event alert; keyword arguments replace any field."""
    alert = Alert(
        type="event.matched",
        id="evt-7f3a9c",
        title="ISIS leader killed in raid in northern Syria",
        url="https://news.example.org/2026/11/23/raid-syria",
        source="Example Wire",
        published=datetime(2026, 11, 23, 21, 4, tzinfo=UTC),
        rules=("isis-leader-killed", "raid-in-syria"),
        snippet="US forces said the leader of Islamic State was killed in a raid in Idlib.",
        score=3.25,
    )
    return replace(alert, **overrides)

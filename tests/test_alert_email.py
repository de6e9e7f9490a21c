"""Email alerts against a real aiosmtpd server on 127.0.0.1 (STARTTLS, TLS, AUTH, retries)."""

from __future__ import annotations

import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from monitor.alert import build_email, message_id, send_email
from monitor.errors import DeliveryError
from tests.support_alert import LoopbackTLS, email_channel, make_tls, sample_alert, smtp_server

PASSWORD = "s3cret-Pa55word!"
PASSWORD_ENV = "MONITOR_TEST_SMTP_PASSWORD"


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> LoopbackTLS:
    return make_tls(tmp_path_factory.mktemp("tls"))


def _text(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    assert isinstance(part, EmailMessage)
    return str(part.get_content())


async def test_starttls_login_delivers_one_complete_message(
    tls: LoopbackTLS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    users = {"monitor": PASSWORD}
    with smtp_server(starttls=tls, users=users, mechanisms=("LOGIN",)) as server:
        channel = email_channel(
            server,
            security="starttls",
            username="monitor",
            password_env=PASSWORD_ENV,
            ca_file=tls.ca_file,
        )
        await send_email(channel, sample_alert(), "dlv-101")

    rec = server.recorder
    assert rec.logins == [("LOGIN", "monitor", True)]
    assert rec.tls_sessions == [True]
    assert len(rec.messages) == 1
    msg = rec.messages[0]
    assert msg["Subject"] == "[monitor] ISIS leader killed in raid in northern Syria"
    assert msg["From"] == "Monitor <monitor@alerts.example.org>"
    assert msg["To"] == "analyst@example.org, desk@example.org"
    assert msg["Message-ID"] == "<dlv-101@alerts.example.org>"
    assert msg["Date"] is not None
    assert rec.envelopes == [
        ("monitor@alerts.example.org", ("analyst@example.org", "desk@example.org"))
    ]
    text = _text(msg, "plain")
    for expected in (
        "ISIS leader killed in raid in northern Syria",
        "Example Wire",
        "2026-11-23T21:04:00Z",
        "https://news.example.org/2026/11/23/raid-syria",
        "isis-leader-killed, raid-in-syria",
        "killed in a raid in Idlib",
    ):
        assert expected in text
    html_part = _text(msg, "html")
    assert '<a href="https://news.example.org/2026/11/23/raid-syria">' in html_part
    assert "raid-in-syria" in html_part


# aiosmtpd cannot see that an implicit-TLS connection is encrypted, hence its warning
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
async def test_plain_auth_over_implicit_tls(
    tls: LoopbackTLS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    with smtp_server(implicit_tls=tls, users={"monitor": PASSWORD}, mechanisms=("PLAIN",)) as srv:
        channel = email_channel(
            srv, security="tls", username="monitor", password_env=PASSWORD_ENV, ca_file=tls.ca_file
        )
        await send_email(channel, sample_alert(), "dlv-102")
    assert srv.recorder.logins == [("PLAIN", "monitor", True)]
    assert srv.recorder.tls_sessions == [True]
    assert len(srv.recorder.messages) == 1


async def test_wrong_password_says_authentication_failed_without_the_password(
    tls: LoopbackTLS, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "not-the-Pa55word"
    monkeypatch.setenv(PASSWORD_ENV, wrong)
    with smtp_server(starttls=tls, users={"monitor": PASSWORD}) as server:
        channel = email_channel(
            server,
            security="starttls",
            username="monitor",
            password_env=PASSWORD_ENV,
            ca_file=tls.ca_file,
        )
        with pytest.raises(DeliveryError) as caught:
            await send_email(channel, sample_alert(), "dlv-103")
    message = str(caught.value)
    assert "authentication failed" in message
    assert "535" in message
    assert wrong not in message and PASSWORD not in message
    assert wrong not in repr(caught.value.__cause__) and caught.value.__cause__ is None
    # fixing the password and retrying must still deliver: not a permanent failure
    assert not caught.value.permanent
    assert server.recorder.messages == []


async def test_missing_password_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    with smtp_server() as server:
        channel = email_channel(server, username="monitor", password_env=PASSWORD_ENV)
        with pytest.raises(DeliveryError, match=PASSWORD_ENV):
            await send_email(channel, sample_alert(), "dlv-104")
    assert server.recorder.data_attempts == 0


async def test_untrusted_certificate_is_a_tls_failure(tls: LoopbackTLS) -> None:
    with smtp_server(starttls=tls) as server:
        # no ca_file: the test CA is not trusted, so the handshake must fail
        channel = email_channel(server, security="starttls")
        with pytest.raises(DeliveryError) as caught:
            await send_email(channel, sample_alert(), "dlv-105")
    assert "TLS failure" in str(caught.value)
    assert "certificate" in str(caught.value)
    assert server.recorder.data_attempts == 0


async def test_starttls_with_missing_ca_file_is_reported(tls: LoopbackTLS, tmp_path: Path) -> None:
    with smtp_server(starttls=tls) as server:
        channel = email_channel(server, security="starttls", ca_file=tmp_path / "nope.pem")
        with pytest.raises(DeliveryError, match=r"nope\.pem|No such file"):
            await send_email(channel, sample_alert(), "dlv-106")


async def test_temporary_refusal_twice_then_delivered_exactly_once() -> None:
    answers = ["451 4.3.0 Try again later", "451 4.3.0 Try again later"]
    with smtp_server(answers=answers) as server:
        channel = email_channel(server)
        alert = sample_alert()
        for attempt in (1, 2):
            with pytest.raises(DeliveryError) as caught:
                await send_email(channel, alert, "dlv-107")
            assert not caught.value.permanent, f"attempt {attempt}"
            assert "451" in str(caught.value)
        await send_email(channel, alert, "dlv-107")

    rec = server.recorder
    assert rec.data_attempts == 3
    assert len(rec.messages) == 1
    # every retry carries the same Message-ID, so a mail client can collapse duplicates
    assert rec.attempt_message_ids == ["<dlv-107@alerts.example.org>"] * 3


async def test_permanent_refusal_is_permanent() -> None:
    with (
        smtp_server(answers=["554 5.7.1 Message rejected as spam"]) as server,
        pytest.raises(DeliveryError) as caught,
    ):
        await send_email(email_channel(server), sample_alert(), "dlv-108")
    assert caught.value.permanent
    assert "554" in str(caught.value) and "rejected as spam" in str(caught.value)


async def test_connection_refused_is_temporary() -> None:
    with smtp_server() as server:
        port = server.port
    # the server is stopped: nothing listens on the port any more
    channel = email_channel(server, port=port)
    with pytest.raises(DeliveryError) as caught:
        await send_email(channel, sample_alert(), "dlv-109")
    assert "connection refused" in str(caught.value)
    assert not caught.value.permanent


async def test_arabic_title_survives_the_subject() -> None:
    title = "مقتل زعيم تنظيم الدولة الإسلامية في غارة شمال سوريا"
    with smtp_server() as server:
        await send_email(email_channel(server), sample_alert(title=title), "dlv-110")
    raw = server.recorder.raw_messages[0]
    subject_line = next(line for line in raw.split(b"\r\n") if line.startswith(b"Subject:"))
    assert b"=?utf-8?" in subject_line.lower()  # RFC 2047 encoded words, 7-bit header
    assert server.recorder.messages[0]["Subject"] == f"[monitor] {title}"
    assert title in _text(server.recorder.messages[0], "plain")


async def test_line_breaks_in_a_title_cannot_add_headers() -> None:
    evil = "Raid\r\nBcc: evil@example.org\r\nX-Injected: yes"
    with smtp_server() as server:
        await send_email(email_channel(server), sample_alert(title=evil), "dlv-111")
    msg = server.recorder.messages[0]
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    assert msg["Subject"] == "[monitor] Raid Bcc: evil@example.org X-Injected: yes"
    assert server.recorder.envelopes[0][1] == ("analyst@example.org", "desk@example.org")


@pytest.mark.parametrize("separator", ["\n", "\r", "\x85", "\u2028", "\u2029", "\x0b", "\x1e"])
def test_every_line_separator_is_neutralised_in_the_subject(separator: str) -> None:
    alert = sample_alert(title=f"Raid{separator}Bcc: evil@example.org")
    msg = build_email(email_channel(), alert, "dlv-112")
    parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "[monitor] Raid Bcc: evil@example.org"


def test_html_part_escapes_every_feed_string() -> None:
    alert = sample_alert(
        title="<script>alert(1)</script> strike",
        source='Feed "<b>bold</b>"',
        url="javascript:alert(document.cookie)",
        rules=("<img src=x onerror=alert(1)>",),
        snippet="Tom & Jerry <iframe>",
    )
    html_part = _text(build_email(email_channel(), alert, "dlv-113"), "html")
    assert "<script>" not in html_part and "&lt;script&gt;alert(1)&lt;/script&gt;" in html_part
    assert "<b>" not in html_part and "<img" not in html_part and "<iframe>" not in html_part
    assert "Tom &amp; Jerry &lt;iframe&gt;" in html_part
    assert "href" not in html_part  # a javascript: URL is shown as text, never linked


def test_message_id_is_stable_and_well_formed() -> None:
    sender = "Monitor <monitor@alerts.example.org>"
    assert message_id("dlv-9", sender) == "<dlv-9@alerts.example.org>"
    assert message_id("dlv-9", sender) == message_id("dlv-9", "monitor@Alerts.Example.ORG")
    odd = message_id("event 9 <x>@y", sender)
    assert odd == message_id("event 9 <x>@y", sender)
    assert odd.startswith("<d") and " " not in odd and odd.count("@") == 1
    first = build_email(email_channel(), sample_alert(), "dlv-9")
    again = build_email(
        email_channel(), sample_alert(), "dlv-9", now=datetime(2030, 1, 1, tzinfo=UTC)
    )
    assert first["Message-ID"] == again["Message-ID"]


def test_feed_notice_and_update_subjects() -> None:
    channel = email_channel()
    failing = sample_alert(type="feed.failing", source="Example Wire", title="timeout for 24h")
    assert build_email(channel, failing, "d1")["Subject"] == "[monitor] feed failing: Example Wire"
    recovered = sample_alert(type="feed.recovered", source="Example Wire")
    assert build_email(channel, recovered, "d2")["Subject"] == (
        "[monitor] feed recovered: Example Wire"
    )
    updated = sample_alert(type="event.updated")
    assert build_email(channel, updated, "d3")["Subject"] == (
        "[monitor] updated: ISIS leader killed in raid in northern Syria"
    )


def test_long_title_is_bounded_in_the_subject() -> None:
    msg = build_email(email_channel(), sample_alert(title="Strike " * 200), "dlv-114")
    subject = str(msg["Subject"])
    assert len(subject) <= len("[monitor] ") + 200
    assert subject.endswith("…")
    assert ("Strike " * 200).strip() in _text(msg, "plain")  # full title kept in the body

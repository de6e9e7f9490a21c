"""Webhook alerts against a real aiohttp receiver on 127.0.0.1 that verifies signatures with
the Standard Webhooks reference library; plus the retry schedule."""

from __future__ import annotations

import json
import random
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from httpx_aiohttp import HttpxAiohttpClient
from standardwebhooks import Webhook

from monitor.alert import (
    retry_delay,
    send_webhook,
    sign,
    signing_key,
    webhook_request,
)
from monitor.errors import DeliveryError
from monitor.fetch import parse_retry_after
from tests.support_alert import Answer, sample_alert, webhook_channel, webhook_receiver

SECRET_ENV = "MONITOR_TEST_WEBHOOK_SECRET"
# the Standard Webhooks spec's published example (also used by its reference libraries' tests)
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


# the daemon uses httpx over aiohttp; plain httpx must behave the same
@pytest.fixture(params=[httpx.AsyncClient, HttpxAiohttpClient], ids=["httpx", "httpx-aiohttp"])
async def client(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    async with request.param() as c:
        yield c


def test_signature_matches_the_spec_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, SPEC_SECRET)
    key = signing_key(webhook_channel("http://127.0.0.1:9/hook", secret_env=SECRET_ENV))
    assert key is not None
    assert sign(key, SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY) == SPEC_SIGNATURE


def test_request_carries_the_contract_body_and_verifiable_headers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SECRET_ENV, SPEC_SECRET)
    channel = webhook_channel("http://127.0.0.1:9/hook", secret_env=SECRET_ENV)
    now = int(time.time())
    alert = sample_alert(title="غارة على قيادة داعش في سوريا")
    headers, body = webhook_request(channel, alert, "dlv-201", timestamp=now)

    assert headers["content-type"] == "application/json"
    assert headers["webhook-id"] == "dlv-201"
    assert headers["webhook-timestamp"] == str(now)
    assert Webhook(SPEC_SECRET).verify(body, headers) == alert.payload()
    payload = json.loads(body)
    assert list(payload) == [
        "type", "id", "title", "url", "source", "published", "rules", "snippet", "score"
    ]  # fmt: skip
    assert payload["type"] == "event.matched"
    assert payload["id"] == "evt-7f3a9c"
    assert payload["title"] == "غارة على قيادة داعش في سوريا"
    assert payload["published"] == "2026-11-23T21:04:00Z"
    assert payload["rules"] == ["isis-leader-killed", "raid-in-syria"]


def test_raw_secret_is_used_as_its_utf8_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "correct horse battery staple")
    channel = webhook_channel("http://127.0.0.1:9/hook", secret_env=SECRET_ENV)
    headers, body = webhook_request(channel, sample_alert(), "dlv-202", timestamp=int(time.time()))
    Webhook(b"correct horse battery staple").verify(body, headers)


def test_no_secret_means_no_signature_header() -> None:
    channel = webhook_channel("http://127.0.0.1:9/hook")
    headers, _ = webhook_request(channel, sample_alert(), "dlv-203", timestamp=1)
    assert "webhook-signature" not in headers
    assert headers["webhook-id"] == "dlv-203"


def test_missing_secret_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    channel = webhook_channel("http://127.0.0.1:9/hook", secret_env=SECRET_ENV)
    with pytest.raises(DeliveryError, match=SECRET_ENV):
        webhook_request(channel, sample_alert(), "dlv-204", timestamp=1)


def test_broken_whsec_secret_is_reported_without_its_value(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = "whsec_not*base64!value"
    monkeypatch.setenv(SECRET_ENV, broken)
    channel = webhook_channel("http://127.0.0.1:9/hook", secret_env=SECRET_ENV)
    with pytest.raises(DeliveryError) as caught:
        webhook_request(channel, sample_alert(), "dlv-205", timestamp=1)
    assert SECRET_ENV in str(caught.value)
    assert "not*base64" not in str(caught.value)


async def test_failures_then_success_deliver_once_with_one_webhook_id(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, SPEC_SECRET)
    answers = [Answer(500, body=b"database down"), Answer(500), Answer(200)]
    alert = sample_alert(title="مقتل زعيم داعش")
    async with webhook_receiver(answers, secret=SPEC_SECRET) as receiver:
        channel = webhook_channel(receiver.url, secret_env=SECRET_ENV)
        for attempt in (1, 2):
            with pytest.raises(DeliveryError) as caught:
                await send_webhook(client, channel, alert, "dlv-206")
            assert not caught.value.permanent, f"attempt {attempt}"
            assert "500" in str(caught.value)
        await send_webhook(client, channel, alert, "dlv-206")

    assert [r.answered for r in receiver.received] == [500, 500, 200]
    assert all(r.signature_ok for r in receiver.received)
    assert {r.headers["webhook-id"] for r in receiver.received} == {"dlv-206"}
    assert len(receiver.accepted) == 1
    assert json.loads(receiver.accepted[0].body)["title"] == "مقتل زعيم داعش"


async def test_gone_is_permanent(client: httpx.AsyncClient) -> None:
    async with webhook_receiver([Answer(410)]) as receiver:
        with pytest.raises(DeliveryError) as caught:
            await send_webhook(client, webhook_channel(receiver.url), sample_alert(), "dlv-207")
    assert caught.value.permanent
    assert "410" in str(caught.value)


async def test_other_client_errors_are_retried(client: httpx.AsyncClient) -> None:
    async with webhook_receiver([Answer(404)]) as receiver:
        with pytest.raises(DeliveryError) as caught:
            await send_webhook(client, webhook_channel(receiver.url), sample_alert(), "dlv-208")
    assert not caught.value.permanent


async def test_retry_after_is_passed_on(client: httpx.AsyncClient) -> None:
    answers = [
        Answer(429, headers={"Retry-After": "120"}),
        Answer(503, headers={"Retry-After": "x"}),
    ]
    async with webhook_receiver(answers) as receiver:
        channel = webhook_channel(receiver.url)
        with pytest.raises(DeliveryError) as caught:
            await send_webhook(client, channel, sample_alert(), "dlv-209")
        assert caught.value.retry_after == 120
        with pytest.raises(DeliveryError) as caught:
            await send_webhook(client, channel, sample_alert(), "dlv-209")
        assert caught.value.retry_after is None


def test_retry_after_accepts_an_http_date() -> None:
    now = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(minutes=10), usegmt=True)
    assert parse_retry_after(later, now=now.timestamp()) == 600
    earlier = format_datetime(now - timedelta(minutes=10), usegmt=True)
    assert parse_retry_after(earlier, now=now.timestamp()) == 0
    assert parse_retry_after(None) is None


async def test_redirect_to_another_host_is_not_followed(client: httpx.AsyncClient) -> None:
    async with webhook_receiver() as elsewhere:
        answers = [Answer(307, headers={"Location": elsewhere.url})]
        async with webhook_receiver(answers) as receiver:
            with pytest.raises(DeliveryError) as caught:
                await send_webhook(client, webhook_channel(receiver.url), sample_alert(), "dlv-210")
    assert "307" in str(caught.value) and "not followed" in str(caught.value)
    assert elsewhere.received == []


async def test_a_receiver_that_never_answers_times_out(client: httpx.AsyncClient) -> None:
    async with webhook_receiver([Answer(200, delay=3)]) as receiver:
        channel = webhook_channel(receiver.url, timeout=0.3)
        started = time.monotonic()
        with pytest.raises(DeliveryError, match=r"no answer within 0\.3s"):
            await send_webhook(client, channel, sample_alert(), "dlv-211")
        assert time.monotonic() - started < 2


async def test_connection_refused(client: httpx.AsyncClient) -> None:
    async with webhook_receiver() as receiver:
        url = receiver.url
    # the receiver is closed: nothing listens on its port now
    with pytest.raises(DeliveryError, match=r"connection refused|cannot connect") as caught:
        await send_webhook(client, webhook_channel(url), sample_alert(), "dlv-212")
    assert not caught.value.permanent


async def test_errors_never_show_the_secret_or_the_url_path(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, SPEC_SECRET)
    # a careless receiver echoes what it was configured with into its error page
    answers = [Answer(500, body=f"bad secret {SPEC_SECRET}".encode())]
    async with webhook_receiver(answers) as receiver:
        channel = webhook_channel(receiver.url + "?token=hunter2", secret_env=SECRET_ENV)
        with pytest.raises(DeliveryError) as caught:
            await send_webhook(client, channel, sample_alert(), "dlv-213")
    message = str(caught.value)
    assert "500" in message
    assert SPEC_SECRET not in message and "hunter2" not in message and "/hook" not in message


async def test_a_dropped_connection_error_hides_the_url_path(client: httpx.AsyncClient) -> None:
    async with webhook_receiver([Answer(200)]) as receiver:
        channel = webhook_channel(receiver.url + "?token=hunter2")
        await send_webhook(client, channel, sample_alert(), "dlv-215")
    # the receiver went away; the client may still hold a pooled connection to it
    with pytest.raises(DeliveryError) as caught:
        await send_webhook(client, channel, sample_alert(), "dlv-215")
    assert "hunter2" not in str(caught.value) and "/hook" not in str(caught.value)
    assert "no answer within" not in str(caught.value)  # it failed at once, it did not time out


async def test_a_huge_error_page_is_only_glanced_at(client: httpx.AsyncClient) -> None:
    answers = [Answer(502, body=b"x" * 5_000_000)]
    async with webhook_receiver(answers) as receiver:
        with pytest.raises(DeliveryError) as caught:
            await send_webhook(client, webhook_channel(receiver.url), sample_alert(), "dlv-214")
    assert "502" in str(caught.value)
    assert len(str(caught.value)) < 400


def test_retry_schedule_follows_standard_webhooks() -> None:
    schedule = [0, 5, 300, 1800, 7200, 18000, 36000, 36000, 36000]
    rng = random.Random(7)
    for attempt, base in enumerate(schedule):
        for _ in range(50):
            delay = retry_delay(attempt, rng)
            assert base * 0.8 <= delay <= base * 1.2, (attempt, delay)
    # jitter actually spreads retries out
    assert len({round(retry_delay(3, rng), 3) for _ in range(20)}) > 10
    # the same seed gives the same delays
    assert retry_delay(4, random.Random(1)) == retry_delay(4, random.Random(1))

"""Malformed Slack HTTP bodies against the real slack-bolt stack: 401 unsigned, 400 signed, one log line."""
from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from bot.models import Reply
from tests.test_slack import SIGNING_SECRET, add_test_command, adapters, command_body, fake  # noqa: F401

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

# (name, raw body, content type): bodies an attacker or a broken proxy could send.
MALFORMED = [
    ("payload_brace", b"payload=%7B", FORM),
    ("payload_null", b"payload=null", FORM),
    ("payload_list", b"payload=%5B1%2C2%5D", FORM),
    ("payload_string", b"payload=%22x%22", FORM),
    ("bad_utf8_form", b"command=%2Fprobe&text=\xff\xfe\xfd", FORM),
    ("bad_utf8_json", b'{"type": "event_callback", "x": "\xff"}', JSON),
    ("json_null", b"null", JSON),
    ("json_list", b"[1, 2, 3]", JSON),
    ("json_broken", b'{"type": ', JSON),
    ("form_sent_as_json", b"command=%2Fprobe&text=hello&user_id=U2", JSON),
    ("json_event_not_object", b'{"type": "event_callback", "event": "x", "team_id": 5}', JSON),
]


def _headers(body: bytes, signed: bool, timestamp: str | None = None) -> dict[str, str]:
    ts = timestamp or str(int(time.time()))
    if not signed:
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + "0" * 64}
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=ts, body=body.decode("latin-1"))
    if body.isascii():
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
    # slack_sdk decodes bytes as UTF-8 to sign; sign the bytes exactly as Slack would (HMAC over the raw body).
    import hashlib
    import hmac

    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


async def _raw_post(port: int, body: bytes, content_type: str, headers: dict[str, str]) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"http://127.0.0.1:{port}/slack/events", data=body,
                                headers={**headers, "Content-Type": content_type}) as response:
            return response.status, await response.text()


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
async def test_malformed_bodies_get_401_or_400_with_one_log_line_and_no_traceback(app, fake, adapters, caplog,
                                                                                  signed):
    seen = add_test_command(app, "probe", Reply(title="should not run"))
    adapter = await adapters(app)
    statuses = {}
    for name, body, content_type in MALFORMED:
        caplog.clear()
        with caplog.at_level(logging.DEBUG):
            statuses[name], text = await _raw_post(adapter.http_port, body, content_type, _headers(body, signed))
        assert len(text) < 100, name  # a short answer, never a traceback page
        refusals = [r for r in caplog.records if "refused" in r.getMessage()]
        assert len(refusals) == 1, (name, [r.getMessage() for r in caplog.records])
        assert not any(r.exc_info for r in caplog.records), name
        assert all(r.levelno < logging.ERROR for r in caplog.records), name
    expected = 400 if signed else 401
    assert statuses == {name: expected for name, _, _ in MALFORMED}
    await asyncio.sleep(0.2)
    assert seen == [] and fake.calls == []


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "-5", "١٢٣"])
async def test_timestamp_that_is_not_a_number_is_401(app, fake, adapters, caplog, timestamp):
    adapter = await adapters(app)
    body = command_body(fake, "/troops").encode()
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=" + "1" * 64}
    with caplog.at_level(logging.DEBUG):
        status, _ = await _raw_post(adapter.http_port, body, FORM, headers)
    assert status == 401
    assert not any(r.exc_info for r in caplog.records)


async def test_well_formed_signed_command_still_goes_through_the_guard(app, fake, adapters):
    adapter = await adapters(app)
    body = command_body(fake, "/troops").encode()
    status, _ = await _raw_post(adapter.http_port, body, FORM, _headers(body, signed=True))
    assert status == 200
    await fake.wait_for(lambda: fake.of("respond"))

"""HTTP mode: refuse unsigned, stale or oversized requests before bolt parses them."""
from __future__ import annotations

import hashlib
import hmac
import logging
import time
from typing import Any, Awaitable, Callable, Mapping

from aiohttp import web
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)


SIGNATURE_MAX_AGE = 60 * 5  # seconds a signed request stays valid (Slack's and slack_sdk's figure)


def _refusal(request: web.Request, status: int, why: str) -> web.Response:
    """One log line (no body, no traceback: the body is the attacker's) and a short plain answer."""
    log.warning("Slack HTTP request refused with %d: %s (from %s)", status, why, request.remote)
    return web.Response(status=status, text="unauthorized" if status == 401 else "bad request")


def check_request(body: bytes, headers: Mapping[str, str], secret: str) -> tuple[int, str] | None:
    """(status, why) when a request must not reach bolt, None when it may.

    Authentication comes first, so anything unsigned, forged, replayed or with a
    timestamp that is not a number is a 401 whatever its body; a correctly signed
    body that bolt could not parse into an object is a 400. bolt itself parses the
    body before it checks the signature and answers a parse error with a 500.
    """
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not timestamp.isascii() or not timestamp.isdigit() or not signature:
        return 401, "missing or malformed signature headers"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        # slack_sdk's verifier decodes the body as UTF-8 first and raises on anything else;
        # the signature is an HMAC over the raw bytes, so check those bytes by hand.
        expected = "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body,
                                    hashlib.sha256).hexdigest()
        fresh = abs(time.time() - int(timestamp)) <= SIGNATURE_MAX_AGE
        if not (fresh and hmac.compare_digest(expected, signature)):
            return 401, "bad signature or stale timestamp"
        return 400, "body is not UTF-8"
    if not SignatureVerifier(secret).is_valid(body=text, timestamp=timestamp, signature=signature):
        return 401, "bad signature or stale timestamp"
    try:
        parsed = AsyncBoltRequest(body=text, headers={k: v for k, v in headers.items()})
    except Exception as exc:  # noqa: BLE001 - whatever bolt trips over, the body is at fault: 400, not 500
        return 400, f"body bolt cannot parse ({type(exc).__name__})"
    if not isinstance(parsed.body, dict):
        return 400, f"body is JSON {type(parsed.body).__name__}, not an object"
    # Objects bolt's listeners index into without checking: a string here would fail in a listener (500).
    for key in ("event", "view", "message", "container"):
        if key in parsed.body and not isinstance(parsed.body[key], dict):
            return 400, f"{key} is not an object"
    authorizations = parsed.body.get("authorizations", [])
    if not isinstance(authorizations, list) or not all(isinstance(a, dict) for a in authorizations):
        return 400, "authorizations is not a list of objects"
    return None


def request_guard(secret: str) -> Any:
    """An aiohttp middleware applying `check_request` to every POST before bolt's handler."""

    @web.middleware
    async def guard(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> Any:
        if request.method == "POST":
            body = await request.read()  # aiohttp keeps it, so bolt reads the same bytes again
            refusal = check_request(body, request.headers, secret)
            if refusal is not None:
                return _refusal(request, *refusal)
        return await handler(request)

    return guard

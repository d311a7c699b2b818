"""A local stand-in for Slack on 127.0.0.1: the Web API, upload URLs, response_urls and Socket Mode.

The real slack_sdk / slack-bolt stacks talk to it over HTTP and websockets
(`AsyncWebClient(base_url=fake.api_url)`); it answers in Slack's JSON shapes
and records everything it receives, in arrival order.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

BOT_USER_ID = "UBOT"
TEAM_ID = "T0FAKE"

# Block Kit limits, from docs.slack.dev/reference/block-kit (blocks and composition objects). Slack answers
# a message that breaks one with ok=false "invalid_blocks"; the fake does the same and records why.
BLOCKS_PER_MESSAGE = 50
TEXT_OBJECT_MAX = 3000  # any text object: section text, a context element
HEADER_TEXT_MAX = 150
SECTION_FIELDS_MAX, SECTION_FIELD_MAX = 10, 2000
CONTEXT_ELEMENTS_MAX = 10
BLOCK_ID_MAX = 255
IMAGE_ALT_MAX, IMAGE_URL_MAX = 2000, 3000
MESSAGE_TEXT_MAX = 40_000  # Slack truncates beyond this; a rendering that gets there is a bug
POSTING_METHODS = ("chat.postMessage", "chat.postEphemeral", "chat.update")


def _text_problem(where: str, text_object: Any, limit: int, plain_only: bool = False) -> list[str]:
    if not isinstance(text_object, dict) or text_object.get("type") not in ("plain_text", "mrkdwn"):
        return [f"{where}: not a text object"]
    if plain_only and text_object["type"] != "plain_text":
        return [f"{where}: must be plain_text"]
    text = text_object.get("text")
    if not isinstance(text, str) or not 1 <= len(text) <= limit:
        return [f"{where}: text of {len(text) if isinstance(text, str) else '?'} characters (1-{limit})"]
    return []


def block_kit_problems(message: dict[str, Any]) -> list[str]:
    """Every Block Kit limit a message breaks (empty when Slack would take it)."""
    problems: list[str] = []
    text = message.get("text")
    if isinstance(text, str) and len(text) > MESSAGE_TEXT_MAX:
        problems.append(f"text: {len(text)} characters (at most {MESSAGE_TEXT_MAX})")
    blocks = message.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if len(blocks) > BLOCKS_PER_MESSAGE:
        problems.append(f"{len(blocks)} blocks (at most {BLOCKS_PER_MESSAGE})")
    for number, block in enumerate(blocks):
        where = f"blocks[{number}]"
        if len(str(block.get("block_id", ""))) > BLOCK_ID_MAX:
            problems.append(f"{where}: block_id too long")
        kind = block.get("type")
        if kind == "header":
            problems += _text_problem(f"{where}.text", block.get("text"), HEADER_TEXT_MAX, plain_only=True)
        elif kind == "section":
            fields = block.get("fields") or []
            if "text" not in block and not fields:
                problems.append(f"{where}: a section needs text or fields")
            if "text" in block:
                problems += _text_problem(f"{where}.text", block["text"], TEXT_OBJECT_MAX)
            if len(fields) > SECTION_FIELDS_MAX:
                problems.append(f"{where}: {len(fields)} fields (at most {SECTION_FIELDS_MAX})")
            for index, item in enumerate(fields):
                problems += _text_problem(f"{where}.fields[{index}]", item, SECTION_FIELD_MAX)
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= CONTEXT_ELEMENTS_MAX:
                problems.append(f"{where}: {len(elements)} elements (1-{CONTEXT_ELEMENTS_MAX})")
            for index, element in enumerate(elements):
                if element.get("type") == "image":
                    if len(element.get("alt_text", "")) > IMAGE_ALT_MAX:
                        problems.append(f"{where}.elements[{index}]: alt_text too long")
                else:
                    problems += _text_problem(f"{where}.elements[{index}]", element, TEXT_OBJECT_MAX)
        elif kind == "image":
            if not 1 <= len(block.get("alt_text", "")) <= IMAGE_ALT_MAX:
                problems.append(f"{where}: alt_text of {len(block.get('alt_text', ''))} characters")
            if len(block.get("image_url", "")) > IMAGE_URL_MAX:
                problems.append(f"{where}: image_url too long")
        elif kind not in ("divider", "actions", "rich_text", "input", "file", "video", "markdown"):
            problems.append(f"{where}: unknown block type {kind!r}")
    return problems


@dataclass
class Call:
    """One request the fake received."""

    kind: str  # "api", "upload", "respond", "ack"
    name: str  # API method, file id, response_url name, envelope id
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    at: float = field(default_factory=time.monotonic)

    @property
    def blocks(self) -> list[dict[str, Any]]:
        """Block Kit blocks, whether sent as JSON or as a form field holding JSON."""
        blocks = self.params.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else blocks


@dataclass
class Failure:
    """A programmed answer: HTTP status, Slack error code, Retry-After seconds."""

    status: int = 200
    error: str = "internal_error"
    retry_after: int | None = None


class FakeSlack:
    """Start with `await fake.start()`; point clients at `fake.api_url`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.violations: list[str] = []  # Block Kit limits broken by messages we refused, with where
        self.failures: dict[str, deque[Failure]] = defaultdict(deque)
        self.sockets: list[web.WebSocketResponse] = []
        self._ts = itertools.count(1)
        self._files = itertools.count(1)
        self.shared: dict[str, bytes] = {}  # files users "uploaded", served at url_private_download
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.add_routes([
            web.post("/api/{method}", self._api),
            web.get("/api/{method}", self._api),
            web.post("/upload/{file_id}", self._upload),
            web.post("/respond/{name}", self._respond),
            web.get("/files/{file_id}", self._download),
            web.get("/link/", self._websocket),
        ])
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for socket in list(self.sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.base}/respond/{name}"

    # ---- programming and inspecting --------------------------------------------------------------
    def fail(self, method: str, *, status: int = 200, error: str = "internal_error",
             retry_after: int | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` (an API method or "respond") get this failure."""
        for _ in range(times):
            self.failures[method].append(Failure(status, error, retry_after))

    def api(self, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if c.kind == "api" and (method is None or c.name == method)]

    def of(self, kind: str) -> list[Call]:
        return [c for c in self.calls if c.kind == kind]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Poll until `predicate()` is truthy; its value is returned."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"fake Slack: condition not met within {timeout}s; calls: {self.summary()}")
            await asyncio.sleep(0.02)

    def summary(self) -> list[str]:
        return [f"{c.kind}:{c.name}" for c in self.calls]

    def share(self, name: str, data: bytes) -> dict[str, Any]:
        """A file a user uploads: the file object Slack puts in the message event's `files`."""
        file_id = f"FU{len(self.shared) + 1:04d}"
        self.shared[file_id] = data
        return {"id": file_id, "name": name, "title": name, "mimetype": "text/x-opml", "filetype": "xml",
                "size": len(data), "url_private": f"{self.base}/files/{file_id}",
                "url_private_download": f"{self.base}/files/{file_id}"}

    async def push(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope to every connected client."""
        for socket in self.sockets:
            await socket.send_str(json.dumps(envelope))

    # ---- handlers ----------------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> tuple[dict[str, Any], bytes]:
        body = await request.read()
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json" and body:
            params.update(json.loads(body))
        elif body and request.content_type in ("application/x-www-form-urlencoded", ""):
            params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        return params, body

    def _failure(self, name: str) -> web.Response | None:
        queue = self.failures.get(name)
        if not queue:
            return None
        failure = queue.popleft()
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
        return web.json_response({"ok": False, "error": failure.error}, status=failure.status, headers=headers)

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, body = await self._params(request)
        self.calls.append(Call("api", method, params, dict(request.headers), body))
        failure = self._failure(method)
        if failure is not None:
            return failure
        if method in POSTING_METHODS:
            refusal = self._check_blocks(method, params)
            if refusal is not None:
                return web.json_response(refusal)
        return web.json_response(self._answer(method, params))

    def _check_blocks(self, name: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """Slack's answer to a message over a Block Kit limit (None when within them)."""
        problems = block_kit_problems(params)
        if not problems:
            return None
        self.violations.extend(f"{name}: {problem}" for problem in problems)
        return {"ok": False, "error": "invalid_blocks", "errors": problems}

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Slack's success shapes, as much of them as slack_sdk and bolt read."""
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.test/", "team": "Fake", "user": "briefbot",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": "BFAKE", "is_enterprise_install": False}
        if method == "chat.postMessage":
            ts = f"{1700000000 + next(self._ts)}.000100"
            return {"ok": True, "channel": params.get("channel"), "ts": ts,
                    "message": {"type": "message", "text": params.get("text", ""), "ts": ts,
                                "user": BOT_USER_ID, "bot_id": "BFAKE"}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{1700000000 + next(self._ts)}.000200"}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._files):04d}"
            return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = json.loads(params.get("files", "[]")) if isinstance(params.get("files"), str) else params.get("files", [])
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/link/?ticket=fake-ticket"}
        return {"ok": True}

    async def _upload(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.calls.append(Call("upload", request.match_info["file_id"], {}, dict(request.headers), body))
        return web.Response(text=f"OK - {len(body)}")

    async def _download(self, request: web.Request) -> web.Response:
        """A shared file, for the bot token only (Slack answers others with a login page)."""
        file_id = request.match_info["file_id"]
        self.calls.append(Call("download", file_id, {}, dict(request.headers)))
        if not request.headers.get("Authorization", "").startswith("Bearer xoxb-") or file_id not in self.shared:
            return web.Response(status=404, text="not found")
        return web.Response(body=self.shared[file_id], content_type="application/octet-stream")

    async def _respond(self, request: web.Request) -> web.Response:
        params, body = await self._params(request)
        self.calls.append(Call("respond", request.match_info["name"], params, dict(request.headers), body))
        failure = self._failure("respond")
        if failure is not None:
            return failure
        refusal = self._check_blocks("respond", params)
        if refusal is not None:  # a response_url answers 400 with the error as plain text
            return web.Response(status=400, text="invalid_blocks")
        return web.Response(text="ok")

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: say hello, then record every ack the client sends back."""
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self.sockets.append(socket)
        await socket.send_str(json.dumps({"type": "hello", "num_connections": 1,
                                          "debug_info": {"host": "fake"}, "connection_info": {"app_id": "AFAKE"}}))
        try:
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                data = json.loads(message.data)
                self.calls.append(Call("ack", data.get("envelope_id", ""), data, {}, message.data.encode()))
        finally:
            self.sockets.remove(socket)
        return socket

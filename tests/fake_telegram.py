"""A small fake of the Telegram Bot API on 127.0.0.1, shaped like the real JSON.

The real python-telegram-bot stack talks to it through `base_url`. It answers the methods the
adapter uses, long-polls getUpdates (offset and timeout honoured), records every call, and can
be told to fail the next calls of a method (429 with retry_after, 403, 400, ...).
"""
from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from html.parser import HTMLParser

from aiohttp import web

# Parameters PTB sends as plain strings; everything else arrives JSON-encoded in form data.
_STRING_PARAMS = {"text", "caption", "parse_mode", "url", "secret_token", "language_code", "chat_id",
                  "ip_address"}


# Telegram's limits (core.telegram.org/bots/api#sendmessage, #formatting-options): the text after
# entity parsing, in UTF-16 code units; only these tags in HTML mode; only these named entities.
TEXT_MAX, CAPTION_MAX = 4096, 1024
HTML_TAGS = {"b": (), "strong": (), "i": (), "em": (), "u": (), "ins": (), "s": (), "strike": (), "del": (),
             "tg-spoiler": (), "span": ("class",), "a": ("href",), "code": ("class",), "pre": (),
             "blockquote": ("expandable",), "tg-emoji": ("emoji-id",)}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class EntityError(ValueError):
    """The text Telegram would refuse with "Bad Request: can't parse entities: ..."."""


class _TelegramHTML(HTMLParser):
    """Telegram's HTML parse mode, as strict as the server: tags, attributes, nesting, entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            raise EntityError(f'Unsupported start tag "{tag}"')
        for name, value in attrs:
            if name not in HTML_TAGS[tag]:
                raise EntityError(f'Unsupported attribute "{name}" in tag "{tag}"')
            if tag == "a" and not (value or "").startswith(("http://", "https://", "tg://", "mailto:")):
                raise EntityError(f"Wrong HTTP URL {value!r}")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise EntityError(f'Unmatched end tag "{tag}"')
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            raise EntityError("Unexpected < or > in text: escape it as &lt; or &gt;")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            raise EntityError(f'Unsupported HTML entity "&{name};"')
        self.text.append(NAMED_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        self.text.append(chr(int(name[1:], 16) if name[:1] in "xX" else int(name)))

    def unknown_decl(self, data: str) -> None:
        raise EntityError("Unsupported declaration")

    handle_decl = handle_pi = handle_comment = unknown_decl  # type: ignore[assignment]


def visible_text(text: str, parse_mode: str | None) -> str:
    """What Telegram would show: the text after entity parsing (EntityError when it cannot parse)."""
    if (parse_mode or "").upper() != "HTML":
        return text
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.rawdata:  # HTMLParser keeps an unfinished "<tag" or "&name" here
        raise EntityError(f"Unfinished tag or entity at the end: {parser.rawdata[:20]!r}")
    if parser.open:
        raise EntityError(f"Can't find end tag corresponding to start tag '{parser.open[-1]}'")
    return "".join(parser.text)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


@dataclass
class Failure:
    status: int
    description: str
    parameters: dict[str, Any] | None = None


class FakeTelegram:
    """The fake server. `await start()` gives the base URL ("http://127.0.0.1:PORT/bot")."""

    def __init__(self, token: str = "123456:TEST-token-abcdefghijklmnop", username: str = "OurBot",
                 bot_id: int = 777000) -> None:
        self.token = token
        self.bot = {"id": bot_id, "is_bot": True, "first_name": "Brief Bot", "username": username,
                    "can_join_groups": True, "can_read_all_group_messages": False,
                    "supports_inline_queries": False}
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.failures: dict[str, list[Failure]] = {}
        self.chat_members: dict[tuple[int, int], str] = {}  # (chat, user) -> status
        self.chats: dict[int, dict[str, Any]] = {}
        self.violations: list[str] = []  # texts Telegram would have refused, with why
        self.files: dict[str, bytes] = {}  # documents users sent, by file_id, served under /file/bot<token>/
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.port = 0

    # ---- server -------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        app.router.add_get("/file/bot{token}/documents/{file_id}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.base_url

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def stop(self) -> None:
        self._closing = True
        self._new_update.set()  # release a pending long poll
        if self._runner is not None:
            await self._runner.cleanup()

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = dict(request.query)
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = value.file.read()
                else:
                    params[key] = value
        for key, value in list(params.items()):
            if isinstance(value, str) and key not in _STRING_PARAMS:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    pass
        return params, files

    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        try:
            params, files = await self._params(request)
        except ConnectionError:  # the client went away mid-request (a poll cancelled at shutdown)
            return web.Response(status=499)
        self.calls.append(Call(method, params, files))
        self._new_call.set()
        queued = self.failures.get(method)
        if queued:
            failure = queued.pop(0)
            return self._error(failure.status, failure.description, failure.parameters)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._error(404, "Not Found")
        refusal = self._check_text(method, params)
        if refusal is not None:
            self.violations.append(f"{method}: {refusal}")
            return self._error(400, f"Bad Request: {refusal}")
        result = handler(params, files)
        if asyncio.iscoroutine(result):
            result = await result
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(status: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=status)

    # ---- methods -------------------------------------------------------------------------
    def _m_getMe(self, params: dict, files: dict) -> dict:
        return self.bot

    def _m_deleteWebhook(self, params: dict, files: dict) -> bool:
        return True

    def _m_setWebhook(self, params: dict, files: dict) -> bool:
        return True

    def _m_setMyCommands(self, params: dict, files: dict) -> bool:
        return True

    def _m_getChatMember(self, params: dict, files: dict) -> dict:
        chat, user = int(params["chat_id"]), int(params["user_id"])
        status = self.chat_members.get((chat, user), "member")
        member: dict[str, Any] = {"status": status, "user": self._user(user)}
        if status == "administrator":
            member.update({k: True for k in (
                "can_be_edited", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
                "can_post_stories", "can_edit_stories", "can_delete_stories")})
            member["is_anonymous"] = False
        elif status == "creator":
            member["is_anonymous"] = False
        return member

    async def _m_getUpdates(self, params: dict, files: dict) -> list:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        if offset:  # confirming: updates below the offset are gone for good
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        while not self.updates and not self._closing and time.monotonic() < deadline:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                break
        return self.updates[:limit]

    @staticmethod
    def _check_text(method: str, params: dict) -> str | None:
        """Telegram's refusal of a message or caption over its limits, or None."""
        field_, limit = {"sendMessage": ("text", TEXT_MAX), "editMessageText": ("text", TEXT_MAX),
                         "sendPhoto": ("caption", CAPTION_MAX)}.get(method, (None, 0))
        if field_ is None or (field_ == "caption" and not params.get("caption")):
            return None
        try:
            shown = visible_text(str(params.get(field_, "")), params.get("parse_mode"))
        except EntityError as exc:
            return f"can't parse entities: {exc}"
        if field_ == "text" and not shown.strip():
            return "message text is empty"
        if utf16_units(shown) > limit:
            return "message is too long" if field_ == "text" else "message caption is too long"
        return None

    def _m_getFile(self, params: dict, files: dict) -> dict:
        file_id = params["file_id"]
        return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}"}

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        self.calls.append(Call("download", {"file_id": file_id}))
        if request.match_info["token"] != self.token or file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    def document(self, name: str, data: bytes) -> dict[str, Any]:
        """A document as it appears in a message; its bytes are then served by getFile."""
        file_id = f"doc{len(self.files) + 1}"
        self.files[file_id] = data
        return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_name": name,
                "mime_type": "text/x-opml", "file_size": len(data)}

    def _m_sendMessage(self, params: dict, files: dict) -> dict:
        return self._sent(params, {"text": params["text"]})

    def _m_sendPhoto(self, params: dict, files: dict) -> dict:
        extra: dict[str, Any] = {"photo": [{"file_id": "photo1", "file_unique_id": "u1", "width": 640,
                                            "height": 480, "file_size": len(files.get("photo", b""))}]}
        if params.get("caption"):
            extra["caption"] = params["caption"]
        return self._sent(params, extra)

    def _sent(self, params: dict, extra: dict) -> dict:
        chat_id = int(params["chat_id"])
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self.chats.get(chat_id, self._chat(chat_id)), "from": self.bot, **extra}
        if params.get("message_thread_id"):  # a forum topic: Telegram marks the sent message as in it
            message.update(message_thread_id=int(params["message_thread_id"]), is_topic_message=True)
        reply = params.get("reply_parameters")
        if isinstance(reply, dict) and "message_id" in reply:
            message["reply_to_message"] = {"message_id": reply["message_id"], "date": int(time.time()),
                                           "chat": message["chat"]}
        return message

    # ---- what tests use ------------------------------------------------------------------------
    @staticmethod
    def _user(user_id: int, language: str | None = "en") -> dict[str, Any]:
        user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "username": f"user{user_id}"}
        if language:
            user["language_code"] = language
        return user

    @staticmethod
    def _chat(chat_id: int, kind: str | None = None, title: str = "Test group") -> dict[str, Any]:
        kind = kind or ("private" if chat_id > 0 else "supergroup")
        chat: dict[str, Any] = {"id": chat_id, "type": kind}
        if kind == "private":
            chat["first_name"] = f"User{chat_id}"
        else:
            chat["title"] = title
        return chat

    @staticmethod
    def entities(text: str) -> list[dict[str, Any]]:
        """What Telegram adds: bot_command at the start, mention for each @username (UTF-16 offsets)."""
        found = []
        for match in re.finditer(r"(?:^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?)|(?:@[A-Za-z0-9_]{5,32})", text):
            kind = "bot_command" if match.group().startswith("/") else "mention"
            offset = len(text[: match.start()].encode("utf-16-le")) // 2
            length = len(match.group().encode("utf-16-le")) // 2
            found.append({"type": kind, "offset": offset, "length": length})
        return found

    def message_update(self, chat_id: int, text: str, user_id: int | None = None, *, chat_type: str | None = None,
                       reply_to_bot: bool = False, language: str | None = "en",
                       sender_chat: dict | None = None, topic: int | None = None,
                       document: dict | None = None, reply_to_document: dict | None = None) -> dict[str, Any]:
        """Queue a message (or channel post) as Telegram would deliver it; returns the update.

        `topic`: the message was posted in that forum topic (the chat becomes a forum supergroup).
        `document` (from `document()`): the message carries that file and `text` is its caption;
        `reply_to_document`: the message replies to an earlier one that carried that file.
        """
        chat = self._chat(chat_id, chat_type)
        if topic is not None:
            chat["is_forum"] = True
        self.chats[chat_id] = chat
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": chat, "text": text}
        if topic is not None:
            message.update(message_thread_id=topic, is_topic_message=True)
        entities = self.entities(text)
        if document is not None:  # a file with a caption: no text, the caption has the entities
            del message["text"]
            message["document"] = document
            if text:
                message["caption"] = text
                if entities:
                    message["caption_entities"] = entities
        elif entities:
            message["entities"] = entities
        if reply_to_document is not None:
            message["reply_to_message"] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                           "chat": chat, "document": reply_to_document,
                                           "from": self._user(user_id if user_id is not None else chat_id)}
        if chat["type"] != "channel":
            message["from"] = self._user(user_id if user_id is not None else chat_id, language)
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        if reply_to_bot:
            message["reply_to_message"] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                           "chat": chat, "from": self.bot, "text": "earlier answer"}
        update = {"update_id": next(self._update_ids),
                  "channel_post" if chat["type"] == "channel" else "message": message}
        self.updates.append(update)
        self._new_update.set()
        return update

    def fail(self, method: str, status: int, description: str, *, times: int = 1,
             retry_after: int | None = None, parameters: dict[str, Any] | None = None) -> None:
        """The next `times` calls of `method` fail like Telegram's error responses."""
        if retry_after is not None:
            parameters = {**(parameters or {}), "retry_after": retry_after}
        self.failures.setdefault(method, []).extend(Failure(status, description, parameters) for _ in range(times))

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait until `method` was called at least `count` times; returns those calls."""
        deadline = time.monotonic() + timeout
        while len(self.calls_of(method)) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{method} called {len(self.calls_of(method))} times, expected {count}: "
                                     f"{[c.method for c in self.calls]}")
            self._new_call.clear()
            try:
                await asyncio.wait_for(self._new_call.wait(), remaining)
            except asyncio.TimeoutError:
                pass
        return self.calls_of(method)

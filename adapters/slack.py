"""Slack: slash commands, mentions and DMs through slack-bolt's AsyncApp, in Socket Mode or HTTP mode.

The adapter only translates: a slash command, an `app_mention` or a direct
message becomes a `Request`; a `Reply` becomes Block Kit messages (and an
uploaded image). Everything else happens in `bot`.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import math
import re
import time
from collections import OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any, AsyncIterator, Awaitable, Callable, Iterable, Mapping
from urllib.parse import quote, urlsplit

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler, async_default_handlers
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.app import parse_message
from bot.i18n import t
from bot.ingest import canonical_url
from bot.models import ATTACHMENT_MAX_BYTES, Attachment, Image, Item, Reply, Request, SourceRef
from bot.platform import AppPort, ChatGone
from bot.settings import ConfigError

log = logging.getLogger(__name__)

PLATFORM = "slack"
EVENTS_PATH = "/slack/events"  # bolt's usual path, for commands and events alike
REQUIRED_ENV = "SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)"

# Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks)
HEADER_MAX = 150
SECTION_MAX = 3000
CONTEXT_ELEMENTS_MAX = 10
BLOCKS_MAX = 50
FALLBACK_MAX = 3000  # the notification text; Slack truncates message text beyond 40k, keep it short
LABEL_MAX = 300  # a source link's visible text
SIGNATURE_MAX_AGE = 60 * 5  # seconds a signed request stays valid (Slack's and slack_sdk's figure)
RESPONSE_URL_USES = 5  # a response_url takes at most five messages within 30 minutes

# Errors after which a channel will not take our messages any more.
GONE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived", "account_inactive"})

BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "files:read", "files:write", "im:history",
              "mpim:history")
BOT_EVENTS = ("app_mention", "message.im", "message.mpim")

# Slash command styles: one namespaced command (Slack's convention, nothing to collide with other
# apps) or one slash command per registry command.
SINGLE, PER_COMMAND = "single", "per_command"
COMMAND_STYLES = (SINGLE, PER_COMMAND)
# Manifest limits (https://docs.slack.dev/reference/app-manifest): the command includes its "/".
SLASH_COMMAND_MAX = 32
SLASH_COMMANDS_MAX = 50
APP_NAME_MAX = 35
DISPLAY_NAME_MAX = 80
COMMAND_DESCRIPTION_MAX = 2000
USAGE_HINT_MAX = 1000
_SLASH_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DISPLAY_NAME = re.compile(r"^[a-z0-9._-]+$")

# Only these URLs become links; anything else ("!channel", "slack://", "javascript:") stays text.
LINK_SCHEMES = ("http", "https")
URL_SAFE_CHARS = ":/?#[]@!$&'()*+,;=%~"  # everything else (<, >, |, spaces, quotes) is percent-encoded
_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


# ---- configuration ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SlackConfig:
    """What the adapter needs to run; the secrets are kept out of repr so they never reach a log."""

    bot_token: str = field(repr=False)
    app_token: str = field(repr=False, default="")
    signing_secret: str = field(repr=False, default="")
    api_base_url: str = "https://slack.com/api/"
    http_host: str = "0.0.0.0"
    http_port: int = 3000
    send_interval: float = 1.0
    rate_limit_retries: int = 5
    command: str = "briefbot"  # the namespaced slash command, without "/"
    command_style: str = SINGLE

    @property
    def mode(self) -> str:
        """Socket Mode whenever an app-level token is present, else HTTP mode."""
        return "socket" if self.app_token else "http"


def _port(value: str | int, origin: str) -> int:
    try:
        port = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{origin} must be a port number (0-65535), got {value!r}") from None
    if not 0 <= port <= 65535:
        raise ConfigError(f"{origin} must be a port number (0-65535), got {port}")
    return port


def slash_settings(settings: Any) -> tuple[str, str]:
    """(command name, style) from [slack], checked against Slack's rules for a command name."""
    name, style = str(settings.get("slack.command")).strip().lstrip("/"), settings.get("slack.command_style")
    if style not in COMMAND_STYLES:
        raise ConfigError(f'slack.command_style must be "{SINGLE}" or "{PER_COMMAND}", got {style!r}')
    if not _SLASH_NAME.match(name) or len(name) + 1 > SLASH_COMMAND_MAX:
        raise ConfigError(f"slack.command must be 1-{SLASH_COMMAND_MAX - 1} of a-z 0-9 - _, got {name!r}")
    return name, style


def load_config(app: AppPort, env: Mapping[str, str]) -> SlackConfig | None:
    """Slack settings from config and env; None when the credentials for either mode are missing."""
    bot_token = env.get("SLACK_BOT_TOKEN", "").strip()
    app_token = env.get("SLACK_APP_TOKEN", "").strip()
    secret = env.get("SLACK_SIGNING_SECRET", "").strip()
    if not bot_token:
        if app_token or secret:
            log.warning("SLACK_BOT_TOKEN is not set, so the Slack adapter stays off")
        return None
    if not app_token and not secret:
        log.warning("SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor "
                    "SLACK_SIGNING_SECRET (HTTP mode): the Slack adapter stays off")
        return None
    # Prefix checks catch swapped variables early; the values themselves are never printed.
    if not bot_token.startswith("xoxb-"):
        log.warning("SLACK_BOT_TOKEN does not look like a bot token (xoxb-...)")
    if app_token and not app_token.startswith("xapp-"):
        log.warning("SLACK_APP_TOKEN does not look like an app-level token (xapp-...)")
    settings = app.settings
    base_url = env.get("SLACK_API_BASE_URL") or settings.get("slack.api_base_url")
    # slack_sdk joins method names onto the base URL, so it must end with a slash.
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    port_origin = "SLACK_HTTP_PORT" if env.get("SLACK_HTTP_PORT") else "slack.http_port"
    command, style = slash_settings(settings)
    return SlackConfig(
        bot_token=bot_token,
        app_token=app_token,
        signing_secret=secret,
        api_base_url=base_url,
        http_host=env.get("SLACK_HTTP_HOST") or settings.get("slack.http_host"),
        http_port=_port(env.get("SLACK_HTTP_PORT") or settings.get("slack.http_port"), port_origin),
        send_interval=float(settings.get("slack.send_interval")),
        rate_limit_retries=int(settings.get("slack.rate_limit_retries")),
        command=command,
        command_style=style,
    )


# ---- rendering: Reply -> Block Kit -------------------------------------------------------------
def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control sequences in mrkdwn."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape_incoming(text: str) -> str:
    """Slack sends user text with &, <, > escaped; the bot wants what the user typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_text(text: str, limit: int) -> list[str]:
    """Cut text into pieces of at most `limit`, at spaces where possible, never inside an &entity;."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
            amp = text.rfind("&", max(0, cut - 5), cut)
            if amp > 0 and ";" not in text[amp:cut]:
                cut = amp
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not pieces:
        pieces.append(text)
    return pieces


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for `<url|label>`, or None when it must not become a link."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return escape_mrkdwn(quote(url, safe=URL_SAFE_CHARS))


def source_link(ref: SourceRef) -> str:
    """One source as mrkdwn: a link when its URL is safe, escaped text otherwise.

    Always within one text object (SECTION_MAX): a URL too long for it (tracking
    parameters, session ids) is tried in its canonical form, else left out, since a
    cut URL would lead nowhere.
    """
    label = f"{ref.source}: {ref.title}" if ref.title else ref.source
    label = escape_mrkdwn(_clip(label, LABEL_MAX))
    url = safe_url(ref.url)
    if url and len(url) + len(label) + 3 > SECTION_MAX:
        url = safe_url(canonical_url(ref.url))
    if url and len(url) + len(label) + 3 > SECTION_MAX:
        url = None
    return f"<{url}|{label}>" if url else label


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text)}


def _contexts(texts: list[str]) -> list[dict[str, Any]]:
    """Context blocks hold at most ten elements each."""
    return [{"type": "context", "elements": [_mrkdwn(x) for x in texts[i:i + CONTEXT_ELEMENTS_MAX]]}
            for i in range(0, len(texts), CONTEXT_ELEMENTS_MAX)]


def _title_blocks(title: str) -> list[dict[str, Any]]:
    """A plain-text header; a title too long for it is repeated whole in a section."""
    header = {"type": "header", "text": {"type": "plain_text", "text": _clip(title, HEADER_MAX) or "…", "emoji": True}}
    if len(title) <= HEADER_MAX:
        return [header]
    return [header, *(_section(p) for p in split_text(escape_mrkdwn(title), SECTION_MAX))]


def item_blocks(number: int, item: Item) -> list[dict[str, Any]]:
    """One item: its text in sections (split at 3000), its sources as context links."""
    before, phrase, after = item.parts()  # the answer phrase, if any, in bold
    marked = (f"{escape_mrkdwn(before)}*{escape_mrkdwn(phrase)}*{escape_mrkdwn(after)}" if phrase
              else escape_mrkdwn(item.text))
    text = f"*{number}.* {marked}"
    blocks = [_section(piece) for piece in split_text(text, SECTION_MAX)]
    blocks.extend(_contexts([source_link(ref) for ref in item.sources]))
    return blocks


def _pack(groups: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Fill messages of at most 50 blocks, starting a new one at a group (item) boundary."""
    messages: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    for group in groups:
        if current and len(current) + len(group) > BLOCKS_MAX:
            messages.append(current)
            current = []
        for block in group:  # only an item bigger than a whole message is cut between blocks
            if len(current) == BLOCKS_MAX:
                messages.append(current)
                current = []
            current.append(block)
    if current:
        messages.append(current)
    return messages


def _fallback_text(blocks: list[dict[str, Any]]) -> str:
    """The plain `text` every message carries for notifications and old clients (already escaped)."""
    lines: list[str] = []
    for block in blocks:
        if block["type"] == "header":
            lines.append(escape_mrkdwn(block["text"]["text"]))
        elif block["type"] == "section":
            lines.append(block["text"]["text"])
        elif block["type"] == "context":
            lines.append(" · ".join(element["text"] for element in block["elements"]))
    text = "\n".join(lines)
    # split_text, not a plain cut: an "&amp;" cut in half would show as "&am".
    return text if len(text) <= FALLBACK_MAX else split_text(text, FALLBACK_MAX - 1)[0] + "…"


def namespace_commands(reply: Reply, names: Iterable[str], command: str) -> Reply:
    """The reply with "/troops" written "/briefbot troops" wherever it names one of our commands.

    The bot words its replies with bare command names (as Telegram and the console take
    them); with a single namespaced command that is what a Slack user has to type instead.
    """
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    if not alternatives:
        return reply
    # Not after a letter, digit or "/" (URLs, dates), and only whole names ("/troopsx" stays).
    pattern = re.compile(rf"(?<![\w/])/({alternatives})(?![\w-])", re.I)

    def fix(text: str | None) -> str | None:
        return pattern.sub(lambda m: f"/{command} {m.group(1)}", text) if text else text

    items = [replace(item, text=fix(item.text) or "") for item in reply.items]
    return replace(reply, title=fix(reply.title) or "", items=items, footer=fix(reply.footer))


def render_messages(reply: Reply) -> list[dict[str, Any]]:
    """The Reply as one or more Slack messages: {"text": fallback, "blocks": [...]}."""
    groups = [_title_blocks(reply.title)]
    groups.extend(item_blocks(number, item) for number, item in enumerate(reply.items, 1))
    if reply.footer:
        groups.append(_contexts(split_text(escape_mrkdwn(reply.footer), SECTION_MAX)))
    return [{"text": _fallback_text(blocks), "blocks": blocks} for blocks in _pack(groups)]


# ---- sending -----------------------------------------------------------------------------------
class ChannelPacer:
    """chat.postMessage allows about one message a second per channel: wait our turn instead of a 429."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @asynccontextmanager
    async def turn(self, channel: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:
            wait = self._last.get(channel, -math.inf) + self.interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                self._last[channel] = time.monotonic()


@dataclass
class Target:
    """Where a reply goes: a channel, maybe a thread, maybe a slash command's response_url."""

    channel: str
    user: str | None = None
    thread_ts: str | None = None
    response_url: str | None = None
    responses: int = 0  # response_url uses so far
    asked: str | None = None  # the command asked for, even an unknown one: replies name it back

    @property
    def is_dm(self) -> bool:
        return self.channel.startswith("D")


class ResponseUrlError(RuntimeError):
    """A response_url refused our message."""


def _retry_handlers(rate_limit_retries: int) -> list[AsyncRetryHandler]:
    """slack_sdk's defaults (connection errors) plus waiting out 429 Retry-After, so nothing is lost."""
    return [*async_default_handlers(), AsyncRateLimitErrorRetryHandler(max_retry_count=rate_limit_retries)]


class _TokenFromEnvNotice(logging.Filter):
    """Drop one misleading bolt warning.

    AsyncApp reads SLACK_BOT_TOKEN from the environment on its own and then warns
    that the token "will be unused" because `client` wins; the client carries
    that very token, so the warning would only alarm operators.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


_QUIET_BOLT = _TokenFromEnvNotice()


def _slack_error(exc: SlackApiError) -> str:
    return str(exc.response.get("error", "")) if exc.response is not None else ""


class SlackAdapter:
    """A running Slack connection: bolt listeners in, Block Kit out."""

    platform = PLATFORM

    def __init__(self, app: AppPort, config: SlackConfig) -> None:
        self.app = app
        self.config = config
        self.client = AsyncWebClient(token=config.bot_token, base_url=config.api_base_url,
                                     retry_handlers=_retry_handlers(config.rate_limit_retries))
        # The token lives on the client only: bolt ignores `token=` when `client=` is given.
        logging.getLogger("slack_bolt.AsyncApp").addFilter(_QUIET_BOLT)  # idempotent: same filter object
        self.bolt = AsyncApp(
            name=app.settings.get("bot.name"),
            signing_secret=config.signing_secret,
            client=self.client,
            request_verification_enabled=config.mode == "http",
        )
        self.pacer = ChannelPacer(config.send_interval)
        self._answered: OrderedDict[tuple[str, str], None] = OrderedDict()  # (channel, ts) of recent questions
        self._socket: AsyncSocketModeHandler | None = None
        self._connecting: asyncio.Task[None] | None = None
        self._runner: web.AppRunner | None = None
        self._register_listeners()

    # ---- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> None:
        """Check the tokens, then connect the socket or open the HTTP endpoint."""
        await self._check_tokens()
        if self.config.mode == "socket":
            self._socket = AsyncSocketModeHandler(self.bolt, app_token=self.config.app_token)
            # slack_sdk keeps retrying until it is connected; in the background, so that a Slack
            # outage at boot does not hold up the other adapters.
            self._connecting = asyncio.create_task(self._connect_socket(self._socket))
        else:
            await self._start_http()

    async def connected(self) -> bool:
        """For the health endpoint: the Socket Mode websocket is open, or the HTTP endpoint is served."""
        if self.config.mode == "socket":
            return self._socket is not None and await self._socket.client.is_connected()
        return self._runner is not None

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # also ends a connect loop still retrying
            self._socket = None
        if self._connecting is not None:
            self._connecting.cancel()
            await asyncio.gather(self._connecting, return_exceptions=True)
            self._connecting = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _connect_socket(self, handler: AsyncSocketModeHandler) -> None:
        await handler.connect_async()
        log.info("Slack adapter connected in Socket Mode")

    async def _check_tokens(self) -> None:
        """A rejected token is a configuration error; an unreachable Slack is retried later."""
        app_token = self.config.app_token
        checks: list[tuple[str, Callable[[], Awaitable[Any]]]] = [("SLACK_BOT_TOKEN", self.client.auth_test)]
        if self.config.mode == "socket":  # the URL this hands out is simply left unused
            checks.append(("SLACK_APP_TOKEN", lambda: self.client.apps_connections_open(app_token=app_token)))
        for variable, call in checks:
            try:
                await call()
            except SlackApiError as exc:
                raise ConfigError(f"Slack rejected {variable} ({_slack_error(exc)})") from None
            except Exception as exc:  # network trouble at boot must not stop the other adapters
                log.warning("could not reach Slack to check %s (%s); carrying on", variable, type(exc).__name__)
                return

    async def _start_http(self) -> None:
        # bolt's own app.start() binds 0.0.0.0 and blocks; its aiohttp web_app lets us pick the address.
        web_app = self.bolt.web_app(path=EVENTS_PATH, port=self.config.http_port)
        web_app.middlewares.append(request_guard(self.config.signing_secret))
        self._runner = web.AppRunner(web_app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.http_host, self.config.http_port)
        await site.start()
        log.info("Slack adapter in HTTP mode on http://%s:%s%s", self.config.http_host, self.http_port, EVENTS_PATH)

    @property
    def http_port(self) -> int | None:
        """The bound port in HTTP mode (useful with port 0)."""
        if self._runner is None or not self._runner.addresses:
            return None
        return int(self._runner.addresses[0][1])

    # ---- incoming -----------------------------------------------------------------------------
    @property
    def single(self) -> bool:
        return self.config.command_style == SINGLE

    def _register_listeners(self) -> None:
        if self.single:
            self.bolt.command(f"/{self.config.command}")(self._on_command)
        else:
            for command in self.app.registry.on(PLATFORM):
                self.bolt.command(f"/{command.name}")(self._on_command)
        self.bolt.event("app_mention")(self._on_mention)
        self.bolt.event("message")(self._on_message)
        self.bolt.error(self._on_error)

    def _request(self, channel: str, user: str, command: str | None, args: str, kind: str | None = None) -> Request:
        return Request(
            platform=PLATFORM, chat=channel, user=user, is_admin=self.app.is_admin(f"{PLATFORM}:{user}"),
            command=command, args=args, chat_kind=kind or ("private" if channel.startswith("D") else "channel"),
        )

    def _split_command(self, text: str, lenient: bool = False) -> tuple[str | None, str]:
        """"troops", "/troops 3" or a question, as typed after /briefbot or a mention.

        A first word that names one of our commands is that command. With `lenient` (after the
        namespaced slash command) a lone word is taken as a command too, so a typo gets "did you
        mean"; anything longer is a question.
        """
        text = text.strip()
        if text.startswith("/"):
            return parse_message(text)
        words = text.split(None, 1)
        if not words:
            return None, ""
        known = self.app.registry.get(words[0])
        if (known is not None and known.serves(PLATFORM)) or (lenient and len(words) == 1
                                                               and re.fullmatch(r"[A-Za-z0-9_]{1,40}", words[0])):
            return words[0].lower(), words[1].strip() if len(words) > 1 else ""
        return None, text

    async def _on_command(self, ack: Any, command: dict[str, Any]) -> None:
        """A slash command: acknowledge at once (Slack gives up after 3 s), then answer."""
        await ack()
        channel, user = command.get("channel_id", ""), command.get("user_id", "")
        text = command.get("text", "") or ""
        if self.single:  # /briefbot troops 3: the first word is the command; nothing at all is /help
            name, args = self._split_command(text, lenient=True) if text.strip() else ("help", "")
        else:
            name, args = command.get("command", "").lstrip("/").lower(), text
        req = self._request(channel, user, name, args)
        await self._answer(req, Target(channel=channel, user=user, response_url=command.get("response_url")))

    async def _on_mention(self, event: dict[str, Any], context: Any) -> None:
        await self._on_text(event, context.bot_user_id)

    async def _on_message(self, event: dict[str, Any], context: Any) -> None:
        """Direct and group-direct messages; edits, joins and bot posts (ours too) carry a subtype or bot_id.

        In a group DM the bot answers only when mentioned, as in a channel: the people there are
        talking to each other.
        """
        kind = event.get("channel_type")
        # file_share: a file uploaded with a message (an OPML list for importopml) is still a message.
        if kind not in ("im", "mpim") or event.get("subtype") not in (None, "file_share") or event.get("bot_id"):
            return
        if kind == "mpim" and f"<@{context.bot_user_id}" not in (event.get("text") or ""):
            return
        await self._on_text(event, context.bot_user_id, "private" if kind == "im" else "group")

    def _first_time(self, channel: str, ts: str) -> bool:
        """A mention in a group DM may come as both app_mention and message.mpim: answer it once."""
        key = (channel, ts)
        if key in self._answered:
            return False
        self._answered[key] = None
        while len(self._answered) > 1000:
            self._answered.popitem(last=False)
        return True

    async def _on_text(self, event: dict[str, Any], bot_user_id: str | None, kind: str | None = None) -> None:
        """A mention or DM: a command ("troops", "/troops") or a free question, answered in its thread."""
        channel, user, ts = event.get("channel", ""), event.get("user", ""), event.get("ts", "")
        if ts and not self._first_time(channel, ts):
            return
        text = event.get("text", "") or ""
        if bot_user_id:
            text = _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), text)
        command, args = self._split_command(unescape_incoming(text))
        files = event.get("files") or []
        if files and command is None and not args and str(files[0].get("name", "")).lower().endswith(".opml"):
            command = "importopml"  # an OPML list dropped into a DM without a word: what else could it be for
        req = self._request(channel, user, command, args, kind)
        if files and self.app.registry.wants_file(command, req.principal, self.app.settings.admins()):
            req = replace(req, attachment=await self._download(files[0]))
        thread = event.get("thread_ts") or ts
        await self._answer(req, Target(channel=channel, user=user, thread_ts=thread))

    async def _download(self, file: dict[str, Any]) -> Attachment | None:
        """A file shared with a message, read with the bot token (files:read); nothing is read beyond
        ATTACHMENT_MAX_BYTES, and a file larger than that arrives empty with its size (refused as such)."""
        name, size = str(file.get("name") or "file"), int(file.get("size") or 0)
        url = file.get("url_private_download") or file.get("url_private")
        host = urlsplit(url or "").hostname or ""
        if not (host == urlsplit(self.config.api_base_url).hostname or host == "slack.com"
                or host.endswith(".slack.com")):
            url = None  # the bot token goes to Slack only, whatever an event claims
        if size > ATTACHMENT_MAX_BYTES or not url:
            return Attachment(name, b"", size) if url else None
        headers = {"Authorization": f"Bearer {self.config.bot_token}"}
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
                async with session.get(url, headers=headers) as response:
                    response.raise_for_status()
                    data = await response.content.read(ATTACHMENT_MAX_BYTES + 1)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            log.warning("could not download the shared file %s: %s", file.get("id"), type(exc).__name__)
            return None
        return Attachment(name, data, len(data))

    async def _answer(self, req: Request, target: Target) -> None:
        """Run the request and send the reply; any failure becomes an ephemeral apology."""
        target.asked = req.command
        try:
            reply = await self.app.handle_async(req)
            await self._send(reply, target)
        except Exception:
            log.exception("answering Slack %s in %s failed", f"/{req.command}" if req.command else "a question",
                          req.chat)
            await self._apologise(req, target)

    async def _apologise(self, req: Request, target: Target) -> None:
        try:
            lang = self.app.language(req)
        except Exception:
            lang = self.app.settings.get("bot.language")
        try:
            await self._send(Reply(title=t("apology", lang), ephemeral=True), target)
        except Exception:
            log.exception("could not send the apology either")

    async def _on_error(self, error: Exception) -> None:
        """Errors bolt itself catches; the request body is not logged (it carries ids and URLs)."""
        log.error("Slack listener error: %s: %s", type(error).__name__, error)

    # ---- outgoing -----------------------------------------------------------------------------
    async def deliver(self, chat: str, reply: Reply, thread: str | None = None) -> None:
        """A scheduled briefing into a channel, paced; ChatGone when the channel will not take it.

        `thread` is unused: Slack subscriptions belong to the channel, not to a thread in it."""
        try:
            await self._send(reply, Target(channel=chat), ephemeral=False)
        except SlackApiError as exc:
            error = _slack_error(exc)
            if error in GONE_ERRORS:
                raise ChatGone(f"slack:{chat}: {error}") from exc
            raise

    async def _send(self, reply: Reply, target: Target, ephemeral: bool | None = None) -> None:
        ephemeral = reply.ephemeral if ephemeral is None else ephemeral
        if self.single:
            names = [n for c in self.app.registry.on(PLATFORM) for n in (c.name, *c.aliases)]
            reply = namespace_commands(reply, [*names, *([target.asked] if target.asked else [])],
                                       self.config.command)
        for message in render_messages(reply):
            await self._post(message, target, ephemeral)
        if reply.image is not None and not ephemeral:
            await self._upload(reply.image, target)

    async def _post(self, message: dict[str, Any], target: Target, ephemeral: bool) -> None:
        """One message through the response_url while it lasts, else the Web API."""
        if target.response_url and target.responses < RESPONSE_URL_USES:
            target.responses += 1
            await self._respond(target.response_url,
                                {**message, "response_type": "ephemeral" if ephemeral else "in_channel"})
        elif ephemeral and target.user and not target.is_dm:
            await self.client.chat_postEphemeral(channel=target.channel, user=target.user,
                                                 thread_ts=target.thread_ts, **message)
        else:
            async with self.pacer.turn(target.channel):
                await self.client.chat_postMessage(channel=target.channel, thread_ts=target.thread_ts,
                                                   unfurl_links=False, unfurl_media=False, **message)

    async def _respond(self, response_url: str, body: dict[str, Any]) -> None:
        # bolt's `respond` builds a webhook client without retry handlers; this one waits out 429s too.
        webhook = AsyncWebhookClient(url=response_url, retry_handlers=_retry_handlers(self.config.rate_limit_retries))
        response = await webhook.send_dict(body)
        if response.status_code != 200:
            raise ResponseUrlError(f"response_url answered {response.status_code}: {response.body[:200]}")

    async def _upload(self, image: Image, target: Target) -> None:
        """The image into the conversation (or thread) with files_upload_v2, alt text as its title."""
        try:
            await self.client.files_upload_v2(
                channel=target.channel, thread_ts=target.thread_ts, file=image.png, filename="briefbot.png",
                title=_clip(image.alt, 250) or "briefbot", alt_txt=_clip(image.alt, 1000),
            )
        except SlackApiError as exc:
            if target.user is None:  # a scheduled delivery: the caller decides (ChatGone)
                raise
            # Someone asked, and the text already went out: a channel the bot is not in still got it.
            log.warning("could not upload the image to %s: %s", target.channel, _slack_error(exc))


# ---- HTTP mode: refuse bad requests before bolt parses them -------------------------------------
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


# ---- app manifest ------------------------------------------------------------------------------
class ManifestError(ConfigError):
    """The configuration would make a manifest Slack refuses; the message lists every problem."""


def display_name(name: str) -> str:
    """The bot user's display name: Slack allows only a-z 0-9 - _ . (so "Brief Bot" -> "brief-bot")."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9._-]", "-", name.strip().lower())).strip("-")[:DISPLAY_NAME_MAX]


def _slash_entry(command: str, description: str, usage: str, url: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"command": command, "description": _clip(description, COMMAND_DESCRIPTION_MAX),
                             "should_escape": False}
    if usage:
        entry["usage_hint"] = _clip(usage, USAGE_HINT_MAX)
    if url:
        entry["url"] = url
    return entry


def _request_url(http_url: str) -> str:
    """The events URL for HTTP mode: https only (Slack calls nothing else); a bare host gets /slack/events."""
    parts = urlsplit(http_url.strip())
    if parts.scheme != "https" or not parts.netloc:
        raise ManifestError(f"--http must be the public https:// URL Slack calls, got {http_url!r}")
    return http_url.strip() if parts.path not in ("", "/") else f"https://{parts.netloc}{EVENTS_PATH}"


def _slash_commands(app: AppPort, lang: str, url: str | None) -> list[dict[str, Any]]:
    command, style = slash_settings(app.settings)
    offered = app.registry.on(PLATFORM)
    if style == SINGLE:
        public = [c.name for c in offered if not c.admin]
        description = t("slack_command_summary", lang, commands=", ".join(public))
        return [_slash_entry(f"/{command}", description, "help | COMMAND [ARGUMENTS] | QUESTION", url)]
    return [_slash_entry(f"/{c.name}", c.help.get(lang) or c.help.get("en", c.name), c.usage, url) for c in offered]


def _problems(data: dict[str, Any]) -> list[str]:
    """What Slack would refuse in this manifest, each in one line."""
    problems = []
    commands = data["features"]["slash_commands"]
    if len(commands) > SLASH_COMMANDS_MAX:
        problems.append(f"{len(commands)} slash commands: Slack allows {SLASH_COMMANDS_MAX}; "
                        f'use slack.command_style = "{SINGLE}" or fewer topics')
    for entry in commands:
        if len(entry["command"]) > SLASH_COMMAND_MAX:
            problems.append(f"{entry['command']} is {len(entry['command'])} characters: Slack allows "
                            f'{SLASH_COMMAND_MAX} (with the "/"); rename the topic or use slack.command_style = '
                            f'"{SINGLE}"')
    name = data["display_information"]["name"]
    if not name or len(name) > APP_NAME_MAX:
        problems.append(f"bot.name must be 1-{APP_NAME_MAX} characters for the app name, got {name!r}")
    if not _DISPLAY_NAME.match(data["features"]["bot_user"]["display_name"]):
        problems.append(f"bot.name {name!r} leaves no display name of a-z 0-9 - _ .")
    return problems


def manifest_data(app: AppPort, http_url: str | None = None) -> dict[str, Any]:
    """The manifest as data: Socket Mode, or HTTP mode with every request URL set to `http_url`.

    Raises ManifestError naming each limit the configuration breaks.
    """
    lang = app.settings.get("bot.language")
    name = str(app.settings.get("bot.name")).strip()
    url = _request_url(http_url) if http_url else None
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    if url:
        events["request_url"] = url
    data = {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
            "description": "Sourced news briefings, figures and answers from Indonesian reporting",
        },
        "features": {
            "app_home": {"home_tab_enabled": False, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": False},
            "bot_user": {"display_name": display_name(name), "always_online": True},
            "slash_commands": _slash_commands(app, lang, url),
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": {"is_enabled": False},
            "org_deploy_enabled": False,
            "socket_mode_enabled": url is None,
            "token_rotation_enabled": False,
        },
    }
    problems = _problems(data)
    if problems:
        raise ManifestError("the Slack manifest would be refused:\n  " + "\n  ".join(problems))
    return data


def manifest(app: AppPort, http_url: str | None = None) -> str:
    """The Slack app manifest as JSON (Slack takes JSON or YAML) for `python -m bot slack-manifest`."""
    return json.dumps(manifest_data(app, http_url), ensure_ascii=False, indent=2)


# ---- entry point -------------------------------------------------------------------------------
def factory(app: AppPort, env: Mapping[str, str]) -> SlackAdapter | None:
    """The `slack` entry point: an adapter when Slack credentials are set, else None."""
    config = load_config(app, env)
    return SlackAdapter(app, config) if config is not None else None


factory.platform = PLATFORM  # type: ignore[attr-defined]
factory.required_env = REQUIRED_ENV  # type: ignore[attr-defined]
factory.manifest = manifest  # type: ignore[attr-defined]

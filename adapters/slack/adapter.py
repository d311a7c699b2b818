"""Slack: slash commands, mentions and DMs through slack-bolt's AsyncApp, in Socket Mode or HTTP mode.

The adapter only translates: a slash command, an `app_mention` or a direct
message becomes a `Request`; a `Reply` becomes Block Kit messages (and an
uploaded image). Everything else happens in `bot`.
"""
from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Awaitable, Callable, Mapping
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.config import EVENTS_PATH, PLATFORM, REQUIRED_ENV, SINGLE, SlackConfig, load_config
from adapters.slack.manifest import manifest
from adapters.slack.pacing import ChannelPacer, retry_handlers
from adapters.slack.render import clip, namespace_commands, render_messages, unescape_incoming
from adapters.slack.signing import request_guard
from bot.app import parse_message
from bot.i18n import t
from bot.models import ATTACHMENT_MAX_BYTES, Attachment, Image, Reply, Request
from bot.platform import AppPort, ChatGone
from bot.settings import ConfigError

log = logging.getLogger(__name__)


RESPONSE_URL_USES = 5  # a response_url takes at most five messages within 30 minutes

# Errors after which a channel will not take our messages any more.
GONE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived", "account_inactive"})

_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


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
                                     retry_handlers=retry_handlers(config.rate_limit_retries))
        # The token lives on the client only: bolt ignores `token=` when `client=` is given.
        logging.getLogger("slack_bolt.AsyncApp").addFilter(_QUIET_BOLT)  # idempotent: same filter object
        self.bolt = AsyncApp(
            name=app.settings.bot.name,
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
            lang = self.app.settings.bot.language
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
        webhook = AsyncWebhookClient(url=response_url, retry_handlers=retry_handlers(self.config.rate_limit_retries))
        response = await webhook.send_dict(body)
        if response.status_code != 200:
            raise ResponseUrlError(f"response_url answered {response.status_code}: {response.body[:200]}")

    async def _upload(self, image: Image, target: Target) -> None:
        """The image into the conversation (or thread) with files_upload_v2, alt text as its title."""
        try:
            await self.client.files_upload_v2(
                channel=target.channel, thread_ts=target.thread_ts, file=image.png, filename="briefbot.png",
                title=clip(image.alt, 250) or "briefbot", alt_txt=clip(image.alt, 1000),
            )
        except SlackApiError as exc:
            if target.user is None:  # a scheduled delivery: the caller decides (ChatGone)
                raise
            # Someone asked, and the text already went out: a channel the bot is not in still got it.
            log.warning("could not upload the image to %s: %s", target.channel, _slack_error(exc))


def factory(app: AppPort, env: Mapping[str, str]) -> SlackAdapter | None:
    """The `slack` entry point: an adapter when Slack credentials are set, else None."""
    config = load_config(app, env)
    return SlackAdapter(app, config) if config is not None else None


factory.platform = PLATFORM  # type: ignore[attr-defined]
factory.required_env = REQUIRED_ENV  # type: ignore[attr-defined]
factory.manifest = manifest  # type: ignore[attr-defined]

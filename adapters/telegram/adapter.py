"""Telegram through python-telegram-bot 22: updates in, Requests to the bot, Replies out as HTML.

The PTB `Application` runs inside our own asyncio loop (`initialize`/`start`, then the updater's
polling or webhook), never `run_polling()`, which would own the loop. Every send, answers and
scheduled deliveries alike, goes through one pacer and one retry path (flood control, backoff).
"""
from __future__ import annotations

import asyncio
import logging
import re
import time
from datetime import timedelta
from typing import Any, Awaitable, Callable, Mapping, Sequence

import httpx
from telegram import (BotCommand, BotCommandScopeChat, InputFile, LinkPreviewOptions, Message, ReplyParameters, Update,
                      constants)
from telegram.constants import ChatMemberStatus, ChatType, MessageEntityType, ParseMode
from telegram.error import (BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError,
                            TimedOut)
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes, MessageHandler, filters

from adapters.telegram.config import PLATFORM, SECRET_ENV, TOKEN_ENV, RedactSecrets, TelegramConfig, token_loggers
from adapters.telegram.pacing import Pacer, retry_seconds
from adapters.telegram.render import cut_plain, escape, render, render_photo
from bot.app import parse_message
from bot.i18n import t
from bot.models import ATTACHMENT_MAX_BYTES, Attachment, Reply, Request
from bot.platform import AppPort, ChatGone
from bot.settings import ConfigError

log = logging.getLogger(__name__)


ALLOWED_UPDATES = [Update.MESSAGE, Update.CHANNEL_POST]
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_KINDS = {ChatType.PRIVATE: "private", ChatType.GROUP: "group", ChatType.SUPERGROUP: "group",
          ChatType.CHANNEL: "channel", ChatType.SENDER: "private"}


class TelegramAdapter:
    """One bot account: receives updates, answers them, delivers scheduled briefings."""

    platform = PLATFORM

    def __init__(self, app: AppPort, config: TelegramConfig) -> None:
        self.app = app
        self.config = config
        self.pacer = Pacer(config)
        self._admin_cache: dict[tuple[int, int], tuple[float, bool]] = {}
        self._redactor = RedactSecrets([config.token, config.webhook_secret or ""])
        self._guarded: list[logging.Logger] = []
        self._guard_logs()  # before build(): PTB logs the API URL, token included, when it makes the Bot
        base = config.base_url.rstrip("/")
        # No PTB JobQueue: scheduling is bot/'s job. Concurrent updates: one slow answer (or a
        # flood-control wait) must not hold up other chats.
        builder = (ApplicationBuilder().token(config.token).base_url(base).concurrent_updates(True)
                   .job_queue(None))
        if base.endswith("/bot"):  # a self-hosted server serves files beside the methods
            builder = builder.base_file_url(base[: -len("/bot")] + "/file/bot")
        self.application: Application = builder.build()
        self._add_handlers()

    # -- life cycle --
    async def start(self) -> None:
        """getMe, setMyCommands, then polling or the webhook server; all in the caller's loop."""
        if not self._guarded:  # started again after a stop
            self._guard_logs()
        try:
            try:
                await self.application.initialize()
            except InvalidToken:
                # PTB's message quotes the token; say what is wrong without it.
                raise ConfigError(f"Telegram rejected {TOKEN_ENV} (check the token from @BotFather "
                                  "and telegram.api_base_url)") from None
            await self._register_commands()
            await self.application.start()
            updater = self.application.updater
            assert updater is not None
            if self.config.mode == "webhook":
                await updater.start_webhook(
                    listen=self.config.webhook_listen, port=self.config.webhook_port,
                    url_path=self.config.webhook_path, webhook_url=self.config.webhook_url,
                    secret_token=self.config.webhook_secret, allowed_updates=ALLOWED_UPDATES)
            else:
                await updater.start_polling(timeout=timedelta(seconds=self.config.poll_timeout),
                                            allowed_updates=ALLOWED_UPDATES, error_callback=self._polling_error)
        except BaseException:
            await self.stop()
            raise
        log.info("telegram: @%s is up (%s)", self.username, self.config.mode)

    def connected(self) -> bool:
        """For the health endpoint: PTB is running and polling or serving the webhook."""
        updater = self.application.updater
        return bool(self.application.running and updater is not None and updater.running)

    async def stop(self) -> None:
        """Stop receiving, let running handlers finish, close the HTTP client."""
        application = self.application
        try:
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            if application.running:
                await application.stop()
            await application.shutdown()
        finally:
            self._unguard_logs()

    @property
    def username(self) -> str:
        return self.application.bot.username

    def _guard_logs(self) -> None:
        # httpx logs every request URL, token included, at INFO.
        httpx_log = logging.getLogger("httpx")
        if httpx_log.getEffectiveLevel() < logging.WARNING:
            httpx_log.setLevel(logging.WARNING)
        for logger in token_loggers():
            logger.addFilter(self._redactor)
            self._guarded.append(logger)

    def _unguard_logs(self) -> None:
        for logger in self._guarded:
            logger.removeFilter(self._redactor)
        self._guarded.clear()

    def _polling_error(self, exc: TelegramError) -> None:
        log.warning("telegram: polling failed, retrying: %s", exc)

    # -- commands menu --
    async def _register_commands(self) -> None:
        """The command menu in Indonesian and English; admins also see the admin commands."""
        bot = self.application.bot
        public = [c for c in self.app.registry if not c.admin]
        try:
            for lang in ("id", "en"):
                await bot.set_my_commands(self._menu(public, lang), language_code=lang)
            await bot.set_my_commands(self._menu(public, self.app.settings.bot.language))
        except TelegramError as exc:  # a menu is a convenience: the bot still answers without it
            log.warning("telegram: setMyCommands failed: %s", exc)
        everything = self._menu(list(self.app.registry), self.app.settings.bot.language)
        for principal in sorted(self.app.settings.admins()):
            if principal.startswith(f"{PLATFORM}:") and principal[len(PLATFORM) + 1:].isdigit():
                try:
                    await bot.set_my_commands(everything, scope=BotCommandScopeChat(int(principal.split(":")[1])))
                except TelegramError as exc:  # e.g. the admin has not opened a chat with the bot yet
                    log.info("telegram: no admin menu for %s: %s", principal, exc)

    @staticmethod
    def _menu(commands: Sequence[Any], lang: str) -> list[BotCommand]:
        limit = constants.BotCommandLimit.MAX_DESCRIPTION
        menu = [BotCommand(c.name, cut_plain(c.help.get(lang) or c.help["id"], limit))
                for c in commands if _COMMAND_NAME.match(c.name)]
        return menu[: constants.BotCommandLimit.MAX_COMMAND_NUMBER]

    # -- receiving --
    def _add_handlers(self) -> None:
        """Registry commands and their aliases, then unknown commands, then free text."""
        names = sorted({n for c in self.app.registry for n in (c.name, *c.aliases) if _COMMAND_NAME.match(n)})
        incoming = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
        self.application.add_handler(CommandHandler(names, self._on_command, filters=incoming))
        # A file sent with a command in its caption (/importopml): CommandHandler reads text only.
        self.application.add_handler(MessageHandler(incoming & filters.Document.ALL & filters.CaptionRegex(r"^/\w"),
                                                    self._on_command))
        # An OPML list dropped into a private chat without a word: that is what it is for.
        self.application.add_handler(MessageHandler(
            filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.Document.FileExtension("opml")
            & ~filters.CAPTION, self._on_opml_file))
        self.application.add_handler(MessageHandler(incoming & filters.COMMAND, self._on_unknown_command))
        self.application.add_handler(MessageHandler(incoming & filters.TEXT & ~filters.COMMAND, self._on_text))
        self.application.add_error_handler(self._on_error)

    async def _on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command in a message's text, or in a document's caption (/importopml with the file)."""
        message = update.effective_message
        text = (message.text or message.caption) if message is not None else None
        if not text:
            return
        command, args = parse_message(text, self.username)
        if command is not None:
            await self._answer(update, command, args)

    async def _on_opml_file(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._answer(update, "importopml", "")

    async def _attachment(self, message: Message) -> Attachment | None:
        """The document sent with the message, or with the message it replies to; not downloaded
        beyond ATTACHMENT_MAX_BYTES (its size then says why it was refused)."""
        document = message.document or (message.reply_to_message.document if message.reply_to_message else None)
        if document is None:
            return None
        name, size = document.file_name or "document", document.file_size or 0
        if size > ATTACHMENT_MAX_BYTES:
            return Attachment(name, b"", size)
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
        return Attachment(name, data, len(data))

    async def _on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Private chats get "unknown command"; in groups only when addressed to us by name,
        since a bare /word there may belong to another bot."""
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None or not message.text:
            return
        first = message.text.split(maxsplit=1)[0]
        if chat.type != ChatType.PRIVATE and "@" not in first:
            return
        command, args = parse_message(message.text, self.username)
        if command is not None:
            await self._answer(update, command, args)

    async def _on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Questions: always in private chats; in groups when the bot is mentioned or replied to
        (what privacy mode lets through), or when the bot asked this user for a follow-up."""
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None or not message.text:
            return
        text = message.text
        if chat.type != ChatType.PRIVATE:
            user = update.effective_user
            if not (self._mentions_me(message) or self._replies_to_me(message)):
                # Asked only for group chatter the bot would otherwise ignore; a store query, so off the loop.
                if user is None or not await asyncio.to_thread(self.app.awaits_followup, PLATFORM, str(chat.id),
                                                               str(user.id)):
                    return
            text = re.sub(rf"@{re.escape(self.username)}\b", " ", text, flags=re.I).strip()
        await self._answer(update, None, text)

    def _mentions_me(self, message: Message) -> bool:
        bot = self.application.bot
        for entity, value in message.parse_entities([MessageEntityType.MENTION,
                                                     MessageEntityType.TEXT_MENTION]).items():
            if entity.type == MessageEntityType.MENTION and value[1:].lower() == bot.username.lower():
                return True
            if entity.type == MessageEntityType.TEXT_MENTION and entity.user and entity.user.id == bot.id:
                return True
        return False

    def _replies_to_me(self, message: Message) -> bool:
        original = message.reply_to_message
        return bool(original and original.from_user and original.from_user.id == self.application.bot.id)

    async def _answer(self, update: Update, command: str | None, args: str) -> None:
        message = update.effective_message
        assert message is not None
        request = await self._request(update, command, args)
        reply = await self.app.handle_async(request)
        await self.send(request.chat, reply, reply_to=message.message_id, thread=request.thread)

    async def _request(self, update: Update, command: str | None, args: str) -> Request:
        """The platform-neutral Request; is_admin is left to AppPort (config admin list)."""
        chat, user, message = update.effective_chat, update.effective_user, update.effective_message
        assert chat is not None and message is not None
        kind = _KINDS.get(chat.type, "group")
        if user is not None:
            user_id = str(user.id)
        else:  # a channel post, or a message sent on behalf of a chat
            user_id = str(message.sender_chat.id if message.sender_chat else chat.id)
        language = (user.language_code or "")[:2].lower() if user is not None else ""
        # Files are fetched only for a command (never for chatter), and only for an admin's: the
        # command refuses everyone else before reading it.
        wants_file = self.app.registry.wants_file(command, f"{PLATFORM}:{user_id}", self.app.settings.admins())
        return Request(platform=PLATFORM, chat=str(chat.id), user=user_id, command=command, args=args,
                       chat_kind=kind, chat_admin=await self._chat_admin(update, command),
                       language=language if language in ("id", "en") else None, thread=topic_of(message),
                       attachment=await self._attachment(message) if wants_file else None)

    async def _chat_admin(self, update: Update, command: str | None) -> bool:
        """Does the sender administer this chat? Private chats are the user's own; only admins
        can post in a channel; in groups ask getChatMember (cached), and only for commands."""
        chat, user, message = update.effective_chat, update.effective_user, update.effective_message
        assert chat is not None and message is not None
        if chat.type == ChatType.PRIVATE or chat.type == ChatType.CHANNEL:
            return True
        if message.sender_chat is not None and message.sender_chat.id == chat.id:
            return True  # an anonymous group admin writes as the group itself
        if user is None or command is None:
            return False
        key, now = (chat.id, user.id), time.monotonic()
        cached = self._admin_cache.get(key)
        if cached and cached[0] > now:
            return cached[1]
        try:
            member = await self.application.bot.get_chat_member(chat.id, user.id)
        except TelegramError as exc:
            log.warning("telegram: getChatMember failed for chat %s: %s", chat.id, exc)
            return False
        admin = member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
        self._admin_cache[key] = (now + self.config.admin_cache_seconds, admin)
        return admin

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Full error to the log, a short apology to the chat."""
        log.error("telegram: handling update failed", exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        chat = str(update.effective_chat.id)
        lang = await asyncio.to_thread(self.app.language, Request(PLATFORM, chat, ""))
        message = update.effective_message
        try:
            await self._send_html(chat, [escape(t("apology", lang))],
                                  reply_to=message.message_id if message else None,
                                  thread=topic_of(message) if message else None)
        except TelegramError as exc:
            log.warning("telegram: could not send the apology to %s: %s", chat, exc)

    # -- sending --
    async def deliver(self, chat: str, reply: Reply, thread: str | None = None) -> None:
        """A scheduled briefing, into its forum topic; a chat that blocked or removed the bot raises
        ChatGone. A topic deleted since /subscribe gets it in the chat's General topic instead."""
        try:
            try:
                await self.send(chat, reply, thread=thread)
            except BadRequest as exc:
                if not thread or "thread not found" not in exc.message.lower():
                    raise
                log.warning("telegram: topic %s of chat %s is gone; briefing sent to the chat", thread, chat)
                await self.send(chat, reply)
        except Forbidden as exc:
            log.warning("telegram: chat %s is gone (%s)", chat, exc.message)
            raise ChatGone(f"telegram chat {chat}: {exc.message}") from exc
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():
                log.warning("telegram: chat %s is gone (%s)", chat, exc.message)
                raise ChatGone(f"telegram chat {chat}: {exc.message}") from exc
            raise

    async def send(self, chat: str, reply: Reply, reply_to: int | None = None,
                   thread: str | None = None) -> list[Message]:
        """Render and send a reply (into forum topic `thread`, if given): a photo with its caption
        first when it carries an image."""
        if reply.image is None:
            return await self._send_html(chat, render(reply), reply_to, thread)
        caption, rest = render_photo(reply)
        image = reply.image
        params = _reply_params(reply_to)

        def photo(chat_id: str) -> Awaitable[Message]:
            return self.application.bot.send_photo(
                chat_id, photo=InputFile(image.png, filename="briefbot.png"), caption=caption,
                parse_mode=ParseMode.HTML, reply_parameters=params, message_thread_id=_thread_id(thread))

        sent = [await self._call(chat, photo)]
        return sent + await self._send_html(chat, rest, reply_to, thread)

    async def _send_html(self, chat: str, messages: Sequence[str], reply_to: int | None,
                         thread: str | None = None) -> list[Message]:
        params = _reply_params(reply_to)
        sent = []
        for text in messages:
            def one(chat_id: str, text: str = text) -> Awaitable[Message]:
                return self.application.bot.send_message(
                    chat_id, text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
                    reply_parameters=params, message_thread_id=_thread_id(thread))
            sent.append(await self._call(chat, one))
        return sent

    async def _call(self, chat: str, send: Callable[[str], Awaitable[Message]]) -> Message:
        """Paced, with Telegram's retry rules: wait out 429s, back off on network errors, follow a
        group's migration to a supergroup; bad requests and 403s are final."""
        floods = failures = 0
        while True:
            await self.pacer.wait(chat)
            try:
                return await send(chat)
            except RetryAfter as exc:
                floods += 1
                if floods > self.config.flood_retries:
                    raise
                delay = retry_seconds(exc)
                log.warning("telegram: flood control for chat %s, retrying in %.0f s", chat, delay)
                await asyncio.sleep(delay)
            except ChatMigrated as exc:
                log.warning("telegram: chat %s is now %s", chat, exc.new_chat_id)
                chat = str(exc.new_chat_id)
            except BadRequest:  # a NetworkError subclass, but sending it again cannot help
                raise
            except TimedOut as exc:
                # A read or write timeout may come after Telegram accepted the message: sending
                # again could post it twice, so only timeouts before the request left are retried.
                if not isinstance(exc.__cause__, (httpx.ConnectTimeout, httpx.PoolTimeout)):
                    raise
                failures = await self._backoff(chat, exc, failures)
            except NetworkError as exc:
                failures = await self._backoff(chat, exc, failures)

    async def _backoff(self, chat: str, exc: NetworkError, failures: int) -> int:
        """Sleep 0.5, 1, 2, ... s before the next try; re-raise when the retries are used up."""
        failures += 1
        if failures > self.config.network_retries:
            raise exc
        delay = min(0.5 * 2 ** (failures - 1), 30.0)
        log.warning("telegram: send to %s failed (%s), retry %d in %.1f s", chat, exc, failures, delay)
        await asyncio.sleep(delay)
        return failures


def topic_of(message: Message) -> str | None:
    """The forum topic a message was posted in. Outside forums `message_thread_id` also marks reply
    threads, where sending with it fails, so only topic messages count."""
    return str(message.message_thread_id) if message.is_topic_message and message.message_thread_id else None


def _thread_id(thread: str | None) -> int | None:
    return int(thread) if thread else None


def _reply_params(reply_to: int | None) -> ReplyParameters | None:
    # allow_sending_without_reply: the answer still arrives if the question was deleted meanwhile.
    return ReplyParameters(message_id=reply_to, allow_sending_without_reply=True) if reply_to else None


def factory(app: AppPort, env: Mapping[str, str]) -> TelegramAdapter | None:
    """The adapter when TELEGRAM_BOT_TOKEN is set, else None."""
    if not env.get(TOKEN_ENV, "").strip():
        return None
    return TelegramAdapter(app, TelegramConfig.from_settings(app, env))


factory.platform = PLATFORM  # type: ignore[attr-defined]
factory.required_env = (  # type: ignore[attr-defined]
    f"{TOKEN_ENV} (and optionally TELEGRAM_API_BASE_URL, {SECRET_ENV})")

"""Telegram's settings (the [telegram] section and the environment) and keeping the token out of the logs."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from bot.platform import AppPort
from bot.settings import ConfigError


PLATFORM = "telegram"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"

_SECRET_FORMAT = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True)
class TelegramConfig:
    """The [telegram] settings plus the secrets from the environment."""

    token: str
    base_url: str
    mode: str = "polling"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    webhook_secret: str | None = None
    poll_timeout: float = 30.0
    messages_per_second: float = 30.0
    chat_messages_per_second: float = 1.0
    chat_burst: int = 3
    group_messages_per_minute: int = 20
    network_retries: int = 4
    flood_retries: int = 10
    admin_cache_seconds: float = 300.0

    @classmethod
    def from_settings(cls, app: AppPort, env: Mapping[str, str]) -> "TelegramConfig":
        """Read and check; a webhook without a public URL or a valid secret is a ConfigError."""
        section = app.settings.adapter_section("telegram")
        config = cls(
            token=env[TOKEN_ENV].strip(),
            base_url=env.get("TELEGRAM_API_BASE_URL") or section["api_base_url"],
            mode=section["mode"], webhook_url=section["webhook_url"],
            webhook_listen=section["webhook_listen"], webhook_port=section["webhook_port"],
            webhook_path=section["webhook_path"].strip("/"),
            webhook_secret=env.get(SECRET_ENV) or None,
            poll_timeout=float(section["poll_timeout"]),
            messages_per_second=float(section["messages_per_second"]),
            chat_messages_per_second=float(section["chat_messages_per_second"]),
            chat_burst=section["chat_burst"],
            group_messages_per_minute=section["group_messages_per_minute"],
            network_retries=section["network_retries"],
            admin_cache_seconds=float(section["admin_cache_seconds"]),
        )
        if config.mode not in ("polling", "webhook"):
            raise ConfigError('telegram.mode must be "polling" or "webhook"')
        if config.mode == "webhook":
            if not config.webhook_url.startswith("https://"):
                raise ConfigError("telegram.webhook_url must be the public https:// URL Telegram calls")
            if not config.webhook_secret or not _SECRET_FORMAT.match(config.webhook_secret):
                raise ConfigError(f"webhook mode needs {SECRET_ENV}: 1-256 characters of A-Z a-z 0-9 _ -")
        if min(config.messages_per_second, config.chat_messages_per_second, config.chat_burst,
               config.group_messages_per_minute) <= 0:
            raise ConfigError("telegram rate limits must be positive")
        return config


class RedactSecrets(logging.Filter):
    """Replaces the token (and webhook secret) in log messages and tracebacks.

    PTB puts the token in request URLs and in InvalidToken messages; httpx logs the URLs.
    A filter only sees records logged on the logger it is attached to, so it goes on each
    logger that can carry them (see `_guard_logs`).
    """

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<redacted>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return True


def token_loggers() -> list[logging.Logger]:
    """Our loggers, httpx/httpcore, and every python-telegram-bot logger (they exist once imported)."""
    names = {"httpx", "httpcore", "asyncio", "tornado.access", "tornado.application", "tornado.general"}
    names.update(n for n in logging.root.manager.loggerDict
                 if n.split(".")[0] == "telegram" or n.startswith("adapters.telegram"))
    return [logging.getLogger(name) for name in sorted(names)]

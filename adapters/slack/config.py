"""Slack's settings: the [slack] section, the tokens from the environment, Socket Mode or HTTP mode."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from bot.platform import AppPort
from bot.settings import ConfigError

log = logging.getLogger(__name__)

PLATFORM = "slack"
EVENTS_PATH = "/slack/events"  # bolt's usual path, for commands and events alike
REQUIRED_ENV = "SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)"


SLASH_COMMAND_MAX = 32  # characters of a slash command, its "/" included (the app manifest's limit)
SLASH_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Slash command styles: one namespaced command (Slack's convention, nothing to collide with other
# apps) or one slash command per registry command.
SINGLE, PER_COMMAND = "single", "per_command"
COMMAND_STYLES = (SINGLE, PER_COMMAND)


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
    section = settings.adapter_section("slack")
    name, style = str(section["command"]).strip().lstrip("/"), section["command_style"]
    if style not in COMMAND_STYLES:
        raise ConfigError(f'slack.command_style must be "{SINGLE}" or "{PER_COMMAND}", got {style!r}')
    if not SLASH_NAME.match(name) or len(name) + 1 > SLASH_COMMAND_MAX:
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
    section = settings.adapter_section("slack")
    base_url = env.get("SLACK_API_BASE_URL") or section["api_base_url"]
    # slack_sdk joins method names onto the base URL, so it must end with a slash.
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    port_origin = "SLACK_HTTP_PORT" if env.get("SLACK_HTTP_PORT") else "slack.http_port"
    command, style = slash_settings(settings)
    return SlackConfig(
        bot_token=bot_token,
        app_token=app_token,
        signing_secret=secret,
        api_base_url=base_url,
        http_host=env.get("SLACK_HTTP_HOST") or section["http_host"],
        http_port=_port(env.get("SLACK_HTTP_PORT") or section["http_port"], port_origin),
        send_interval=float(section["send_interval"]),
        rate_limit_retries=int(section["rate_limit_retries"]),
        command=command,
        command_style=style,
    )

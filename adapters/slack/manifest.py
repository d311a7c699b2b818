"""The Slack app manifest, emitted as JSON and checked against Slack's limits (`python -m bot slack-manifest`)."""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from adapters.slack.config import EVENTS_PATH, PLATFORM, SINGLE, SLASH_COMMAND_MAX, slash_settings
from adapters.slack.render import clip
from bot.i18n import t
from bot.platform import AppPort
from bot.settings import ConfigError


BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "files:read", "files:write", "im:history",
              "mpim:history")
BOT_EVENTS = ("app_mention", "message.im", "message.mpim")

# Manifest limits (https://docs.slack.dev/reference/app-manifest): the command includes its "/".
SLASH_COMMANDS_MAX = 50
APP_NAME_MAX = 35
DISPLAY_NAME_MAX = 80
COMMAND_DESCRIPTION_MAX = 2000
USAGE_HINT_MAX = 1000
_DISPLAY_NAME = re.compile(r"^[a-z0-9._-]+$")


class ManifestError(ConfigError):
    """The configuration would make a manifest Slack refuses; the message lists every problem."""


def display_name(name: str) -> str:
    """The bot user's display name: Slack allows only a-z 0-9 - _ . (so "Brief Bot" -> "brief-bot")."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9._-]", "-", name.strip().lower())).strip("-")[:DISPLAY_NAME_MAX]


def _slash_entry(command: str, description: str, usage: str, url: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"command": command, "description": clip(description, COMMAND_DESCRIPTION_MAX),
                             "should_escape": False}
    if usage:
        entry["usage_hint"] = clip(usage, USAGE_HINT_MAX)
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
    lang = app.settings.bot.language
    name = app.settings.bot.name.strip()
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

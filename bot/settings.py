"""Settings: config/default.toml, overridden key by key by a user file and the environment."""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, get_type_hints

HOME_ENV = "BRIEFBOT_HOME"  # a folder holding config/ and seeds/ that replaces the shipped ones
CHECKOUT = Path(__file__).resolve().parents[1]
ROOT = Path(os.environ.get(HOME_ENV, CHECKOUT))


def shipped(name: str) -> Path:
    """The shipped folder `name` ("config" or "seeds"): under BRIEFBOT_HOME when that is set; else
    the package data an installed wheel holds (bot/config, bot/seeds: pyproject.toml maps the
    repository's folders there); else the repository's own folder (a checkout, or an editable
    install, where setuptools leaves them in place)."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]) / name
    packaged = files("bot").joinpath(name)
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return CHECKOUT / name


CONFIG_DIR = shipped("config")
TOPIC_KINDS = ("figures", "place", "entity")
# Claim kinds a figures topic may limit itself to (summarizer/data/claim_kinds.toml).
CLAIM_KINDS = ("troops", "casualties", "term", "money", "percent", "other")
COMMAND_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


class ConfigError(ValueError):
    """A config file or value the bot cannot use; the message names the key."""


@dataclass(frozen=True)
class Topic:
    """One entry of config/topics.toml: a command backed by the corpus."""

    name: str
    kind: str
    description: dict[str, str]
    aliases: dict[str, list[str]]
    counted: tuple[str, ...] = ()  # figures topics: nouns a claim must count
    kinds: tuple[str, ...] = ()  # figures topics: claim kinds shown ("troops", "casualties", "other")
    example: dict[str, str] = field(default_factory=dict)  # a question this topic answers, per language

    def all_aliases(self) -> list[str]:
        """Every alias in every language, Indonesian first, without repeats."""
        seen: dict[str, None] = {}
        for lang in ("id", "en", *self.aliases):
            for alias in self.aliases.get(lang, []):
                seen.setdefault(alias, None)
        return list(seen)


# Typed sections of config/default.toml, one frozen dataclass per [section] the bot itself reads.
# Field names are the TOML keys; `_build_section` checks every value against its field's type, and
# test_settings checks that each key of default.toml has a field here. The adapter sections
# ([telegram], [slack]) are typed by the adapters' own config classes (bot/ must not import them).


@dataclass(frozen=True)
class BotSettings:
    """[bot]: identity, language, time zone, database and chat limits."""

    name: str
    language: str  # "id" or "en"
    timezone: str  # an IANA name (aliases such as "WIB" are resolved on load)
    db: str  # a SQLite path or a postgresql:// URL (bot.store.open_store)
    db_connect_retry_seconds: float  # PostgreSQL down at start: retried with backoff this long
    seeds_dir: str  # "" for none
    max_message_chars: int
    admins: tuple[str, ...]  # platform-qualified ids from the config file
    chat_workers: int


@dataclass(frozen=True)
class BriefSettings:
    """[brief]: what a briefing holds."""

    min_points: int
    max_points: int
    window_hours: int
    max_words: int


@dataclass(frozen=True)
class AnswersSettings:
    """[answers]: how free questions are answered."""

    max_sentences: int
    candidates: int
    min_score: float
    sure_margin: float
    hedge_score: float


@dataclass(frozen=True)
class ScheduleSettings:
    """[schedule]: daily deliveries."""

    default_time: str  # HH:MM
    grace_hours: int
    send_when_empty: bool
    console_file: str
    max_attempts: int
    retry_minutes: int
    max_concurrent_sends: int
    send_timeout_seconds: int


@dataclass(frozen=True)
class SourcesSettings:
    """[sources]: fetching and refreshing feeds and pages."""

    refresh_minutes: int
    max_backoff_hours: int
    timeout_seconds: float
    total_deadline_seconds: float
    max_bytes: int
    max_redirects: int
    max_entries: int
    analysis_workers: int
    operation_deadline_seconds: float
    page_workers: int
    workers: int
    min_article_chars: int
    allow_hosts: tuple[str, ...]
    proxy: str
    user_agent: str


@dataclass(frozen=True)
class WorkersSettings:
    """[workers]: `python -m bot worker` processes, their job queue, and the scheduler lease."""

    refresh_by: str  # "run": the scheduling `run` process fetches due sources; "workers": it queues them
    poll_seconds: float
    job_timeout_seconds: float
    max_attempts: int
    ingest_batch: int
    lease_check_seconds: float


@dataclass(frozen=True)
class HealthSettings:
    """[health]: the /health endpoint of `run`."""

    host: str
    port: int  # 0: off


SECTIONS: dict[str, type] = {
    "bot": BotSettings, "brief": BriefSettings, "answers": AnswersSettings,
    "schedule": ScheduleSettings, "sources": SourcesSettings, "health": HealthSettings,
    "workers": WorkersSettings,
}
# Sections typed outside bot/: adapters/telegram/config.py TelegramConfig, adapters/slack/config.py SlackConfig.
ADAPTER_SECTIONS = ("telegram", "slack")


def _typed(name: str, hint: Any, value: Any) -> Any:
    """`value` converted to the field type `hint`; a ConfigError naming `name` when it is not one."""
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif hint is str:
        ok = isinstance(value, str)
    else:  # tuple[str, ...]: a TOML array of strings
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok else value
        hint = "list of strings"
    if not ok:
        expected = hint if isinstance(hint, str) else hint.__name__
        raise ConfigError(f"{name} must be {expected}, got {type(value).__name__} {value!r}")
    return value


def _build_section(section: str, values: Mapping[str, Any]) -> Any:
    """The frozen dataclass of `section`, each value type-checked; missing or unknown keys are errors."""
    cls = SECTIONS[section]
    hints = get_type_hints(cls)
    names = [f.name for f in fields(cls)]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ConfigError(f"{section}.{unknown[0]}: no such setting")
    missing = [n for n in names if n not in values]
    if missing:
        raise ConfigError(f"{section}.{missing[0]} is missing from config/default.toml")
    return cls(**{n: _typed(f"{section}.{n}", hints[n], values[n]) for n in names})


@dataclass
class Settings:
    """The merged configuration: typed sections (`settings.sources.workers`) and the topics."""

    bot: BotSettings
    brief: BriefSettings
    answers: AnswersSettings
    schedule: ScheduleSettings
    sources: SourcesSettings
    health: HealthSettings
    workers: WorkersSettings
    adapter_sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    env: Mapping[str, str] = field(default_factory=dict)

    def adapter_section(self, name: str) -> Mapping[str, Any]:
        """The raw, read-only [telegram] or [slack] table, typed by that adapter's config class:
        the one dynamic access left, because bot/ cannot name adapter types (import direction)."""
        return self.adapter_sections[name]

    @property
    def db_path(self) -> str:
        return self.bot.db

    def admins(self) -> set[str]:
        """Platform-qualified admin ids from config plus BRIEFBOT_ADMINS (comma separated)."""
        extra = [a.strip() for a in self.env.get("BRIEFBOT_ADMINS", "").split(",") if a.strip()]
        return set(self.bot.admins) | set(extra)

    def topic(self, name: str) -> Topic | None:
        return next((t for t in self.topics if t.name == name), None)

    def example_question(self, lang: str) -> str | None:
        """The first topic's example question in `lang` (Indonesian when it has none in `lang`)."""
        for topic in self.topics:
            if topic.example:
                return topic.example.get(lang) or topic.example.get("id")
        return None

    def example_name(self) -> str | None:
        """A name to show /about with: the first alias of the first place or entity topic."""
        return next((t.all_aliases()[0] for t in self.topics if t.kind in ("place", "entity")), None)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{path}: is a directory, not a TOML file") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:  # TOML is UTF-8 by definition
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def _merge(defaults: dict[str, Any], override: dict[str, Any], origin: str) -> dict[str, Any]:
    """Overlay `override` on `defaults`; unknown keys and wrong types name the key."""
    merged = {section: dict(values) for section, values in defaults.items()}
    for section, values in override.items():
        if section not in defaults or not isinstance(values, dict):
            raise ConfigError(f"{origin}: unknown section [{section}]")
        for key, value in values.items():
            name = f"{section}.{key}"
            if key not in defaults[section]:
                raise ConfigError(f"{origin}: unknown key {name}")
            expected = defaults[section][key]
            if isinstance(expected, bool) != isinstance(value, bool) or (
                not isinstance(value, type(expected)) and not (isinstance(expected, float) and isinstance(value, int))
            ):
                raise ConfigError(
                    f"{origin}: {name} must be {type(expected).__name__}, got {type(value).__name__}"
                )
            merged[section][key] = value
    return merged


def _check_values(data: dict[str, dict[str, Any]]) -> None:
    """Value checks that types alone cannot catch; each error names its key."""
    from bot.subscriptions import resolve_timezone

    if data["bot"]["language"] not in ("id", "en"):
        raise ConfigError("bot.language must be \"id\" or \"en\"")
    zone = resolve_timezone(data["bot"]["timezone"])  # an IANA name, or an alias such as "WIB"
    if zone is None:
        raise ConfigError(f"bot.timezone: unknown time zone {data['bot']['timezone']!r}")
    data["bot"]["timezone"] = zone  # everything after reads the IANA name
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", data["schedule"]["default_time"]):
        raise ConfigError("schedule.default_time must be HH:MM")
    for section, values in data.items():
        for key, value in values.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                _check_range(f"{section}.{key}", value)
    if data["workers"]["refresh_by"] not in ("run", "workers"):
        raise ConfigError('workers.refresh_by must be "run" or "workers"')
    if data["brief"]["min_points"] > data["brief"]["max_points"]:
        raise ConfigError("brief.min_points must not exceed brief.max_points")
    if data["answers"]["hedge_score"] > data["answers"]["min_score"]:
        raise ConfigError("answers.hedge_score must not exceed answers.min_score")


# Allowed ranges of numeric settings, inclusive; None is open. A numeric key missing here
# (a new one) must at least not be negative. Each figure is what still makes sense, not a taste.
RANGES: dict[str, tuple[float | None, float | None]] = {
    "bot.max_message_chars": (1, 100_000),
    "bot.chat_workers": (1, 256),
    "bot.db_connect_retry_seconds": (0, 3600),  # 0: one attempt
    "brief.min_points": (1, 50),
    "brief.max_points": (1, 50),  # 50 blocks is Slack's whole message
    "brief.window_hours": (1, 24 * 366 * 100),  # up to a century: an archive read as one window
    "brief.max_words": (5, 1000),
    "answers.max_sentences": (1, 20),
    "answers.candidates": (1, 100_000),
    "answers.min_score": (0, 1),  # probabilities of the answer model
    "answers.hedge_score": (0, 1),
    "answers.sure_margin": (0, 1),  # a lead between two probabilities
    "schedule.grace_hours": (0, 23),  # a day's briefing must not run into the next day's
    "schedule.max_attempts": (1, 100),
    "schedule.retry_minutes": (1, 24 * 60),
    "schedule.max_concurrent_sends": (1, 10_000),
    "schedule.send_timeout_seconds": (1, 24 * 3600),
    "sources.refresh_minutes": (1, 7 * 24 * 60),
    "sources.max_backoff_hours": (0, 24 * 30),
    "sources.timeout_seconds": (0.1, 600),
    "sources.total_deadline_seconds": (0.1, 3600),
    "sources.operation_deadline_seconds": (0.1, 3600),
    "sources.max_bytes": (1024, 1_000_000_000),
    "sources.max_redirects": (0, 50),
    "sources.max_entries": (1, 10_000),
    "sources.min_article_chars": (0, 100_000),
    "sources.page_workers": (1, 64),
    "sources.workers": (1, 64),
    "sources.analysis_workers": (1, 64),
    "health.port": (0, 65535),  # 0: the endpoint is off
    "workers.poll_seconds": (0.01, 60),
    "workers.job_timeout_seconds": (1, 24 * 3600),
    "workers.max_attempts": (1, 100),
    "workers.ingest_batch": (1, 10_000),
    "workers.lease_check_seconds": (0.05, 300),
    "telegram.webhook_port": (1, 65535),
    "telegram.poll_timeout": (0, 600),
    "telegram.messages_per_second": (0.01, 1000),
    "telegram.chat_messages_per_second": (0.01, 1000),
    "telegram.chat_burst": (1, 1000),
    "telegram.group_messages_per_minute": (0.1, 10_000),
    "telegram.network_retries": (0, 100),
    "telegram.admin_cache_seconds": (0, 7 * 24 * 3600),
    "slack.http_port": (0, 65535),  # 0: any free port
    "slack.send_interval": (0, 60),
    "slack.rate_limit_retries": (0, 100),
}


def _check_range(dotted: str, value: float) -> None:
    low, high = RANGES.get(dotted, (0, None))
    if value != value or value in (float("inf"), float("-inf")):  # nan and infinities from TOML
        raise ConfigError(f"{dotted} must be a finite number, got {value}")
    if low is not None and value < low:
        raise ConfigError(f"{dotted} must be at least {low:g}, got {value:g}")
    if high is not None and value > high:
        raise ConfigError(f"{dotted} must be at most {high:g}, got {value:g}")


def _parse_topics(raw: dict[str, Any], origin: str) -> list[Topic]:
    topics: list[Topic] = []
    for number, entry in enumerate(raw.get("topic", []), 1):
        where = f"{origin}: topic #{number}"
        name = entry.get("name")
        if not isinstance(name, str) or not COMMAND_NAME.match(name):
            raise ConfigError(f"{where}: name must be 1-32 lower-case letters, digits or _")
        kind = entry.get("kind")
        if kind not in TOPIC_KINDS:
            raise ConfigError(f"{where} ({name}): kind must be one of {', '.join(TOPIC_KINDS)}")
        description = entry.get("description", {})
        aliases = entry.get("aliases", {})
        if not isinstance(description, dict) or not description.get("id") or not description.get("en"):
            raise ConfigError(f"{where} ({name}): description.id and description.en are required")
        if not isinstance(aliases, dict) or not all(isinstance(v, list) for v in aliases.values()):
            raise ConfigError(f"{where} ({name}): aliases.<lang> must be lists of strings")
        if not any(aliases.values()):
            raise ConfigError(f"{where} ({name}): at least one alias is required")
        if not all(isinstance(a, str) and a.strip() for v in aliases.values() for a in v):
            raise ConfigError(f"{where} ({name}): aliases must be non-empty strings")
        kinds = tuple(entry.get("kinds", ()))
        if not set(kinds) <= set(CLAIM_KINDS):
            raise ConfigError(f"{where} ({name}): kinds may only hold {', '.join(CLAIM_KINDS)}")
        example = entry.get("example", {})
        if not isinstance(example, dict) or not all(isinstance(v, str) for v in example.values()):
            raise ConfigError(f"{where} ({name}): example.<lang> must be a question (a string)")
        topics.append(
            Topic(name, kind, dict(description), {k: list(v) for k, v in aliases.items()},
                  tuple(entry.get("counted", ())), kinds, dict(example))
        )
    return topics


def load_settings(config_path: str | Path | None = None, env: Mapping[str, str] | None = None,
                  db_path: str | None = None) -> Settings:
    """Defaults, then the user file (--config or BRIEFBOT_CONFIG), then env overrides."""
    env = dict(os.environ if env is None else env)
    data = _read_toml(CONFIG_DIR / "default.toml")
    config_path = config_path or env.get("BRIEFBOT_CONFIG")
    if config_path:
        data = _merge(data, _read_toml(Path(config_path)), str(config_path))
    if db_path or env.get("BRIEFBOT_DB"):
        data["bot"]["db"] = db_path or env["BRIEFBOT_DB"]
    if env.get("BRIEFBOT_REFRESH_BY"):
        data["workers"]["refresh_by"] = env["BRIEFBOT_REFRESH_BY"]
    if env.get("TELEGRAM_API_BASE_URL"):
        data["telegram"]["api_base_url"] = env["TELEGRAM_API_BASE_URL"]
    if env.get("SLACK_API_BASE_URL"):
        data["slack"]["api_base_url"] = env["SLACK_API_BASE_URL"]
    _check_values(data)
    topics_path = Path(env.get("BRIEFBOT_TOPICS", CONFIG_DIR / "topics.toml"))
    topics = _parse_topics(_read_toml(topics_path), str(topics_path))
    typed = {name: _build_section(name, data[name]) for name in SECTIONS}
    unknown = set(data) - set(SECTIONS) - set(ADAPTER_SECTIONS)
    if unknown:
        raise ConfigError(f"config/default.toml: section [{sorted(unknown)[0]}] has no typed settings class")
    adapters = {name: MappingProxyType(dict(data[name])) for name in ADAPTER_SECTIONS}
    return Settings(**typed, adapter_sections=MappingProxyType(adapters), topics=topics, env=env)

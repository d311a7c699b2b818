"""The application: the handlers' context, the worker pools, and the one dispatch path every adapter uses.

Adapters see BotApp through `bot.platform.AppPort`; handlers and services see only its `Context`.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from bot import commands
from bot.context import Context
from bot.i18n import example, t
from bot.ingest import MAX_ARTICLE_CHARS, count_articles, ingest_paths, skip_seeds
from bot.models import Reply, Request
from bot.progress import progress
from bot.registry import Registry
from bot.settings import Settings, load_settings, shipped
from bot.store import Store, StoreUnavailable, get_meta, set_meta, open_store

log = logging.getLogger(__name__)
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$", re.S)


def parse_message(text: str, bot_username: str | None = None) -> tuple[str | None, str]:
    """Split "/cmd@Bot args" into ("cmd", "args"); free text gives (None, text).

    A command addressed to another bot ("/troops@OtherBot") is not ours: (None, "").
    """
    text = (text or "").strip()
    match = _COMMAND.match(text)
    if not match:
        return None, text
    name, target, args = match.group(1), match.group(2), match.group(3) or ""
    if target and bot_username and target.lower() != bot_username.lower():
        return None, ""
    return name.lower(), args.strip()


def _unreadable(text: str) -> bool:
    """Control characters other than white space mean binary junk, not a question."""
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t")
    return bad > 0 or "\ufffd" in text


class BotApp:
    """The running bot: adapters hold one and call `handle` or `handle_async` (see `AppPort`)."""

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.context = Context(settings=settings, store=store or open_store(
            settings.db_path, connect_retry_seconds=settings.bot.db_connect_retry_seconds))
        # Two pools so that a slow source (up to sources.operation_deadline_seconds each) can never
        # take the threads that answer chat: commands run on `chat_pool`, fetching ones on `source_pool`.
        self.chat_pool = ThreadPoolExecutor(settings.bot.chat_workers, thread_name_prefix="chat")
        self.source_pool = ThreadPoolExecutor(settings.sources.workers, thread_name_prefix="sources")
        commands.register_all(self.context)

    @classmethod
    def from_config(cls, config: str | None = None, db: str | None = None) -> "BotApp":
        return cls(load_settings(config, db_path=db))

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def store(self) -> Store:
        return self.context.store

    @property
    def registry(self) -> Registry:
        return self.context.registry

    # ---- corpus -------------------------------------------------------------
    def ensure_seeded(self) -> int:
        """Ingest the bundled demo seeds into a brand-new database, once.

        A database that already holds articles or sources (filled by
        `python -m bot ingest` or /addsource) is a newsroom's own corpus and
        never gets them; removing them later sticks too.
        """
        if get_meta(self.store, "seeded") is not None:
            return 0
        if not self.settings.bot.seeds_dir.strip() or self._holds_material():
            # "" : a newsroom that wants no demo story; articles or sources: a newsroom's own corpus
            self.skip_seeds()
            return 0
        seeds = Path(self.settings.bot.seeds_dir)
        if not seeds.is_absolute() and not seeds.exists():
            seeds = shipped(str(seeds))  # "seeds": the demo story shipped with the package
        added = 0
        if seeds.exists():
            # The first run analyses every seed article (seconds): show it, on a terminal or in the log.
            with progress(count_articles([seeds]), "first run: ingesting the demo seeds", "article") as bar:
                added = ingest_paths(self.store, [seeds], tracker=bar).added
        set_meta(self.store, "seeded", str(added))
        return added

    def skip_seeds(self) -> None:
        """Mark this database as a newsroom's own: ensure_seeded will never add the demo seeds."""
        skip_seeds(self.store)

    def _holds_material(self) -> bool:
        return any(True for _ in self.store.query(
            "select 1 from articles union all select 1 from sources limit 1"))

    # ---- who is asking ----------------------------------------------------
    def is_admin(self, principal: str) -> bool:
        """Admins come from config plus BRIEFBOT_ADMINS; the local console operator is one."""
        return self.context.is_admin(principal)

    def language(self, req: Request) -> str:
        """The chat's /lang choice; without one, an English question gets an English reply."""
        return self.context.language(req)

    def awaits_followup(self, platform: str, chat: str, user: str) -> bool:
        """Whether the bot asked this user in this chat for more (their next text is not chatter)."""
        return self.context.followups.waiting(platform, chat, user)

    # ---- dispatch -----------------------------------------------------------
    def handle(self, req: Request) -> Reply:
        """Validate, authorise, route and run one request; never raises."""
        req = replace(req, is_admin=req.is_admin or self.is_admin(req.principal))
        lang = self.settings.bot.language
        try:
            lang = self.language(req)
            return self._route(req, lang)
        except StoreUnavailable as exc:  # the database server went away: the next command reconnects
            log.warning("database unavailable for %s /%s: %s", req.platform, req.command or "(question)", exc)
            return Reply(title=t("store_unavailable", lang), ephemeral=True)
        except Exception:  # one bad request must never take the bot down
            log.exception("handler failed for %s /%s", req.platform, req.command or "(question)")
            return Reply(title=t("apology", lang), ephemeral=True)

    async def handle_async(self, req: Request) -> Reply:
        """The same, off the event loop: SQLite and ranking are blocking work.

        Commands that fetch from the web run on the source workers, everything else on the chat
        workers, so ten slow feeds being added or refreshed do not delay a single answer.
        """
        command = self.registry.get(req.command) if req.command else None
        pool = self.source_pool if command is not None and command.network else self.chat_pool
        return await asyncio.get_running_loop().run_in_executor(pool, functools.partial(self.handle, req))

    def close(self) -> None:
        """Stop the worker pools and close every database connection any thread opened."""
        self.chat_pool.shutdown(wait=True, cancel_futures=True)
        self.source_pool.shutdown(wait=True, cancel_futures=True)
        self.store.close()

    def _route(self, req: Request, lang: str) -> Reply:
        if _unreadable(req.args):
            return Reply(title=t("binary", lang), ephemeral=True)
        name = req.command
        if name is None:
            name = self.context.followups.take(req) or "ask"
            if name == "ask" and not req.args.strip():
                return Reply(title=t("empty_message", lang, example=example(
                    self.settings.example_question(lang), lang, "quoted")), ephemeral=True)
            if name == "ask" and req.args.lstrip().startswith("/"):
                return self._loose_slash(req.args, lang, req.platform)
        command = self.registry.get(name)
        if command is None or not command.serves(req.platform):
            return self._unknown(name, lang, req.platform)
        # Questions and commands are short; only commands that take a pasted article may be long.
        limit = MAX_ARTICLE_CHARS if command.long_text else self.settings.bot.max_message_chars
        if len(req.args) > limit:
            return Reply(title=t("too_long", lang, length=len(req.args), limit=limit), ephemeral=True)
        if command.admin and not req.is_admin:
            self.store.audit(req.principal, req.platform, req.chat, command.name, req.args, "refused: not an admin")
            return Reply(title=t("admin_only", lang, name=command.name), ephemeral=True)
        reply = command.handler(self.context, replace(req, command=command.name), lang)
        if command.admin:
            self.store.audit(req.principal, req.platform, req.chat, command.name, req.args, reply.title)
        return reply

    def _loose_slash(self, text: str, lang: str, platform: str) -> Reply:
        """"/", "/ troops", "//brief": a command was meant (no question starts with a slash), not a question."""
        word = re.match(r"[/\s]*([A-Za-z0-9_]{1,64})", text)
        meant = self.registry.closest(word.group(1), platform) if word else None
        footer = t("did_you_mean", lang, name=meant) if meant else None
        return Reply(title=t("slash_alone", lang), footer=footer, ephemeral=True)

    def _unknown(self, name: str, lang: str, platform: str) -> Reply:
        suggestion = self.registry.closest(name, platform)
        footer = t("did_you_mean", lang, name=suggestion) if suggestion else t("see_help", lang)
        return Reply(title=t("unknown_command", lang, name=name[:40]), footer=footer, ephemeral=True)

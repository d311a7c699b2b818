"""/subscribe, /unsubscribe, /schedule, /pause, /resume and /subscriptions: daily briefings per chat.

Handlers only read and write the subscriptions table (bot/subscriptions.py) and then tell the
running scheduler, if there is one in this process, to move the chat's job.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from bot import subscriptions as subs
from bot.i18n import t
from bot.models import Item, Reply, Request
from bot.registry import Command

if TYPE_CHECKING:
    from bot.context import Context


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _refuse_unless_allowed(req: Request, lang: str) -> Reply | None:
    """Anyone may manage a private chat; in groups and channels bot admins or the chat's admins."""
    if req.chat_kind == "private" or req.is_admin or req.chat_admin:
        return None
    return Reply(title=t("sub_admins_only", lang), ephemeral=True)


def _next_line(sub: subs.Subscription, lang: str, now: datetime) -> str:
    when = subs.format_local(subs.next_run(sub.time, sub.zone, now), sub.timezone)
    return t("sub_next", lang, when=when)


def _state_line(sub: subs.Subscription, lang: str) -> str:
    if sub.state == subs.ACTIVE:
        return t("sub_state_active", lang)
    if sub.paused_reason and sub.paused_reason.startswith("gone: "):
        return t("sub_state_gone", lang, reason=sub.paused_reason[len("gone: "):])
    return t("sub_state_paused", lang)


def _last_line(ctx: "Context", sub: subs.Subscription, lang: str) -> str:
    last = subs.last_delivery(ctx.store, sub.id)
    if last is None:
        return t("sub_last_none", lang)
    status = t(f"sub_status_{last.status}", lang)
    if last.error and last.status in (subs.FAILED, subs.GONE, subs.UNCERTAIN):
        status += f": {last.error[:120]}"
    return t("sub_last", lang, status=status, day=last.local_date)


def _parse_subscribe_args(ctx: "Context", args: str, lang: str) -> tuple[str, str] | Reply:
    """(HH:MM, zone) from "[HH:MM] [zone]" in either order, or the Reply explaining the error."""
    hhmm: str | None = None
    zone: str | None = None
    words = args.split()
    if len(words) > 2:  # a zone of several words: "07:00 Western Indonesia Time", "WITA 06:30"
        time_words = [w for w in (words[0], words[-1]) if subs.parse_hhmm(w)]
        rest = [w for w in words if w not in time_words[:1]] if len(time_words) == 1 else []
        if not rest or subs.resolve_timezone(" ".join(rest)) is None:
            return Reply(title=t("sub_usage", lang), ephemeral=True)
        words = [time_words[0], " ".join(rest)]
    for word in words:
        parsed = subs.parse_hhmm(word)
        if parsed is not None and hhmm is None:
            hhmm = parsed
            continue
        resolved = subs.resolve_timezone(word)
        if resolved is not None and zone is None:
            zone = resolved
            continue
        if parsed is not None or resolved is not None:  # the same kind given twice
            return Reply(title=t("sub_usage", lang), ephemeral=True)
        if any(ch.isdigit() for ch in word) and "/" not in word and not word[:1].isalpha():
            return Reply(title=t("sub_bad_time", lang, value=word[:20]), ephemeral=True)
        suggestion = subs.closest_timezone(word)
        if suggestion:
            return Reply(title=t("sub_bad_zone_hint", lang, value=word[:40], suggestion=suggestion), ephemeral=True)
        return Reply(title=t("sub_bad_zone", lang, value=word[:40]), ephemeral=True)
    return hhmm or ctx.settings.schedule.default_time, zone or ctx.settings.bot.timezone


def subscribe(ctx: "Context", req: Request, lang: str) -> Reply:
    refusal = _refuse_unless_allowed(req, lang)
    if refusal:
        return refusal
    parsed = _parse_subscribe_args(ctx, req.args, lang)
    if isinstance(parsed, Reply):
        return parsed
    hhmm, zone = parsed
    now = _now()
    sub, created = subs.subscribe(ctx.store, req.platform, req.chat, req.chat_kind, hhmm, zone, req.principal, now,
                                  thread=req.thread)
    ctx.subscription_changed(sub.id)
    title = t("sub_created" if created else "sub_updated", lang, time=sub.time, zone=sub.timezone)
    return Reply(title=title, footer=_next_line(sub, lang, now))


def _current(ctx: "Context", req: Request) -> subs.Subscription | None:
    sub = subs.get(ctx.store, req.platform, req.chat)
    return sub if sub is not None and sub.state != subs.UNSUBSCRIBED else None


def _changeable(ctx: "Context", req: Request, lang: str) -> "subs.Subscription | Reply":
    """The chat's subscription when this user may change it; otherwise the reply saying why not."""
    refusal = _refuse_unless_allowed(req, lang)
    if refusal:
        return refusal
    sub = _current(ctx, req)
    return sub if sub is not None else Reply(title=t("sub_none", lang), ephemeral=True)


def unsubscribe(ctx: "Context", req: Request, lang: str) -> Reply:
    sub = _changeable(ctx, req, lang)
    if isinstance(sub, Reply):
        return sub
    subs.set_state(ctx.store, sub.id, subs.UNSUBSCRIBED, _now())
    ctx.subscription_changed(sub.id)
    return Reply(title=t("sub_stopped", lang))


def pause(ctx: "Context", req: Request, lang: str) -> Reply:
    sub = _changeable(ctx, req, lang)
    if isinstance(sub, Reply):
        return sub
    if sub.state == subs.PAUSED:
        return Reply(title=t("sub_already_paused", lang), ephemeral=True)
    subs.set_state(ctx.store, sub.id, subs.PAUSED, _now())
    ctx.subscription_changed(sub.id)
    return Reply(title=t("sub_paused", lang))


def resume(ctx: "Context", req: Request, lang: str) -> Reply:
    sub = _changeable(ctx, req, lang)
    if isinstance(sub, Reply):
        return sub
    if sub.state == subs.ACTIVE:
        return Reply(title=t("sub_already_active", lang), footer=_next_line(sub, lang, _now()), ephemeral=True)
    now = _now()
    subs.set_state(ctx.store, sub.id, subs.ACTIVE, now)
    ctx.subscription_changed(sub.id)
    return Reply(title=t("sub_resumed", lang, time=sub.time, zone=sub.timezone), footer=_next_line(sub, lang, now))


def schedule(ctx: "Context", req: Request, lang: str) -> Reply:
    """Anyone may look: the chat's subscription, its next delivery and the last result."""
    sub = _current(ctx, req)
    if sub is None:
        return Reply(title=t("sub_none", lang))
    lines = [_state_line(sub, lang)]
    if sub.state == subs.ACTIVE:
        lines.append(_next_line(sub, lang, _now()))
    lines.append(_last_line(ctx, sub, lang))
    return Reply(title=t("sub_title", lang, time=sub.time, zone=sub.timezone), items=[Item(text=x) for x in lines])


def subscriptions(ctx: "Context", req: Request, lang: str) -> Reply:
    """Admins: every subscription on every platform, its next delivery and last result."""
    rows = subs.listed(ctx.store)
    if not rows:
        return Reply(title=t("sub_list_empty", lang))
    now = _now()
    items = []
    for sub in rows:
        parts = [f"{sub.platform}:{sub.chat} ({sub.chat_kind})", f"{sub.time} {sub.timezone}", _state_line(sub, lang)]
        if sub.state == subs.ACTIVE:
            parts.append(_next_line(sub, lang, now))
        parts.append(_last_line(ctx, sub, lang))
        items.append(Item(text=" · ".join(parts), extra={"subscription": sub.id, "state": sub.state}))
    return Reply(title=t("sub_list_title", lang, count=len(rows)), items=items)


def _help(key: str) -> dict[str, str]:
    return {lang: t(key, lang) for lang in ("id", "en")}


def register(ctx: "Context") -> None:
    add = ctx.registry.add
    add(Command("subscribe", subscribe, _help("help_subscribe"), usage="[HH:MM] [TIME ZONE]",
                aliases=("langganan",)))
    add(Command("unsubscribe", unsubscribe, _help("help_unsubscribe"), aliases=("berhenti",)))
    add(Command("schedule", schedule, _help("help_schedule"), aliases=("jadwal",)))
    add(Command("pause", pause, _help("help_pause"), aliases=("jeda",)))
    add(Command("resume", resume, _help("help_resume"), aliases=("lanjut",)))
    add(Command("subscriptions", subscriptions, _help("help_subscriptions"), admin=True))

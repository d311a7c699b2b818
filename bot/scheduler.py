"""Scheduled daily briefings: APScheduler 3.x wiring and the exactly-once send path.

APScheduler decides *when to look*; the delivery log in SQLite decides *whether to send*.
Each subscription has a CronTrigger job in its own time zone that fires at its local time, and
one interval job ("sweep") looks every minute for anything owed: a slot missed while the
process was down (start-up catch-up), a definite failure waiting for its retry, a fire lost to a
suspended machine. Both paths end in `_deliver`, whose first write is a claim that the UNIQUE
(subscription, local date) index lets succeed once, so overlapping paths cannot double-send.

The jobs live in APScheduler's memory job store and are rebuilt from the subscriptions table at
every start: the table is the single source of truth, and a persistent job store would be a
second copy to keep in step (and would pickle our bound methods).

Send path, in this order (see docs/schedule.md):
  1. claim: insert the day's row as "sending" (attempt recorded, committed)
  2. build the briefing
  3. adapter.deliver(chat, reply)
  4. record the outcome: "sent", or "gone"/"failed"/"uncertain"
A crash after 1 and before 4 leaves "sending", which start-up turns into "uncertain" and never
resends: the worst case is one briefing that may not have arrived, never a duplicate.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Callable, Mapping

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot import subscriptions as subs
from bot.briefing import build_brief
from bot.i18n import english, t
from bot.models import Reply
from bot.platform import Adapter, ChatGone

if TYPE_CHECKING:
    from bot.context import Context

log = logging.getLogger(__name__)
UTC = timezone.utc
Clock = Callable[[], datetime]
Checkpoint = Callable[[str, int], None]  # (step, subscription id)
SWEEP_JOB = "briefings:sweep"


def utc_now() -> datetime:
    return datetime.now(UTC)


def job_id(sub_id: int) -> str:
    return f"briefing:{sub_id}"


def _ambiguous(exc: BaseException) -> bool:
    """A timeout may come after the platform accepted the message: resending could duplicate."""
    if isinstance(exc, TimeoutError):
        return True
    names = (cls.__name__.lower() for cls in type(exc).__mro__)
    return any("timeout" in name or "timedout" in name for name in names)


class BriefingScheduler:
    """Owns the AsyncIOScheduler of the `run` process and delivers the daily briefings."""

    def __init__(self, ctx: "Context", adapters: Mapping[str, Adapter], clock: Clock = utc_now,
                 checkpoint: Checkpoint | None = None, leading: Callable[[], bool] | None = None) -> None:
        self.ctx = ctx
        self.adapters = adapters
        self.clock = clock
        # Tests inject a callable here to simulate the process dying between two steps.
        self.checkpoint: Checkpoint = checkpoint or (lambda step, sub_id: None)
        # Whether this process still holds the scheduler lease (bot/coordination/lease.py), asked
        # before each claim; True while standby (another `run` process leads), for the health report.
        self.leading: Callable[[], bool] = leading or (lambda: True)
        self.standby = False
        settings = ctx.settings
        self.grace = timedelta(hours=settings.schedule.grace_hours)
        self.max_attempts = max(1, settings.schedule.max_attempts)
        self.retry_after = timedelta(minutes=settings.schedule.retry_minutes)
        self.send_when_empty = settings.schedule.send_when_empty
        self.window = timedelta(hours=settings.brief.window_hours)
        # At most this many days are between "claimed" and "outcome recorded" at once. It bounds
        # the worst case of a crash during a large fan-out (each such day ends up "uncertain"),
        # while the adapters' own pacing still sees enough concurrent sends to stay busy.
        self._send_slots = asyncio.Semaphore(max(1, settings.schedule.max_concurrent_sends))
        # A send that has not returned by then is abandoned as "uncertain": a hung chat must not
        # hold a send slot forever.
        self.send_timeout = float(settings.schedule.send_timeout_seconds)
        # misfire_grace_time: a cron fire delayed (blocked loop, suspended host) by less than the
        # grace period still runs; coalesce: several missed fires of one job run once. Either
        # way the delivery log, not APScheduler, decides whether anything is sent.
        self.aps = self._new_aps()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._inflight: dict[int, asyncio.Task[None]] = {}
        self._again: dict[int, datetime] = {}  # sub id -> a later look requested while it ran
        self._stopping = False

    def _new_aps(self) -> AsyncIOScheduler:
        return AsyncIOScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": int(self.grace.total_seconds()) or 1})

    # ---- lifecycle -----------------------------------------------------------------
    async def start(self) -> None:
        """Close interrupted sends, rebuild the jobs from the table, start, and catch up.

        Also after a stop(): a `run` process that lost the scheduler lease and took it again.
        """
        if self._stopping:
            self.aps, self._stopping = self._new_aps(), False
        self.loop = asyncio.get_running_loop()
        interrupted = await asyncio.to_thread(subs.mark_interrupted_uncertain, self.ctx.store, self.clock())
        if interrupted:
            log.warning("%s", english("{count} {count:briefing was|briefings were} being sent when the process "
                                      "stopped: marked uncertain, not resent", count=interrupted))
        for sub in await asyncio.to_thread(subs.listed, self.ctx.store, (subs.ACTIVE,)):
            self.sync_job(sub.id, sub)
        self.aps.add_job(self._sweep, IntervalTrigger(minutes=1, timezone=UTC), id=SWEEP_JOB,
                         name="briefings: catch-up and retries", replace_existing=True)
        self.aps.start()
        self.ctx.subscription_changed.connect(self._subscription_changed)
        jobs = sum(1 for job in self.aps.get_jobs() if job.id.startswith("briefing:"))
        log.info("%s", english("scheduler started with {jobs} briefing {jobs:job|jobs}", jobs=jobs))
        self.run_due()  # start-up catch-up: anything owed within the grace period goes now

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop firing, let sends in flight finish (up to `timeout`), cancel the rest."""
        self.ctx.subscription_changed.disconnect(self._subscription_changed)
        self._stopping = True
        if self.aps.running:
            self.aps.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler.shutdown runs on the next loop turn
        await self.drain(timeout)
        for task in list(self._inflight.values()):
            task.cancel()
        await asyncio.gather(*self._inflight.values(), return_exceptions=True)

    async def drain(self, timeout: float | None = None) -> None:
        """Wait for the deliveries in flight, including re-runs they queue (tests and shutdown)."""
        deadline = None if timeout is None else asyncio.get_running_loop().time() + timeout
        while True:
            pending = [task for task in self._inflight.values() if not task.done()]
            if not pending:
                await asyncio.sleep(0)  # let done-callbacks queue their re-runs
                if not any(not task.done() for task in self._inflight.values()):
                    return
                continue
            left = None if deadline is None else deadline - asyncio.get_running_loop().time()
            if left is not None and left <= 0:
                return
            await asyncio.wait(pending, timeout=left)

    @property
    def scheduler(self) -> AsyncIOScheduler:
        """The APScheduler instance, for other periodic jobs (e.g. the feed refresh)."""
        return self.aps

    # ---- jobs ------------------------------------------------------------------------
    def _subscription_changed(self, sub_id: int) -> None:
        """A command changed a subscription: update its job on our loop (handlers run in worker threads)."""
        if self.loop is not None and not self._stopping:
            self.loop.call_soon_threadsafe(self.sync_job, sub_id)

    def sync_job(self, sub_id: int, sub: subs.Subscription | None = None) -> None:
        """Make the subscription's cron job match the table: added, moved or removed."""
        sub = sub or subs.by_id(self.ctx.store, sub_id)
        if sub is None or sub.state != subs.ACTIVE:
            if self.aps.get_job(job_id(sub_id)) is not None:
                self.aps.remove_job(job_id(sub_id))
            return
        trigger = CronTrigger(hour=sub.hour, minute=sub.minute, timezone=sub.zone)
        self.aps.add_job(self._fire, trigger, args=[sub.id], id=job_id(sub.id), replace_existing=True,
                         name=f"briefing {sub.platform}:{sub.chat} {sub.time} {sub.timezone}")

    async def _fire(self, sub_id: int) -> None:
        """The cron job: hand off to a task, so APScheduler never holds (or cancels) a send."""
        self.spawn(sub_id, self.clock())

    async def _sweep(self) -> None:
        self.run_due()

    def run_due(self, now: datetime | None = None) -> list[asyncio.Task[None]]:
        """Start a delivery task for every active subscription; each decides if it owes one."""
        now = now or self.clock()
        ids = [sub.id for sub in subs.listed(self.ctx.store, (subs.ACTIVE,)) if sub.platform in self.adapters]
        return [self.spawn(sub_id, now) for sub_id in ids]

    def spawn(self, sub_id: int, now: datetime) -> asyncio.Task[None]:
        """One task per subscription at a time: a slow chat delays nobody, and never itself twice.

        A request that arrives while the subscription's task is still running (a cron fire
        during a sweep that looked a moment too early) is kept and run right after it.
        """
        running = self._inflight.get(sub_id)
        if running is not None and not running.done():
            self._again[sub_id] = max(now, self._again.get(sub_id, now))
            return running
        task = asyncio.get_running_loop().create_task(self._deliver(sub_id, now), name=f"briefing-{sub_id}")
        self._inflight[sub_id] = task
        task.add_done_callback(lambda done, key=sub_id: self._finished(key, done))
        return task

    def _finished(self, sub_id: int, task: asyncio.Task[None]) -> None:
        if self._inflight.get(sub_id) is task:
            del self._inflight[sub_id]
        if not task.cancelled() and isinstance(task.exception(), Exception):
            log.error("briefing for subscription %d failed", sub_id, exc_info=task.exception())
        again = self._again.pop(sub_id, None)
        if again is not None and not self._stopping:
            self.spawn(sub_id, again)

    # ---- the send path ------------------------------------------------------------
    def _plan(self, sub_id: int, now: datetime) -> tuple[subs.Subscription, Adapter, date, datetime] | None:
        """What `_deliver` should attempt now, if anything (reads only, except a "missed" row).

        This is a cheap shortcut for the every-minute sweep; the claim that follows is what
        actually guarantees at most one send, even if two callers both get a plan.
        """
        store = self.ctx.store
        sub = subs.by_id(store, sub_id)
        adapter = self.adapters.get(sub.platform) if sub else None
        if sub is None or sub.state != subs.ACTIVE or adapter is None:
            return None  # no adapter this run: leave the day open for a run that has one
        due = subs.due_slot(sub, now, self.grace)
        if due is None:
            return None
        day, instant, in_grace = due
        row = subs.delivery_for(store, sub.id, day.isoformat())
        if row is not None and not (row.status == subs.FAILED and row.attempts < self.max_attempts):
            return None
        if not in_grace:
            if row is None and subs.record_missed(store, sub, day, instant, now):
                log.warning("briefing %s:%s for %s skipped: found %s, more than %s after its time %s",
                            sub.platform, sub.chat, day, now.isoformat(timespec="minutes"), self.grace,
                            instant.isoformat(timespec="minutes"))
            return None
        return sub, adapter, day, instant

    async def _deliver(self, sub_id: int, now: datetime) -> None:
        plan = await asyncio.to_thread(self._plan, sub_id, now)
        if plan is None:
            return
        async with self._send_slots:  # claim only when a send can follow at once
            await self._claim_build_send(plan, now)

    async def _claim_build_send(self, plan: tuple[subs.Subscription, Adapter, date, datetime],
                                now: datetime) -> None:
        store = self.ctx.store
        sub, adapter, day, instant = plan
        if not self.leading():  # the lease went to another process: it sends from now on
            return
        # 1. record the attempt; from here on this day can never be sent by anyone else.
        if not await asyncio.to_thread(subs.claim, store, sub, day, instant, now, self.max_attempts,
                                       self.retry_after):
            return
        self.checkpoint("claimed", sub.id)
        # 2. build
        try:
            since, reply = await asyncio.to_thread(self._build, sub, instant)
        except Exception as exc:  # nothing was sent: a definite failure, retried like one
            log.exception("building the briefing for %s:%s failed", sub.platform, sub.chat)
            await asyncio.to_thread(subs.finish, store, sub.id, day, subs.FAILED, self.clock(),
                                    error=f"building the briefing failed: {type(exc).__name__}: {exc}")
            return
        if reply is None:
            await asyncio.to_thread(subs.finish, store, sub.id, day, subs.EMPTY, self.clock(), since, 0)
            log.info("briefing %s:%s for %s: nothing new, not sent (send_when_empty = false)",
                     sub.platform, sub.chat, day)
            return
        self.checkpoint("built", sub.id)
        # 3. send
        try:
            await asyncio.wait_for(adapter.deliver(sub.chat, reply, thread=sub.thread), self.send_timeout)
        except ChatGone as exc:
            await asyncio.to_thread(self._gone, sub, day, str(exc) or type(exc).__name__)
            return
        except asyncio.CancelledError:
            # Shutdown interrupted the send: we cannot know if it arrived.
            await asyncio.to_thread(subs.finish, store, sub.id, day, subs.UNCERTAIN, self.clock(), since,
                                    error="cancelled during the send (shutdown)")
            raise
        except Exception as exc:
            status = subs.UNCERTAIN if _ambiguous(exc) else subs.FAILED
            error = f"{type(exc).__name__}: {exc or 'no answer from the platform in time'}"
            await asyncio.to_thread(subs.finish, store, sub.id, day, status, self.clock(), since, error=error)
            log.warning("briefing %s:%s for %s %s: %s", sub.platform, sub.chat, day,
                        "may or may not have arrived (not resent)" if status == subs.UNCERTAIN else "failed",
                        error)
            return
        self.checkpoint("delivered", sub.id)
        # 4. mark sent
        await asyncio.to_thread(subs.finish, store, sub.id, day, subs.SENT, self.clock(), since, len(reply.items))
        self.checkpoint("finished", sub.id)
        log.info("briefing %s:%s for %s sent (%d points)", sub.platform, sub.chat, day, len(reply.items))

    def _build(self, sub: subs.Subscription, instant: datetime) -> tuple[str, Reply | None]:
        """The briefing over what is new since the last certain delivery (None: nothing, don't send)."""
        store = self.ctx.store
        last = subs.content_since(store, sub.id)
        since = last or subs.iso(instant - self.window)
        lang = store.chat_language(sub.platform, sub.chat) or self.ctx.settings.bot.language
        # New to this chat: stored after the last certain delivery (never sent twice); news: published
        # within the window or since that delivery, whichever reaches further back (a feed that
        # lags still gets its item in, a feed's old items never do).
        published_since = min(since, subs.iso(instant - self.window))
        reply = build_brief(self.ctx, published_since, lang, ingested_since=last)
        if not reply.items:
            if not self.send_when_empty:
                return since, None
            # build_brief words the empty case in UTC; the chat reads its own time zone.
            reply = replace(reply, title=t("brief_empty", lang, since=subs.format_local(subs.parse_iso(since),
                                                                                   sub.timezone)))
        footer = t("schedule_footer", lang, time=sub.time, zone=sub.timezone)
        reply = replace(reply, footer=f"{reply.footer}\n{footer}" if reply.footer else footer)
        return since, reply

    def _gone(self, sub: subs.Subscription, day: date, reason: str) -> None:
        now = self.clock()
        subs.finish(self.ctx.store, sub.id, day, subs.GONE, now, error=reason)
        subs.set_state(self.ctx.store, sub.id, subs.PAUSED, now, reason=f"gone: {reason}")
        log.warning("chat %s:%s cannot be reached (%s): subscription paused", sub.platform, sub.chat, reason)
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.sync_job, sub.id)

"""Scheduled daily briefings: time arithmetic, commands, and the exactly-once send path.

A fake platform (an object implementing the adapter protocol, standing in for Telegram or Slack)
records what reaches each chat; a controllable clock drives the scheduler, so nothing sleeps.
"""
from __future__ import annotations

import asyncio
import logging
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot import subscriptions as subs
from bot.app import BotApp
from bot.models import Reply, Request
from bot.platform import ChatGone
from bot.scheduler import SWEEP_JOB, BriefingScheduler, job_id
from bot.settings import load_settings

UTC = timezone.utc
JAKARTA = ZoneInfo("Asia/Jakarta")
BERLIN = ZoneInfo("Europe/Berlin")


class SimulatedCrash(BaseException):
    """The process dies here: not an Exception, so no `except Exception` in the code catches it."""


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class FakePlatform:
    """Stands in for a chat platform: records deliveries, and can refuse, fail, stall or crash."""

    platform: str = "telegram"
    sent: list[tuple[str, Reply]] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)
    errors: dict[str, BaseException] = field(default_factory=dict)  # raised once per chat
    stall: dict[str, asyncio.Event] = field(default_factory=dict)  # chat waits for the event
    crash_after_accept: bool = False

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def deliver(self, chat: str, reply: Reply, thread: str | None = None) -> None:
        if chat in self.gone:
            raise ChatGone("Forbidden: bot was blocked by the user")
        if chat in self.errors:
            raise self.errors.pop(chat)
        if chat in self.stall:
            await self.stall[chat].wait()
        self.sent.append((chat, reply))
        if self.crash_after_accept:
            raise SimulatedCrash("after the platform accepted the message")

    def to(self, chat: str) -> list[Reply]:
        return [reply for target, reply in self.sent if target == chat]


@pytest.fixture
def db_file(seeded_db: Path, tmp_path: Path, clean_env: None) -> Path:
    copy = tmp_path / "bot.db"
    shutil.copy(seeded_db, copy)
    return copy


def new_app(db_file: Path, config: str | None = None) -> BotApp:
    """A fresh process's view of the same database file (what a restart sees)."""
    return BotApp(load_settings(config, env={}, db_path=str(db_file)))


def subscribe(app: BotApp, chat: str, hhmm: str, zone: str, at: datetime, platform: str = "telegram",
              kind: str = "private") -> subs.Subscription:
    sub, _ = subs.subscribe(app.store, platform, chat, kind, hhmm, zone, "test", at)
    return sub


def next_jakarta_seven_after(moment: datetime) -> datetime:
    return subs.next_run("07:00", JAKARTA, moment)


async def run_at(app: BotApp, platform: FakePlatform, clock: Clock, **kw) -> BriefingScheduler:
    """One sweep at `clock.now` without starting APScheduler: what the minute job does."""
    scheduler = BriefingScheduler(app.context, {platform.platform: platform}, clock=clock, **kw)
    scheduler.loop = asyncio.get_running_loop()
    await asyncio.gather(*scheduler.run_due(), return_exceptions=True)
    return scheduler


async def restart(db_file: Path, platform: FakePlatform, clock: Clock, **kw) -> BriefingScheduler:
    """A new process: new app on the same file, scheduler started (catch-up included) and drained."""
    scheduler = BriefingScheduler(new_app(db_file).context, {platform.platform: platform}, clock=clock, **kw)
    await scheduler.start()
    await scheduler.drain()
    return scheduler


def statuses(app: BotApp) -> list[tuple[str, str]]:
    return [(r["local_date"], r["status"]) for r in app.store.query(
        "select local_date, status from deliveries order by subscription_id, local_date")]


# ---- time arithmetic -----------------------------------------------------------------
def test_next_run_follows_each_time_zone():
    after = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)
    assert subs.next_run("07:00", JAKARTA, after) == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    assert subs.next_run("07:00", BERLIN, after) == datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
    assert subs.next_run("07:00", ZoneInfo("America/New_York"), after) == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert subs.next_run("05:45", ZoneInfo("Asia/Kathmandu"), after) == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    # exactly at the slot, the next one is tomorrow's
    assert subs.next_run("07:00", JAKARTA, datetime(2026, 11, 23, 0, 0, tzinfo=UTC)) == \
        datetime(2026, 11, 24, 0, 0, tzinfo=UTC)


def test_berlin_seven_stays_seven_local_across_both_dst_changes():
    """07:00 Europe/Berlin is 05:00 UTC in summer time and 06:00 UTC in winter time."""
    runs, moment = [], datetime(2026, 10, 23, 12, 0, tzinfo=UTC)
    for _ in range(4):
        moment = subs.next_run("07:00", BERLIN, moment)
        runs.append(moment)
    assert [r.astimezone(BERLIN).strftime("%d %H:%M") for r in runs] == ["24 07:00", "25 07:00", "26 07:00", "27 07:00"]
    assert [r.hour for r in runs] == [5, 6, 6, 6]  # the clocks went back on Sunday 25 October
    spring = subs.next_run("07:00", BERLIN, datetime(2026, 3, 27, 12, 0, tzinfo=UTC))  # Sat 28th, CET
    spring2 = subs.next_run("07:00", BERLIN, spring)
    assert (spring.hour, spring2.hour) == (6, 5) and spring2 - spring == timedelta(hours=23)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Asia/Jakarta", "Australia/Sydney"])
def test_next_run_agrees_with_apscheduler_cron_trigger_through_a_year(zone):
    """The pure arithmetic and APScheduler's CronTrigger fire at the same instants at 07:00."""
    tz = ZoneInfo(zone)
    trigger = CronTrigger(hour=7, minute=0, timezone=tz)
    now = datetime(2026, 1, 1, 0, 0, 30, tzinfo=UTC)
    while now.year == 2026:
        assert subs.next_run("07:00", tz, now) == trigger.get_next_fire_time(None, now)
        now += timedelta(hours=7)


def test_a_wall_time_skipped_by_dst_is_still_delivered_that_day():
    """00:30 Europe/Berlin on the nights around the spring change: one slot every local day."""
    days = set()
    moment = datetime(2026, 3, 26, 12, 0, tzinfo=UTC)
    for _ in range(6):
        moment = subs.next_run("00:30", BERLIN, moment)
        days.add(moment.astimezone(BERLIN).date())
    assert len(days) == 6 and max(days) - min(days) == timedelta(days=5)
    gap = subs.next_run("02:30", BERLIN, datetime(2026, 3, 28, 12, 0, tzinfo=UTC))  # 02:30 does not exist
    assert gap.astimezone(BERLIN).strftime("%m-%d %H:%M") == "03-29 03:30"


def test_due_slot_respects_grace_and_subscription_start():
    sub = subs.Subscription(1, "telegram", "1", "private", "07:00", "Asia/Jakarta", subs.ACTIVE, None,
                            datetime(2026, 11, 20, 0, 0, tzinfo=UTC))
    grace = timedelta(hours=6)
    day, slot, fresh = subs.due_slot(sub, datetime(2026, 11, 22, 5, 59, tzinfo=UTC), grace)
    assert (str(day), slot.hour, fresh) == ("2026-11-22", 0, True)
    assert subs.due_slot(sub, datetime(2026, 11, 22, 6, 1, tzinfo=UTC), grace)[2] is False
    late = subs.Subscription(**{**sub.__dict__, "active_since": datetime(2026, 11, 22, 3, 0, tzinfo=UTC)})
    assert subs.due_slot(late, datetime(2026, 11, 22, 4, 0, tzinfo=UTC), grace) is None


# ---- commands --------------------------------------------------------------------------
def ask(app: BotApp, command: str, args: str = "", **kw) -> Reply:
    base = {"platform": "telegram", "chat": "100", "user": "7"}
    base.update(kw)
    return app.handle(Request(command=command, args=args, **base))


def test_subscribe_defaults_and_explicit_time_zone(app):
    reply = ask(app, "subscribe")
    assert reply.title == "Berlangganan: ringkasan harian pukul 07:00 (Asia/Jakarta)."
    assert "WIB" in reply.footer
    reply = ask(app, "subscribe", "7:30 europe/berlin")
    assert reply.title == "Langganan diperbarui: ringkasan harian pukul 07:30 (Europe/Berlin)."
    shown = ask(app, "schedule")
    assert shown.title == "Ringkasan harian pukul 07:30 (Europe/Berlin)"
    assert [i.text.split(":")[0] for i in shown.items] == ["Status", "Berikutnya", "Terakhir"]
    assert "CET" in shown.items[1].text or "CEST" in shown.items[1].text


@pytest.mark.parametrize("args, expected", [
    ("25:00", 'Jam tidak valid: "25:00". Gunakan HH:MM antara 00:00 dan 23:59, misalnya 07:00.'),
    ("07:00 Europe/Berln", 'Zona waktu tidak dikenal: "Europe/Berln". Maksud Anda Europe/Berlin?'),
    ("07:00 Mars/Olympus", 'Zona waktu tidak dikenal: "Mars/Olympus". Gunakan WIB, WITA, WIT atau nama IANA, misalnya Asia/Jakarta.'),
    ("07:00 08:00", "Gunakan: /subscribe [HH:MM] [zona waktu], misalnya /subscribe 07:00 Asia/Jakarta"),
    ("07:00 UTC extra", "Gunakan: /subscribe [HH:MM] [zona waktu], misalnya /subscribe 07:00 Asia/Jakarta"),
])
def test_subscribe_explains_bad_input(app, args, expected):
    reply = ask(app, "subscribe", args)
    assert (reply.title, reply.ephemeral) == (expected, True)
    assert subs.get(app.store, "telegram", "100") is None


@pytest.mark.parametrize("args, zone", [
    ("07:00 WIB", "Asia/Jakarta"),
    ("wita 06:30", "Asia/Makassar"),
    ("07.15 WIT", "Asia/Jayapura"),
    ("07:00 Western Indonesia Time", "Asia/Jakarta"),
    ("Central  Indonesian time 08:00", "Asia/Makassar"),
    ("07:00 Waktu Indonesia Timur", "Asia/Jayapura"),
])
def test_subscribe_accepts_indonesian_zone_abbreviations_and_names(app, args, zone):
    reply = ask(app, "subscribe", args)
    assert reply.ephemeral is False, reply.title
    sub = subs.get(app.store, "telegram", "100")
    assert sub.timezone == zone
    # and the bot names it back the way the user typed it: "WIB", "WITA", "WIT"
    assert {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}[zone] in reply.footer


def test_a_bot_timezone_alias_in_the_config_is_the_default_zone(tmp_path, seeded_db):
    config = tmp_path / "c.toml"
    config.write_text('[bot]\ntimezone = "WITA"\n', encoding="utf-8")
    db = tmp_path / "a.db"
    shutil.copy(seeded_db, db)
    app = BotApp(load_settings(config, env={}, db_path=str(db)))
    assert app.settings.bot.timezone == "Asia/Makassar"
    ask(app, "subscribe", "07:00")
    assert subs.get(app.store, "telegram", "100").timezone == "Asia/Makassar"


def test_subscribe_errors_in_english(app):
    ask(app, "lang", "en")
    assert ask(app, "subscribe", "9:75").title.startswith('Invalid time: "9:75"')
    assert ask(app, "pause").title.startswith("This chat has no daily briefing")


def test_non_admin_in_a_group_is_refused(app):
    group = {"chat": "-500", "chat_kind": "group"}
    for command in ("subscribe", "unsubscribe", "pause", "resume"):
        reply = ask(app, command, **group)
        assert reply.title == "Di grup dan kanal, hanya admin yang dapat mengubah langganan ringkasan."
    assert subs.get(app.store, "telegram", "-500") is None
    assert ask(app, "schedule", **group).title.startswith("Obrolan ini belum berlangganan")  # looking is fine
    assert ask(app, "subscriptions", **group).title.startswith("/subscriptions hanya untuk admin")
    # the group's own admin may, and so may a bot admin from config (in a channel too)
    assert ask(app, "subscribe", **group, chat_admin=True).title.startswith("Berlangganan")
    assert ask(app, "pause", **group, chat_admin=True).title.startswith("Ringkasan harian dijeda")
    assert ask(app, "subscribe", platform="console", chat="c", user="operator",
               chat_kind="channel").title.startswith("Berlangganan")


def test_pause_resume_unsubscribe_keep_settings(app):
    ask(app, "subscribe", "06:15 Asia/Makassar")
    assert ask(app, "pause").title.startswith("Ringkasan harian dijeda")
    assert ask(app, "pause").title.startswith("Ringkasan harian sudah dijeda")
    assert ask(app, "schedule").items[0].text == "Status: dijeda"
    assert ask(app, "resume").title == "Ringkasan harian dilanjutkan pukul 06:15 (Asia/Makassar)."
    assert ask(app, "resume").title == "Ringkasan harian sudah aktif."
    assert ask(app, "unsubscribe").title.startswith("Langganan dihentikan")
    assert ask(app, "schedule").title.startswith("Obrolan ini belum berlangganan")
    assert ask(app, "unsubscribe").title.startswith("Obrolan ini belum berlangganan")


def test_subscriptions_lists_every_platform_for_admins(app):
    ask(app, "subscribe", "07:00")
    ask(app, "subscribe", "08:00 UTC", platform="slack", chat="C1", user="U1", chat_kind="channel", chat_admin=True)
    reply = ask(app, "subscriptions", platform="console", chat="local", user="operator")
    assert reply.title == "Langganan (2)"
    assert [i.text.split(" ")[0] for i in reply.items] == ["slack:C1", "telegram:100"]
    assert all("Berikutnya:" in i.text and "Terakhir: belum pernah dikirim" in i.text for i in reply.items)


# ---- the scheduler -------------------------------------------------------------------
async def test_jobs_are_rebuilt_from_the_table_after_a_restart(db_file):
    app = new_app(db_file)
    now = datetime.now(UTC)
    kept = subscribe(app, "1", "07:00", "Europe/Berlin", now)
    paused = subscribe(app, "2", "08:00", "Asia/Jakarta", now)
    subs.set_state(app.store, paused.id, subs.PAUSED, now)
    platform = FakePlatform()
    for _ in range(2):  # before and after a restart: the same jobs, from the table alone
        scheduler = BriefingScheduler(new_app(db_file).context, {"telegram": platform}, clock=lambda: now)
        await scheduler.start()
        job = scheduler.aps.get_job(job_id(kept.id))
        assert job is not None and scheduler.aps.get_job(job_id(paused.id)) is None
        assert scheduler.aps.get_job(SWEEP_JOB) is not None
        assert job.next_run_time == subs.next_run("07:00", BERLIN, datetime.now(UTC))
        assert job.misfire_grace_time == 6 * 3600 and job.coalesce
        await scheduler.stop()
        assert not scheduler.aps.running


async def test_subscription_commands_reach_the_running_scheduler_through_the_context_hook(db_file):
    """/subscribe and /pause run in a worker thread; the scheduler hears of them through
    Context.subscription_changed and moves its job; once stopped it no longer listens."""
    app = new_app(db_file)
    scheduler = BriefingScheduler(app.context, {"telegram": FakePlatform()})
    await scheduler.start()
    try:
        admin = Request("telegram", "77", "5", command="subscribe", args="06:30 Asia/Jakarta", chat_admin=True)
        await app.handle_async(admin)
        sub = subs.get(app.store, "telegram", "77")
        await asyncio.sleep(0.05)  # the hook hands sync_job to the loop with call_soon_threadsafe
        job = scheduler.aps.get_job(job_id(sub.id))
        assert job is not None and str(job.trigger).startswith("cron[") and "minute='30'" in str(job.trigger)
        await app.handle_async(Request("telegram", "77", "5", command="pause", chat_admin=True))
        await asyncio.sleep(0.05)
        assert scheduler.aps.get_job(job_id(sub.id)) is None
    finally:
        await scheduler.stop()
    await app.handle_async(Request("telegram", "77", "5", command="resume", chat_admin=True))
    assert subs.get(app.store, "telegram", "77").state == subs.ACTIVE  # no listener left, nothing raised
    app.close()


async def test_a_cron_fire_goes_through_apscheduler_and_delivers(db_file):
    app = new_app(db_file)
    slot = next_jakarta_seven_after(datetime.now(UTC))
    sub = subscribe(app, "42", "07:00", "Asia/Jakarta", slot - timedelta(hours=20))
    clock, platform = Clock(slot - timedelta(hours=1)), FakePlatform()
    scheduler = BriefingScheduler(app.context, {"telegram": platform}, clock=clock)
    await scheduler.start()
    assert platform.sent == []  # an hour early: nothing owed yet
    clock.now = slot + timedelta(seconds=5)
    scheduler.aps.get_job(job_id(sub.id)).modify(next_run_time=datetime.now(UTC))  # "it is 07:00 now"
    for _ in range(100):
        await asyncio.sleep(0.01)
        if platform.sent:
            break
    await scheduler.drain()
    await scheduler.stop()
    assert [chat for chat, _ in platform.sent] == ["42"]
    reply = platform.sent[0][1]
    assert reply.items and reply.title.startswith("Ringkasan:")
    assert reply.footer.endswith("Ringkasan harian pukul 07:00 (Asia/Jakarta). /pause untuk menjeda, "
                                 "/unsubscribe untuk berhenti.")
    assert statuses(app) == [(str(slot.astimezone(JAKARTA).date()), subs.SENT)]


async def test_a_delivery_missed_while_down_is_sent_on_start_up_within_grace(db_file):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    subscribe(new_app(db_file), "1", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    clock, platform = Clock(slot + timedelta(hours=5, minutes=59)), FakePlatform()
    await (await restart(db_file, platform, clock)).stop()
    assert len(platform.to("1")) == 1
    clock.advance(minutes=1)
    await (await restart(db_file, platform, clock)).stop()  # another restart: nothing more
    assert len(platform.to("1")) == 1


async def test_a_delivery_missed_beyond_grace_is_skipped_and_logged_never_sent(db_file, caplog):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    subscribe(app, "1", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    clock, platform = Clock(slot + timedelta(hours=6, minutes=1)), FakePlatform()
    with caplog.at_level(logging.WARNING, logger="bot.scheduler"):
        await (await restart(db_file, platform, clock)).stop()
    assert platform.sent == []
    assert "skipped" in caplog.text and "telegram:1" in caplog.text
    day = str(slot.astimezone(JAKARTA).date())
    assert statuses(app) == [(day, subs.MISSED)]
    clock.advance(hours=10)
    await (await restart(db_file, platform, clock)).stop()
    assert platform.sent == []  # still the same day's slot: never sent late
    clock.now = slot + timedelta(days=1, minutes=1)
    await run_at(app, platform, clock)
    assert len(platform.to("1")) == 1 and statuses(app)[-1][1] == subs.SENT


@pytest.mark.parametrize("step, arrived", [
    ("claimed", 0), ("built", 0), ("during_send", 1), ("delivered", 1), ("finished", 1)])
async def test_a_crash_at_any_step_of_the_send_path_never_causes_a_second_send(db_file, step, arrived):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    subscribe(app, "1", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    clock, platform = Clock(slot + timedelta(minutes=1)), FakePlatform()

    def crash_at(name: str, sub_id: int) -> None:
        if name == step:
            raise SimulatedCrash(name)

    platform.crash_after_accept = step == "during_send"
    scheduler = BriefingScheduler(app.context, {"telegram": platform}, clock=clock, checkpoint=crash_at)
    results = await asyncio.gather(*scheduler.run_due(), return_exceptions=True)
    assert any(isinstance(r, SimulatedCrash) for r in results)
    assert len(platform.sent) == arrived
    platform.crash_after_accept = False
    for minutes in (2, 30, 300):  # restarts through the rest of the grace period
        clock.now = slot + timedelta(minutes=minutes)
        await (await restart(db_file, platform, clock)).stop()
    assert len(platform.sent) == arrived  # never a second one
    expected = subs.SENT if step == "finished" else subs.UNCERTAIN
    assert statuses(app) == [(str(slot.astimezone(JAKARTA).date()), expected)]
    if expected == subs.UNCERTAIN:
        shown = ask(app, "schedule", chat="1")
        assert "tidak pasti terkirim (tidak diulang)" in shown.items[-1].text
    clock.now = slot + timedelta(days=1, minutes=1)  # the next day is a normal day again
    await run_at(app, platform, clock)
    assert len(platform.sent) == arrived + 1


async def test_nothing_new_sends_a_short_note_in_the_chat_time_zone(db_file):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    subscribe(app, "1", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    clock, platform = Clock(slot + timedelta(minutes=1)), FakePlatform()
    await run_at(app, platform, clock)
    first = platform.to("1")[0]
    assert first.items  # the seeds are new to this subscriber
    clock.advance(days=1)
    await run_at(app, platform, clock)
    second = platform.to("1")[1]
    built = next(app.store.query("select last_attempt_at from deliveries order by local_date limit 1"))
    expected_since = subs.parse_iso(built["last_attempt_at"]).astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M")
    assert second.items == [] and second.title == f"Tidak ada artikel baru sejak {expected_since} WIB."


async def test_nothing_new_sends_nothing_when_configured(db_file, tmp_path):
    config = tmp_path / "quiet.toml"
    config.write_text("[schedule]\nsend_when_empty = false\n")
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file, str(config))
    subscribe(app, "1", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    clock, platform = Clock(slot + timedelta(minutes=1)), FakePlatform()
    await run_at(app, platform, clock)
    clock.advance(days=1)
    await run_at(app, platform, clock)
    clock.advance(minutes=30)
    await run_at(app, platform, clock)
    assert len(platform.sent) == 1
    assert [status for _, status in statuses(app)] == [subs.SENT, subs.EMPTY]


@pytest.mark.parametrize("platform_name, error", [
    ("telegram", "Forbidden: bot was blocked by the user"), ("slack", "channel_not_found")])
async def test_a_chat_that_has_gone_pauses_its_subscription(db_file, caplog, platform_name, error):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    gone = subscribe(app, "dead", "07:00", "Asia/Jakarta", slot - timedelta(days=1), platform=platform_name)
    subscribe(app, "alive", "07:00", "Asia/Jakarta", slot - timedelta(days=1), platform=platform_name)
    platform = FakePlatform(platform=platform_name, errors={"dead": ChatGone(error)})
    clock = Clock(slot + timedelta(minutes=1))
    scheduler = BriefingScheduler(app.context, {platform_name: platform}, clock=clock)
    with caplog.at_level(logging.WARNING, logger="bot.scheduler"):
        await scheduler.start()
        await scheduler.drain()
        await asyncio.sleep(0)  # the job update is queued on the loop
        assert scheduler.aps.get_job(job_id(gone.id)) is None
        await scheduler.stop()
    assert [chat for chat, _ in platform.sent] == ["alive"]
    assert subs.by_id(app.store, gone.id).state == subs.PAUSED
    assert error in caplog.text and "subscription paused" in caplog.text
    shown = ask(app, "schedule", platform=platform_name, chat="dead")
    assert shown.items[0].text.startswith("Status: dijeda karena obrolan tidak dapat dijangkau")
    assert error in shown.items[0].text
    overview = ask(app, "subscriptions", platform="console", chat="local", user="operator")
    assert any(f"{platform_name}:dead" in i.text and error in i.text for i in overview.items)
    clock.advance(days=1)
    await run_at(app, platform, clock)
    assert [chat for chat, _ in platform.sent] == ["alive", "alive"]


async def test_a_slow_or_failing_chat_does_not_delay_the_others(db_file):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    for chat in ("slow", "broken", "a", "b", "c"):
        subscribe(app, chat, "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    release = asyncio.Event()
    platform = FakePlatform(stall={"slow": release}, errors={"broken": RuntimeError("Bad Request: chat not found")})
    clock = Clock(slot + timedelta(seconds=30))
    scheduler = BriefingScheduler(app.context, {"telegram": platform}, clock=clock)
    scheduler.loop = asyncio.get_running_loop()
    scheduler.run_due()
    for _ in range(200):
        if len(platform.sent) == 3:
            break
        await asyncio.sleep(0.01)
    assert sorted(chat for chat, _ in platform.sent) == ["a", "b", "c"]  # while "slow" still waits
    release.set()
    await scheduler.drain(5)
    assert sorted(chat for chat, _ in platform.sent) == ["a", "b", "c", "slow"]


async def test_a_definite_failure_is_retried_a_timeout_is_not(db_file):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    subscribe(app, "flaky", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    subscribe(app, "timeout", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    platform = FakePlatform(errors={"flaky": RuntimeError("Bad Gateway"), "timeout": TimeoutError("read timed out")})
    clock = Clock(slot + timedelta(minutes=1))
    await run_at(app, platform, clock)
    assert platform.sent == []
    clock.advance(minutes=5)
    await run_at(app, platform, clock)
    assert platform.sent == []  # retry_minutes (10) not yet over
    clock.advance(minutes=6)
    await run_at(app, platform, clock)
    assert [chat for chat, _ in platform.sent] == ["flaky"]  # the timed-out one may have arrived: not resent
    assert [status for _, status in statuses(app)] == [subs.SENT, subs.UNCERTAIN]


async def test_resubscribing_the_same_day_never_brings_a_second_briefing(db_file):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    subscribe(app, "1", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    clock, platform = Clock(slot + timedelta(minutes=1)), FakePlatform()
    await run_at(app, platform, clock)
    sub = subs.get(app.store, "telegram", "1")
    subs.set_state(app.store, sub.id, subs.UNSUBSCRIBED, clock.now)
    clock.advance(hours=1)
    subscribe(app, "1", "09:00", "Asia/Jakarta", clock.now)  # a later slot, the same local day
    clock.advance(hours=1, minutes=1)
    await run_at(app, platform, clock)
    assert len(platform.sent) == 1


async def test_subscribing_after_todays_time_starts_tomorrow(db_file):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    subscribe(app, "1", "07:00", "Asia/Jakarta", slot + timedelta(hours=1))
    clock, platform = Clock(slot + timedelta(hours=2)), FakePlatform()
    await run_at(app, platform, clock)
    assert platform.sent == []
    clock.now = slot + timedelta(days=1)
    await run_at(app, platform, clock)
    assert len(platform.sent) == 1


async def test_the_console_receives_scheduled_briefings_in_its_file(db_file, tmp_path):
    """`run` with the console adapter alone: a newcomer sees a briefing without any account."""
    from adapters.console import ConsoleAdapter
    from bot.runtime import serve

    app = new_app(db_file)
    now = datetime.now(UTC)
    earlier = now - timedelta(minutes=2)
    subscribe(app, "local", earlier.strftime("%H:%M"), "UTC", now - timedelta(hours=1), platform="console")
    out = tmp_path / "briefings.txt"
    stop = asyncio.Event()
    adapters = {"console": ConsoleAdapter(app, str(out))}
    scheduler = BriefingScheduler(app.context, adapters)
    server = asyncio.create_task(serve(app, adapters, stop, scheduler))
    for _ in range(300):
        if out.exists() and "Ringkasan harian pukul" in out.read_text(encoding="utf-8"):
            break
        await asyncio.sleep(0.02)
    from bot import sources

    assert scheduler.aps.get_job(sources.REFRESH_JOB_ID) is not None  # the feed refresh shares the scheduler
    stop.set()
    await asyncio.wait_for(server, 5)
    assert not scheduler.aps.running
    text = out.read_text(encoding="utf-8")
    assert text.startswith("[briefing for console:local]\nRingkasan:")
    assert text.count("[briefing for console:local]") == 1


async def test_a_hung_send_is_abandoned_as_uncertain_and_frees_its_slot(db_file):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    for chat in ("hung", "ok"):
        subscribe(app, chat, "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    platform = FakePlatform(stall={"hung": asyncio.Event()})  # never set
    clock = Clock(slot + timedelta(minutes=1))
    scheduler = BriefingScheduler(app.context, {"telegram": platform}, clock=clock)
    scheduler.loop = asyncio.get_running_loop()
    scheduler.send_timeout = 0.05
    scheduler._send_slots = asyncio.Semaphore(1)  # one send at a time: "ok" waits for "hung"'s slot
    await asyncio.wait_for(asyncio.gather(*scheduler.run_due()), 5)
    assert [chat for chat, _ in platform.sent] == ["ok"]
    assert [status for _, status in statuses(app)] == [subs.UNCERTAIN, subs.SENT]
    clock.advance(hours=1)
    await run_at(app, platform, clock)
    assert [chat for chat, _ in platform.sent] == ["ok"]  # the hung one is not resent


async def test_run_with_only_the_console_prints_a_due_briefing_and_stops_on_sigterm(db_file, tmp_path):
    """The newcomer's path: no platform account, BRIEFBOT_CONSOLE_ONLY=1 python -m bot run."""
    import os
    import signal
    import sys

    now = datetime.now(UTC)
    subscribe(new_app(db_file), "local", (now - timedelta(minutes=2)).strftime("%H:%M"), "UTC",
              now - timedelta(hours=1), platform="console")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("BRIEFBOT_", "TELEGRAM_", "SLACK_"))}
    env.update(BRIEFBOT_CONSOLE_ONLY="1", BRIEFBOT_DB=str(db_file))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=str(tmp_path), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    seen = b""
    try:
        while b"/unsubscribe" not in seen:
            seen += await asyncio.wait_for(process.stdout.readline(), 30)
        process.send_signal(signal.SIGTERM)
        rest, errors = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, errors.decode(errors="replace")[-2000:]
    text = seen.decode()
    assert "[briefing for console:local]" in text and "Ringkasan:" in text
    assert b"briefing console:local for" in errors and b"sent" in errors


async def test_a_briefing_that_cannot_be_built_is_a_retryable_failure_not_a_stuck_send(db_file, monkeypatch):
    slot = next_jakarta_seven_after(datetime.now(UTC))
    app = new_app(db_file)
    subscribe(app, "1", "07:00", "Asia/Jakarta", slot - timedelta(days=1))
    clock, platform = Clock(slot + timedelta(minutes=1)), FakePlatform()
    broken = BriefingScheduler(app.context, {"telegram": platform}, clock=clock)
    broken.loop = asyncio.get_running_loop()

    def corrupt(*args, **kwargs):
        raise ValueError("database disk image is malformed")

    monkeypatch.setattr(broken, "_build", corrupt)
    await asyncio.gather(*broken.run_due())
    assert platform.sent == [] and statuses(app)[0][1] == subs.FAILED
    clock.advance(minutes=11)
    await run_at(app, platform, clock)
    assert len(platform.sent) == 1 and statuses(app)[0][1] == subs.SENT

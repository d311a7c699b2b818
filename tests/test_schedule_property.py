"""Property: 30 simulated days with random downtime, restarts, crashes at every step of the send
path and chats that go away. Each subscription gets exactly one briefing on every day it was
active and reachable (and the process was up within the grace period), and never two.

The expected outcome of every (subscription, day) is computed here from the scenario alone,
independently of the delivery log; the fake platform's inbox is the ground truth checked.
"""
from __future__ import annotations

import asyncio
import tempfile
from itertools import pairwise
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import subscriptions as subs
from bot.app import BotApp
from bot.models import Reply
from bot.platform import ChatGone
from bot.scheduler import BriefingScheduler
from bot.settings import load_settings

UTC = timezone.utc
# 12 Oct - 11 Nov 2026: Berlin leaves summer time on 25 Oct, New York on 1 Nov.
START = datetime(2026, 10, 12, 0, 0, tzinfo=UTC)
DAYS = 30
TICK = timedelta(hours=3)  # the process looks (sweep) every 3 simulated hours while up
TICKS = DAYS * 24 // 3
GRACE = timedelta(hours=6)  # config default
SUBSCRIPTIONS = [("berlin", "07:00", "Europe/Berlin"), ("jakarta", "07:00", "Asia/Jakarta"),
                 ("newyork", "23:30", "America/New_York")]
STEPS = ("claimed", "built", "during_send", "delivered", "finished")
ARRIVES = {"claimed": False, "built": False, "during_send": True, "delivered": True, "finished": True}


class SimulatedCrash(BaseException):
    """The process dies at this point."""


@dataclass
class World:
    """The simulated environment: the clock, the tick, and what chats received."""

    now: datetime = START
    tick: int = 0
    crashes: dict[tuple[int, int], str] = field(default_factory=dict)  # (tick, sub index) -> step
    gone_from: dict[int, int] = field(default_factory=dict)  # sub index -> first unreachable tick
    inbox: list[tuple[int, datetime]] = field(default_factory=list)  # (sub index, when)
    crashed: bool = False
    index_of: dict[int, int] = field(default_factory=dict)  # subscription id -> sub index

    def clock(self) -> datetime:
        return self.now

    def checkpoint(self, step: str, sub_id: int) -> None:
        self._maybe_crash(step, self.index_of[sub_id])

    def _maybe_crash(self, step: str, index: int) -> None:
        if self.crashes.get((self.tick, index)) == step:
            self.crashed = True
            raise SimulatedCrash(step)


@dataclass
class SimPlatform:
    """A chat platform in the simulation: delivers, refuses gone chats, or dies mid-send."""

    world: World
    platform: str = "telegram"

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def deliver(self, chat: str, reply: Reply, thread: str | None = None) -> None:
        index = int(chat)
        if self.world.gone_from.get(index, TICKS + 1) <= self.world.tick:
            raise ChatGone("Forbidden: bot was kicked from the group chat")
        self.world.inbox.append((index, self.world.now))
        self.world._maybe_crash("during_send", index)  # the platform has the message already


def tick_time(offset_minutes: int, k: int) -> datetime:
    return START + timedelta(minutes=offset_minutes) + k * TICK


def slots(index: int) -> list[datetime]:
    """Every delivery instant of subscription `index` after START, within the simulated span."""
    _, hhmm, zone_name = SUBSCRIPTIONS[index]
    zone = ZoneInfo(zone_name)
    first_day: date = START.astimezone(zone).date()
    out = []
    for d in range(DAYS + 2):
        instant = datetime.combine(first_day + timedelta(days=d), time(int(hhmm[:2]), int(hhmm[3:])),
                                   tzinfo=zone).astimezone(UTC)
        if instant >= START:
            out.append(instant)
    return out


def expected(scenario: dict) -> dict[tuple[int, datetime], tuple[int, str | None]]:
    """(sub index, slot) -> (briefings that must have arrived, delivery-log status)."""
    up, offset = scenario["up"], scenario["offset"]
    end = tick_time(offset, TICKS - 1)
    result: dict[tuple[int, datetime], tuple[int, str | None]] = {}
    for index in range(len(SUBSCRIPTIONS)):
        paused = False
        every = slots(index)
        for slot, following in pairwise(every):
            if slot > end:
                break
            window = [k for k in range(TICKS) if up[k] and slot <= tick_time(offset, k) <= slot + GRACE]
            if paused:
                result[(index, slot)] = (0, None)
                continue
            if not window:  # down all through the grace period: skipped, logged if seen later that day
                late = any(up[k] and slot + GRACE < tick_time(offset, k) < following for k in range(TICKS))
                result[(index, slot)] = (0, subs.MISSED if late else None)
                continue
            first = window[0]  # the first look inside the grace period claims the day
            step = scenario["crashes"].get((first, index))
            gone = scenario["gone_from"].get(index, TICKS + 1) <= first
            if step in ("claimed", "built"):
                result[(index, slot)] = (0, subs.UNCERTAIN)
            elif gone:
                result[(index, slot)] = (0, subs.GONE)
                paused = True
            elif step is not None:
                result[(index, slot)] = (1, subs.SENT if step == "finished" else subs.UNCERTAIN)
            else:
                result[(index, slot)] = (1, subs.SENT)
    return result


async def simulate(db_file: Path, scenario: dict) -> tuple[World, list[dict]]:
    world = World(crashes=dict(scenario["crashes"]), gone_from=dict(scenario["gone_from"]))
    platform = SimPlatform(world)

    def new_app() -> BotApp:
        return BotApp(load_settings(None, env={}, db_path=str(db_file)))

    first = new_app()
    for index, (_, hhmm, zone) in enumerate(SUBSCRIPTIONS):
        sub, _ = subs.subscribe(first.store, "telegram", str(index), "group", hhmm, zone, "test", START)
        world.index_of[sub.id] = index

    scheduler: BriefingScheduler | None = None
    for k in range(TICKS):
        world.tick, world.now = k, tick_time(scenario["offset"], k)
        if not scenario["up"][k] or k in scenario["restarts"]:
            if scheduler is not None:  # an orderly stop: down for a while, or restarted now
                await scheduler.stop()
                scheduler = None
            if not scenario["up"][k]:
                continue
        if scheduler is None:  # start-up: uncertain marking, jobs rebuilt, catch-up
            scheduler = BriefingScheduler(new_app().context, {"telegram": platform}, clock=world.clock,
                                          checkpoint=world.checkpoint)
            await scheduler.start()
        else:
            scheduler.run_due()  # what the every-minute sweep job does
        await scheduler.drain()
        if world.crashed:  # the process is gone: no stop(), nothing more written by it
            world.crashed = False
            scheduler._stopping = True
            scheduler.aps.shutdown(wait=False)
            await asyncio.sleep(0)
            scheduler = None
    if scheduler is not None:
        await scheduler.stop()
    rows = list(first.store.query("select subscription_id, local_date, slot_at, status from deliveries"))
    return world, rows


@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    up = draw(st.lists(st.sampled_from([True, True, True, True, False]), min_size=TICKS, max_size=TICKS))
    restarts = draw(st.sets(st.integers(0, TICKS - 1), max_size=20))
    crashes = draw(st.dictionaries(st.tuples(st.integers(0, TICKS - 1), st.integers(0, len(SUBSCRIPTIONS) - 1)),
                                   st.sampled_from(STEPS), max_size=30))
    # make sure crashes land on real send attempts too, not only on ticks with nothing due
    on_slots = draw(st.lists(st.tuples(st.integers(0, len(SUBSCRIPTIONS) - 1), st.integers(0, DAYS - 1),
                                       st.sampled_from(STEPS)), max_size=10))
    offset = draw(st.integers(0, 179))
    for index, day, step in on_slots:
        slot = slots(index)[day]
        k = max(0, -(-(slot - START - timedelta(minutes=offset)) // TICK))  # first tick at or after it
        if k < TICKS:
            crashes[(k, index)] = step
    gone_from = draw(st.dictionaries(st.integers(0, len(SUBSCRIPTIONS) - 1), st.integers(0, TICKS - 1),
                                     max_size=1))
    return {"up": up, "restarts": restarts, "crashes": crashes, "gone_from": gone_from, "offset": offset}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenario=scenarios())
def test_thirty_days_of_restarts_and_crashes_give_exactly_one_briefing_per_reachable_day(scenario):
    with tempfile.TemporaryDirectory() as tmp:
        world, rows = asyncio.run(simulate(Path(tmp) / "bot.db", scenario))
    want = expected(scenario)

    received: Counter[tuple[int, datetime]] = Counter()
    for index, when in world.inbox:
        slot = max(s for s in slots(index) if s <= when)
        assert when - slot <= GRACE, "a briefing was sent after its grace period"
        received[(index, slot)] += 1
    assert all(count == 1 for count in received.values()), f"a day got two briefings: {received}"
    for key, (count, _) in want.items():
        assert received[key] == count, f"subscription {SUBSCRIPTIONS[key[0]][0]} slot {key[1]}"
    assert set(received) <= set(want)

    logged = {(int(row["subscription_id"]) - 1, subs.parse_iso(row["slot_at"])): row["status"] for row in rows}
    for key, (_, status) in want.items():
        if status is not None:
            assert logged.get(key) == status, f"log for {SUBSCRIPTIONS[key[0]][0]} slot {key[1]}"

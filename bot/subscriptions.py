"""Daily-briefing subscriptions and their delivery log: the tables, the reads and writes, and the
pure time arithmetic (next run, the slot that is due now) that the scheduler and commands share.

Everything about *when* lives here as plain functions of (time, time zone, now), so it can be
tested without a scheduler or a clock. Everything about *sending* lives in bot/scheduler.py.

Time zones are IANA names through zoneinfo (tzdata is a dependency, so slim images have them).
A delivery slot is a local wall-clock time on a local date; converting it to UTC through zoneinfo
is what keeps 07:00 Europe/Berlin at 07:00 on both sides of a daylight-saving change.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from importlib.resources import files
from typing import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.store import Store

UTC = timezone.utc
_HHMM = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")

# Subscription states. "unsubscribed" keeps the row (and so its id and delivery log): a chat
# that unsubscribes and subscribes again the same day cannot get a second briefing that day.
ACTIVE, PAUSED, UNSUBSCRIBED = "active", "paused", "unsubscribed"

# Delivery statuses, in the order a row can move through them:
#   sending    the attempt is recorded and the send is (or was) in flight
#   sent       the adapter returned: delivered
#   uncertain  the process stopped between "sending" and the outcome: never resent
#   failed     the adapter raised a definite error: retried while attempts and grace remain
#   gone       the chat has gone away (403, channel_not_found): the subscription is paused
#   empty      nothing new and schedule.send_when_empty is false: nothing sent, day done
#   missed     the slot was found more than grace_hours late: skipped, never sent
SENDING, SENT, UNCERTAIN, FAILED, GONE, EMPTY, MISSED = (
    "sending", "sent", "uncertain", "failed", "gone", "empty", "missed")


# ---- records ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Subscription:
    """One chat's daily briefing."""

    id: int
    platform: str
    chat: str
    chat_kind: str
    time: str  # "HH:MM", local to `timezone`
    timezone: str  # IANA name
    state: str
    paused_reason: str | None
    active_since: datetime  # slots before this instant are not owed (subscribe/resume time)
    thread: str | None = None  # the forum topic the briefing goes to (where /subscribe was sent)

    @property
    def hour(self) -> int:
        return int(self.time[:2])

    @property
    def minute(self) -> int:
        return int(self.time[3:5])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_row(cls, row: dict) -> "Subscription":
        return cls(row["id"], row["platform"], row["chat"], row["chat_kind"] or "private", row["time"],
                   row["timezone"], row["state"], row["paused_reason"], parse_iso(row["active_since"]),
                   row.get("thread"))


@dataclass(frozen=True)
class Delivery:
    """One row of the delivery log."""

    subscription_id: int
    local_date: str
    slot_at: datetime
    status: str
    attempts: int
    last_attempt_at: datetime | None
    finished_at: datetime | None
    error: str | None

    @classmethod
    def from_row(cls, row: dict) -> "Delivery":
        return cls(row["subscription_id"], row["local_date"], parse_iso(row["slot_at"]), row["status"],
                   row["attempts"] or 0, parse_iso(row["last_attempt_at"]) if row["last_attempt_at"] else None,
                   parse_iso(row["finished_at"]) if row["finished_at"] else None, row["error"])


# ---- parsing user input ----------------------------------------------------------------
def parse_hhmm(text: str) -> str | None:
    """"7:05", "07.05" or "07:05" -> "07:05"; None when it is not a time of day."""
    match = _HHMM.match(text.strip())
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    """Every IANA name and every alias of bot/data/timezones.toml ("WIB", "Western Indonesia Time"),
    by its lower-case form (users type "asia/jakarta", "utc" or "wib")."""
    names = {name.lower(): name for name in available_timezones()}
    raw = files("bot").joinpath("data/timezones.toml").read_text(encoding="utf-8")
    for zone, aliases in tomllib.loads(raw)["aliases"].items():
        for alias in aliases:
            names.setdefault(_key(alias), zone)
    return names


def resolve_timezone(text: str) -> str | None:
    """The canonical IANA name for `text` (an IANA name or an alias such as "WIB"; case-insensitive),
    or None when there is none."""
    name = _zone_names().get(_key(text))
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def closest_timezone(text: str) -> str | None:
    """The time zone a mistyped name most likely meant ("Europe/Berln" -> "Europe/Berlin")."""
    names = _zone_names()
    match = difflib.get_close_matches(text.strip().lower(), list(names), n=1, cutoff=0.75)
    return names[match[0]] if match else None


# ---- time arithmetic (pure) ------------------------------------------------------------
def parse_iso(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def iso(moment: datetime) -> str:
    """Stored timestamps: ISO-8601 UTC, which sort as text (the store's convention)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def format_local(moment: datetime, zone_name: str) -> str:
    """"2026-11-22 07:00 WIB": a time as the chat reads it."""
    local = moment.astimezone(ZoneInfo(zone_name))
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def slot_at(local_day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock `hhmm` on `local_day` in `zone`.

    zoneinfo resolves the two DST edge cases by PEP 495 `fold=0`: a wall time that happens
    twice (autumn) is the first one; a wall time that does not exist (spring gap) is read
    with the offset before the change, i.e. it lands an hour later in the new offset.
    """
    local = datetime.combine(local_day, time(int(hhmm[:2]), int(hhmm[3:5])), tzinfo=zone)
    return local.astimezone(UTC)


def next_run(hhmm: str, zone: ZoneInfo, after: datetime) -> datetime:
    """The first delivery instant strictly after `after` (UTC)."""
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:  # at most three iterations: a slot exists on every local day
        candidate = slot_at(day, hhmm, zone)
        if candidate > after:
            return candidate
        day += timedelta(days=1)


def latest_slot(hhmm: str, zone: ZoneInfo, now: datetime) -> tuple[date, datetime]:
    """The local date and UTC instant of the most recent slot at or before `now`."""
    day = now.astimezone(zone).date() + timedelta(days=1)
    while True:
        candidate = slot_at(day, hhmm, zone)
        if candidate <= now:
            return day, candidate
        day -= timedelta(days=1)


def due_slot(sub: Subscription, now: datetime, grace: timedelta) -> tuple[date, datetime, bool] | None:
    """The slot this subscription owes at `now`: (local date, instant, still within grace).

    None when the latest slot predates the subscription (or its resumption): a chat that
    subscribes at 10:00 to a 07:00 briefing starts tomorrow, not with a late one today.
    """
    day, instant = latest_slot(sub.time, sub.zone, now)
    if instant < sub.active_since:
        return None
    return day, instant, now - instant <= grace


# ---- store access ----------------------------------------------------------------------
def get(store: Store, platform: str, chat: str) -> Subscription | None:
    rows = list(store.query("select * from subscriptions where platform = ? and chat = ?", (platform, chat)))
    return Subscription.from_row(rows[0]) if rows else None


def by_id(store: Store, sub_id: int) -> Subscription | None:
    rows = list(store.query("select * from subscriptions where id = ?", (sub_id,)))
    return Subscription.from_row(rows[0]) if rows else None


def listed(store: Store, states: Iterable[str] = (ACTIVE, PAUSED)) -> list[Subscription]:
    """Subscriptions in the given states, by platform and chat."""
    states = tuple(states)
    marks = ",".join("?" for _ in states)
    rows = store.query(f"select * from subscriptions where state in ({marks}) order by platform, chat", states)
    return [Subscription.from_row(r) for r in rows]


def subscribe(store: Store, platform: str, chat: str, chat_kind: str, hhmm: str, zone: str,
              by: str, now: datetime, thread: str | None = None) -> tuple[Subscription, bool]:
    """Create or update (and re-activate) the chat's subscription; returns (it, created).

    One subscription per chat: subscribing again from another forum topic moves it there.
    """
    with store.write() as tx:
        rows = list(tx.query("select id from subscriptions where platform = ? and chat = ?", (platform, chat)))
        values = {"chat_kind": chat_kind, "time": hhmm, "timezone": zone, "state": ACTIVE,
                  "paused_reason": None, "updated_at": iso(now), "active_since": iso(now), "thread": thread}
        if rows:
            tx.update("subscriptions", rows[0]["id"], values)
            sub_id, created = rows[0]["id"], False
        else:
            sub_id = tx.insert("subscriptions", {"platform": platform, "chat": chat, "created_by": by,
                                                 "created_at": iso(now), **values})
            created = True
    sub = by_id(store, sub_id)
    assert sub is not None
    return sub, created


def set_state(store: Store, sub_id: int, state: str, now: datetime, reason: str | None = None) -> None:
    """Pause, resume or unsubscribe. Resuming restarts the owed slots from `now`."""
    values: dict[str, object] = {"state": state, "paused_reason": reason, "updated_at": iso(now)}
    if state == ACTIVE:
        values["active_since"] = iso(now)
    with store.write() as tx:
        tx.update("subscriptions", sub_id, values)


def last_delivery(store: Store, sub_id: int) -> Delivery | None:
    rows = list(store.query("select * from deliveries where subscription_id = ? order by local_date desc limit 1",
                            (sub_id,)))
    return Delivery.from_row(rows[0]) if rows else None


def delivery_for(store: Store, sub_id: int, local_date: str) -> Delivery | None:
    rows = list(store.query("select * from deliveries where subscription_id = ? and local_date = ?",
                            (sub_id, local_date)))
    return Delivery.from_row(rows[0]) if rows else None


def content_since(store: Store, sub_id: int) -> str | None:
    """Where the next briefing's content starts: when the last *certainly* sent one was built.

    An uncertain delivery does not move this mark, so its stories come again in the next
    briefing rather than being lost if that one never arrived.
    """
    row = next(store.query("select max(last_attempt_at) as at from deliveries where subscription_id = ? "
                           "and status = ?", (sub_id, SENT)))
    return row["at"]


def claim(store: Store, sub: Subscription, local_day: date, instant: datetime, now: datetime,
          max_attempts: int, retry_after: timedelta) -> bool:
    """Step 1 of the send path: record the attempt. True means this caller may send.

    The claim succeeds for a day with no row yet (INSERT, guarded by the UNIQUE index), or for
    a day whose last attempt failed definitely, has attempts left and waited `retry_after`.
    Every other status (sending, sent, uncertain, gone, empty, missed) keeps the day closed.
    """
    with store.write() as tx:
        claimed = tx.execute(
            "insert into deliveries (subscription_id, local_date, slot_at, status, attempts, "
            "first_attempt_at, last_attempt_at) values (?, ?, ?, ?, 1, ?, ?) on conflict do nothing",
            (sub.id, local_day.isoformat(), iso(instant), SENDING, iso(now), iso(now)))
        if claimed == 1:
            return True
        retried = tx.execute(
            "update deliveries set status = ?, attempts = attempts + 1, last_attempt_at = ?, error = null "
            "where subscription_id = ? and local_date = ? and status = ? and attempts < ? "
            "and last_attempt_at <= ?",
            (SENDING, iso(now), sub.id, local_day.isoformat(), FAILED, max_attempts, iso(now - retry_after)))
        return retried == 1


def finish(store: Store, sub_id: int, local_day: date, status: str, now: datetime,
           since: str | None = None, items: int | None = None, error: str | None = None) -> None:
    """Step 3 of the send path: the outcome of a claimed attempt (sent, failed, gone, ...)."""
    with store.write() as tx:
        tx.execute("update deliveries set status = ?, finished_at = ?, since = coalesce(?, since), "
                   "items = coalesce(?, items), error = ? where subscription_id = ? and local_date = ?",
                   (status, iso(now), since, items, error[:500] if error else None, sub_id, local_day.isoformat()))


def record_missed(store: Store, sub: Subscription, local_day: date, instant: datetime, now: datetime) -> bool:
    """Close a slot found too late to send; True when this call recorded it (log it once)."""
    with store.write() as tx:
        recorded = tx.execute(
            "insert into deliveries (subscription_id, local_date, slot_at, status, attempts, "
            "finished_at, error) values (?, ?, ?, ?, 0, ?, ?) on conflict do nothing",
            (sub.id, local_day.isoformat(), iso(instant), MISSED, iso(now),
             f"process was down; found {int((now - instant).total_seconds() // 60)} min late"))
        return recorded == 1


def mark_interrupted_uncertain(store: Store, now: datetime) -> int:
    """At start-up, before any send: rows left "sending" by a dead process become "uncertain".

    The briefing may or may not have reached the chat; it is never sent again (at most once
    wins over at least once), and the row says so for the admin.
    """
    with store.write() as tx:
        return tx.execute("update deliveries set status = ?, finished_at = ?, "
                          "error = 'process stopped during the send' where status = ?",
                          (UNCERTAIN, iso(now), SENDING))

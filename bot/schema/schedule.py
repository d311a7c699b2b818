"""Daily briefings: subscriptions and the delivery log that makes each day's briefing exactly-once."""
from __future__ import annotations

import sqlite_utils

migrations = sqlite_utils.Migrations("schedule")


@migrations(name="schedule_001_subscriptions")
def _schedule_tables(db: sqlite_utils.Database) -> None:
    db["subscriptions"].create(
        {"id": int, "platform": str, "chat": str, "chat_kind": str, "time": str, "timezone": str,
         "state": str, "paused_reason": str, "created_by": str, "created_at": str,
         "updated_at": str, "active_since": str},
        pk="id", not_null={"platform", "chat", "time", "timezone", "state", "active_since"},
    )
    db["subscriptions"].create_index(["platform", "chat"], unique=True)
    db["deliveries"].create(
        {"id": int, "subscription_id": int, "local_date": str, "slot_at": str, "status": str,
         "attempts": int, "first_attempt_at": str, "last_attempt_at": str, "finished_at": str,
         "since": str, "items": int, "error": str},
        pk="id", not_null={"subscription_id", "local_date", "slot_at", "status"},
        defaults={"attempts": 0}, foreign_keys=[("subscription_id", "subscriptions", "id")],
    )
    # The exactly-once guarantee rests on this index: claiming a day is an INSERT that can only
    # succeed once per (subscription, local date), whatever the scheduler or a restart does.
    db["deliveries"].create_index(["subscription_id", "local_date"], unique=True)
    db["deliveries"].create_index(["status"])


@migrations(name="schedule_002_thread")
def _subscription_thread(db: sqlite_utils.Database) -> None:
    """The forum topic (Telegram message_thread_id) a subscription was made in; null for the whole chat."""
    db["subscriptions"].add_column("thread", str)

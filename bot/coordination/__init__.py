"""Coordination of several processes on one database: a job queue for `python -m bot worker`
processes, and the lease that lets exactly one `run` process schedule the daily briefings.

Like bot.store, this package talks to the database itself (sqlite3, psycopg 3), each backend on
its own connection opened from a target: a file path means SQLite, a postgresql:// URL means
PostgreSQL. The target is BRIEFBOT_COORDINATION_DB when set, else the bot's database (bot.db).

    connect.py  targets, and connecting to PostgreSQL with bounded retries (one line a failure)
    jobs.py     the job queue: enqueue, claim (FOR UPDATE SKIP LOCKED / BEGIN IMMEDIATE), finish
    lease.py    scheduler leadership: a PostgreSQL advisory lock, or a file lock beside SQLite
    worker.py   the loop of `python -m bot worker`: refresh and ingest jobs
"""

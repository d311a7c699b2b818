"""The test PostgreSQL server itself: it starts, takes connections on loopback, and gives each test its own database."""
from __future__ import annotations

import subprocess


def _psql(server, url: str, sql: str) -> str:
    done = subprocess.run([str(server.bindir / "psql"), url, "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_each_test_gets_an_empty_database_on_a_real_server(postgres_server, postgres_url) -> None:
    assert _psql(postgres_server, postgres_url, "select count(*) from pg_tables where schemaname = 'public'") == "0"
    _psql(postgres_server, postgres_url, "create table t (id bigint generated always as identity, v text)")
    _psql(postgres_server, postgres_url, "insert into t (v) values ('a'), ('b')")
    assert _psql(postgres_server, postgres_url, "select string_agg(id::text, ',' order by id) from t") == "1,2"
    assert int(_psql(postgres_server, postgres_url, "show server_version_num")) >= 130000
    again = postgres_server.create_database("t_again")
    assert _psql(postgres_server, again, "select count(*) from pg_tables where schemaname = 'public'") == "0"

"""The command-line contract, run as a newcomer would: `python -m bot ...` in a subprocess."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


def run(*args, db=None, stdin=None, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_", "SLACK_"))}
    env.update(env_extra or {})
    cmd = [sys.executable, "-m", "bot", *args] + (["--db", str(db)] if db else [])
    return subprocess.run(cmd, cwd=REPO, input=stdin, capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def db(seeded_db, tmp_path):
    copy = tmp_path / "cli.db"
    shutil.copy(seeded_db, copy)
    return copy


def test_ask_json_troops_has_values_and_claimants(db):
    result = run("ask", "--json", "/troops", db=db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"title", "items", "footer"}
    item = data["items"][0]
    assert isinstance(item["value"], int) and isinstance(item["who"], list)
    assert set(item["sources"][0]) == {"title", "source", "url", "article_id"}


def test_batch_gives_one_json_line_per_message(db, tmp_path):
    batch = tmp_path / "q.txt"
    batch.write_text("/kursk\n\nberapa tentara Korea Utara di Rusia?\n/nosuch\n", encoding="utf-8")
    result = run("ask", "--batch", str(batch), "--json", db=db)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    replies = [json.loads(line) for line in lines]
    assert replies[0]["items"] and replies[1]["items"]
    assert "/nosuch" in replies[2]["title"]


def test_brief_prints_the_briefing(db):
    result = run("brief", "--json", db=db)
    data = json.loads(result.stdout)
    assert 3 <= len(data["items"]) <= 7


def test_fresh_database_is_seeded_on_first_use(tmp_path):
    result = run("ask", "/brief", db=tmp_path / "new.db")
    assert result.returncode == 0
    assert "artikel" in result.stdout


def test_ingest_reports_added_duplicates_and_unreadable_files(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage")
    result = run("ingest", str(REPO / "seeds"), str(bad), db=tmp_path / "i.db")
    assert "added 5" in result.stdout and "bad.txt" in result.stdout
    again = run("ingest", str(REPO / "seeds"), db=tmp_path / "i.db")
    assert "added 0" in again.stdout and "5 duplicate" in again.stdout


def test_console_reads_lines_until_quit(db):
    result = run("console", db=db, stdin="/topics\n/quit\n/help\n")
    assert "/troops" in result.stdout and "Daftar perintah" not in result.stdout


def test_invalid_config_is_one_clear_line(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[answers]\nmax_sentences = \"three\"\n", encoding="utf-8")
    result = run("ask", "/help", "--config", str(config), db=tmp_path / "x.db")
    assert result.returncode == 2
    assert "answers.max_sentences" in result.stderr and "Traceback" not in result.stderr


def test_run_without_credentials_names_the_variables(tmp_path):
    result = run("run", db=tmp_path / "r.db")
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stdout and "SLACK_BOT_TOKEN" in result.stdout
    assert "python -m bot console" in result.stdout


def test_summarizer_cli_prints_best_sentences_in_order():
    text = (REPO / "seeds" / "002_c058e7fd61aa4305.txt").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "summarizer", "summarize", "--sentences", "2"],
                            input=text, capture_output=True, text=True, cwd=REPO, timeout=60)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert text.find(lines[0][:30]) < text.find(lines[1][:30])


def test_a_database_filled_by_ingest_never_gets_the_seeds(tmp_path):
    own = tmp_path / "own.txt"
    own.write_text("Banjir melanda Kabupaten Bandung, Jawa Barat, pada Senin.\n\n"
                   "BPBD Jawa Barat mencatat 1.200 rumah terendam dan 300 warga mengungsi.", encoding="utf-8")
    db = tmp_path / "newsroom.db"
    assert "added 1" in run("ingest", str(own), db=db).stdout
    brief = run("ask", "/brief", db=db)
    assert brief.returncode == 0 and "Kursk" not in brief.stdout and "Korea" not in brief.stdout
    assert "1 artikel" in brief.stdout or "Banjir" in brief.stdout


def test_an_empty_ingest_still_keeps_the_seeds_out(tmp_path):
    db = tmp_path / "newsroom.db"
    run("ingest", str(tmp_path / "missing.txt"), db=db)  # nothing added: still the newsroom's database
    assert "Kursk" not in run("ask", "/brief", db=db).stdout

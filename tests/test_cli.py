"""The command-line contract, run as a newcomer would: `python -m bot ...` in a subprocess."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, SEEDS


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


# ---- start-up: what a newcomer meets first (issue 20) -------------------------------------------------

# The package `sumy` itself is two lines (its stop word files are read from it); its summarizers pull in nltk.
HEAVY = ("matplotlib", "nltk", "scipy", "sumy.summarizers", "sumy.utils", "telegram", "slack_bolt", "trafilatura",
         "feedparser", "requests")


def _loaded_after(code: str) -> set[str]:
    """The heavy packages imported once `code` has run in a fresh interpreter."""
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    return {heavy for heavy in HEAVY if any(m == heavy or m.startswith(heavy + ".") for m in loaded)}


def test_help_imports_no_library():
    loaded = _loaded_after("from bot.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert loaded == set()


def test_ask_help_leaves_charts_nlp_and_platform_libraries_unloaded(db):
    code = ("import contextlib, io\nfrom bot.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['ask', '--db', {str(db)!r}, '/help'])")
    assert _loaded_after(code) == set()


def test_ask_help_builds_no_gazetteer_or_lexicon_table_and_loads_no_stemmer_or_http_client(db):
    """The gazetteer's tables, the English-Indonesian lexicon, the claims' country pattern, httpx and
    lxml are loaded on first use; /help uses none of them."""
    probe = ("import contextlib, io, json, sys\nfrom bot.cli import main\n"
             f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['ask', '--db', {str(db)!r}, '/help'])\n"
             "import summarizer.gazetteer as g, summarizer.lexicon as lx\n"
             "print(json.dumps([g._data.cache_info().currsize + lx._data.cache_info().currsize]"
             " + [m in sys.modules for m in ('Sastrawi', 'httpx', 'lxml')]))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [0, False, False, False]


def test_gazetteer_tables_are_built_when_an_article_needs_them():
    from summarizer.claims import extract_claims
    from summarizer.entities import GEO

    claims = extract_claims(["Sekitar 11.000 tentara Korea Utara dikirim ke Rusia, kata Zelensky."])
    assert any(c.value == 11000 for c in claims)
    assert "rusia" in GEO and len(GEO) > 100


def test_version_names_the_installed_version():
    from importlib.metadata import version

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"python -m bot {version('briefbot')}"


@pytest.mark.parametrize("command", ["console", "ask", "brief", "ingest", "run", "backup", "health", "slack-manifest"])
def test_every_subcommand_help_describes_it(command):
    from bot.cli import DESCRIPTIONS, build_parser

    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions if a.dest == "command").choices[command]
    text = sub.format_help()
    assert DESCRIPTIONS[command].split(".")[0][:40] in " ".join(text.split())
    assert len(DESCRIPTIONS[command]) > 40


def test_first_run_says_it_is_ingesting_the_seeds(tmp_path):
    result = run("ask", "/topics", db=tmp_path / "new.db")
    assert result.returncode == 0, result.stderr
    assert "first run: ingesting the demo seeds: started (0 of" in result.stderr
    assert "articles/s)" in result.stderr
    again = run("ask", "/topics", db=tmp_path / "new.db")
    assert "first run" not in again.stderr


def test_backup_copies_a_database_in_use(db, tmp_path):
    import sqlite3

    writer = sqlite3.connect(db)  # another process holding the database open, mid-transaction
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO meta (key, value) VALUES ('during-backup', 'x')")
    target = tmp_path / "copy.db"
    result = run("backup", str(target), db=db)
    writer.rollback()
    writer.close()
    assert result.returncode == 0, result.stderr
    copy = sqlite3.connect(target)
    articles = copy.execute("select count(*) from articles").fetchone()[0]
    original = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
    assert articles == original > 0
    assert copy.execute("select count(*) from meta where key = 'during-backup'").fetchone()[0] == 0
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not (tmp_path / "copy.db.part").exists()


def test_backup_of_a_missing_database_is_one_line_and_creates_nothing(tmp_path):
    result = run("backup", str(tmp_path / "copy.db"), db=tmp_path / "none.db")
    assert result.returncode == 1
    assert result.stderr.strip() == f"backup failed: no database at {tmp_path / 'none.db'}"
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "copy.db").exists()


def test_an_empty_seeds_dir_starts_with_no_demo_story(tmp_path):
    # (Path("") is the working directory, the repository here, full of .txt files: none may be ingested.)
    config = tmp_path / "c.toml"
    config.write_text('[bot]\nseeds_dir = ""\n', encoding="utf-8")
    result = run("ask", "/sources", "--config", str(config), db=tmp_path / "empty.db")
    assert result.returncode == 0, result.stderr
    assert "first run" not in result.stderr
    import sqlite3

    assert sqlite3.connect(tmp_path / "empty.db").execute("select count(*) from articles").fetchone()[0] == 0


def test_a_database_that_cannot_be_opened_is_one_line_naming_it(tmp_path):
    where = tmp_path / "a-directory"
    where.mkdir()  # sqlite cannot open a directory: as with an unwritable bind mount, no traceback
    result = run("ask", "/help", db=where)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("cannot open the database: ") and str(where) in result.stderr
    assert "docs/newsroom.md" in result.stderr


def test_a_database_filled_by_ingest_never_gets_the_seeds(tmp_path):
    own = tmp_path / "own.txt"
    own.write_text("Banjir melanda Kabupaten Bandung, Jawa Barat, pada Senin.\n\n"
                   "BPBD Jawa Barat mencatat 1.200 rumah terendam dan 300 warga mengungsi.", encoding="utf-8")
    db = tmp_path / "newsroom.db"
    assert "added 1" in run("ingest", str(own), db=db).stdout
    brief = run("ask", "/brief", db=db)
    assert brief.returncode == 0 and "Kursk" not in brief.stdout and "Korea" not in brief.stdout
    assert "1 artikel" in brief.stdout or "Banjir" in brief.stdout


def test_ingest_opens_only_the_store_not_the_bots_commands(tmp_path):
    """A cold `python -m bot ingest` does not import nor set up the chat commands (issue 21: ~0.2 s each run)."""
    own = tmp_path / "own.txt"
    own.write_text("BPBD Jawa Barat mencatat 1.200 rumah terendam dan 300 warga mengungsi.", encoding="utf-8")
    code = ("import sys; from bot.cli import main; code = main(sys.argv[1:]);"
            "print(code, 'bot.app' in sys.modules, 'bot.commands' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, "ingest", "--db", str(tmp_path / "n.db"), str(own)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == "0 False False", done.stderr
    assert "Kursk" not in run("ask", "/brief", db=tmp_path / "n.db").stdout  # still marked a newsroom's own


def test_an_empty_ingest_still_keeps_the_seeds_out(tmp_path):
    db = tmp_path / "newsroom.db"
    run("ingest", str(tmp_path / "missing.txt"), db=db)  # nothing added: still the newsroom's database
    assert "Kursk" not in run("ask", "/brief", db=db).stdout


def test_a_jsonl_line_without_a_source_is_cited_by_its_file(tmp_path):
    corpus = tmp_path / "banjir.jsonl"
    corpus.write_text(json.dumps({"text": "Banjir melanda Kabupaten Bandung, Jawa Barat, pada Senin pagi. "
                                          "BPBD Jawa Barat mencatat 1.200 rumah terendam dan 300 warga mengungsi."})
                      + "\n", encoding="utf-8")
    db = tmp_path / "newsroom.db"
    assert "added 1" in run("ingest", str(corpus), db=db).stdout
    brief = run("ask", "/brief", db=db).stdout
    assert "banjir.jsonl" in brief and "seeds" not in brief


def test_ingest_ends_at_once_with_its_report_whole_its_exit_code_and_a_sound_database(tmp_path):
    # `ingest` leaves without the interpreter's clean-up (bot.cli.exit_fast): what it printed to a file
    # (block-buffered) must still all be there, a failure keep its code, and the database be whole.
    import sqlite3

    for paths, code, last in (([str(SEEDS)], 0, "added 5 articles, 0 duplicates skipped"),
                              ([str(tmp_path / "missing.txt")], 1, "missing.txt: no such file")):
        out = tmp_path / "out.txt"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # a file: block-buffered
        with open(out, "w", encoding="utf-8") as handle:
            done = subprocess.run([sys.executable, "-m", "bot", "ingest", "--db", str(tmp_path / "f.db"), *paths],
                                  stdout=handle, stderr=subprocess.STDOUT, cwd=REPO, timeout=120, env=env)
        assert done.returncode == code
        assert out.read_text(encoding="utf-8").rstrip().endswith(last)
    conn = sqlite3.connect(tmp_path / "f.db")
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from articles").fetchone()[0] == 5


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads through Linux's /proc")
def test_the_briefbot_script_runs_numpy_on_one_thread():
    # The `briefbot` script enters at bot.cli:main, not bot/__main__.py: importing the package must
    # already hold OpenBLAS to one thread (its spinning threads cost CPU and can take a Ctrl-C).
    script = ("import os, bot.cli, numpy\n"
              "numpy.ones((64, 64)) @ numpy.ones((64, 64))\n"
              "print(len(os.listdir('/proc/self/task')))")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                             "MKL_NUM_THREADS")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, env=env,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"

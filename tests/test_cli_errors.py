"""Bad --db, --config and settings on the command line: one clear line on stderr, exit 2, no traceback."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import CONFIG_DIR, RANGES, ConfigError, load_settings
from tests.conftest import REPO


def _cli(capsys, caplog, *argv: str) -> tuple[int, str]:
    with caplog.at_level(logging.DEBUG):
        code = main(["ask", *argv, "/help"])
    err = capsys.readouterr().err
    assert not any(record.exc_info for record in caplog.records)
    assert "Traceback" not in err
    return code, err.strip()


def _db_cases(tmp_path: Path) -> dict[str, str]:
    text = tmp_path / "notes.txt"
    text.write_text("these are my notes, not a database\n" * 20)
    folder = tmp_path / "folder"
    folder.mkdir()
    return {"text file": str(text), "directory": str(folder), "/dev/null": "/dev/null",
            "unwritable folder": "/proc/briefbot/bot.db", "file under a file": f"{text}/bot.db"}


@pytest.mark.parametrize("case", ["text file", "directory", "/dev/null", "unwritable folder", "file under a file"])
def test_bad_db_is_one_line_and_exit_2(tmp_path, capsys, caplog, clean_env, case):
    path = _db_cases(tmp_path)[case]
    before = Path(path).read_bytes() if Path(path).is_file() else None
    code, err = _cli(capsys, caplog, "--db", path)
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith("cannot open the database:"), err
    assert path.split("/")[-1] in err or path in err
    if before is not None:
        assert Path(path).read_bytes() == before  # a file that is not ours is left untouched


@pytest.mark.parametrize("case", ["directory", "latin-1", "utf-16", "missing"])
def test_bad_config_file_is_one_line_and_exit_2(tmp_path, capsys, caplog, clean_env, case):
    config = tmp_path / "my.toml"
    if case == "directory":
        config.mkdir()
    elif case == "latin-1":
        config.write_bytes('[bot]\nname = "briefbot café"\n'.encode("latin-1"))
    elif case == "utf-16":
        config.write_bytes('[bot]\nname = "b"\n'.encode("utf-16"))
    code, err = _cli(capsys, caplog, "--config", str(config), "--db", str(tmp_path / "bot.db"))
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith("config error:") and str(config) in err, err
    assert "database" not in err  # --config at a directory used to say "cannot open the database"


def _defaults() -> dict:
    """config/default.toml as written: every key, the adapter sections included."""
    return tomllib.loads((CONFIG_DIR / "default.toml").read_text(encoding="utf-8"))


def _numeric_keys() -> list[str]:
    data = _defaults()
    return [f"{section}.{key}" for section, values in data.items() for key, value in values.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool)]


@pytest.mark.parametrize("dotted", _numeric_keys())
def test_every_numeric_setting_refuses_an_impossible_value_naming_the_key(tmp_path, dotted):
    section, key = dotted.split(".")
    low, _ = RANGES.get(dotted, (0, None))
    default = _defaults()[section][key]
    bad = (low - 1) if low is not None else -1
    value = int(bad) if isinstance(default, int) and float(bad).is_integer() else float(bad)
    if isinstance(default, int) and not float(bad).is_integer():
        value = int(bad) - 1
    config = tmp_path / "bad.toml"
    config.write_text(f"[{section}]\n{key} = {value!r}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(str(config), env={})
    assert dotted in str(caught.value)


@pytest.mark.parametrize("line,key", [("[sources]\nmax_bytes = -1", "sources.max_bytes"),
                                      ("[answers]\ncandidates = -5", "answers.candidates"),
                                      ("[brief]\nwindow_hours = -24", "brief.window_hours"),
                                      ("[schedule]\nmax_concurrent_sends = 0", "schedule.max_concurrent_sends"),
                                      ("[sources]\ntimeout_seconds = nan", "sources.timeout_seconds"),
                                      ("[slack]\nhttp_port = 70000", "slack.http_port")])
def test_the_reported_impossible_values_exit_2_naming_the_key(tmp_path, capsys, caplog, clean_env, line, key):
    config = tmp_path / "bad.toml"
    config.write_text(line + "\n")
    code, err = _cli(capsys, caplog, "--config", str(config), "--db", str(tmp_path / "bot.db"))
    assert code == 2 and len(err.splitlines()) == 1 and key in err, err


def test_every_default_numeric_setting_has_a_stated_range():
    assert set(_numeric_keys()) <= set(RANGES), set(_numeric_keys()) - set(RANGES)


def test_bad_db_as_a_newcomer_runs_it_in_a_subprocess(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_", "SLACK_"))}
    result = subprocess.run([sys.executable, "-m", "bot", "ask", "/help", "--db", "/dev/null"], cwd=REPO,
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert CONFIG_DIR.exists()


_TOPIC = """[[topic]]
name = "gempa"
kind = "figures"
description.id = "Angka gempa Palu"
description.en = "Palu earthquake figures"
aliases.id = ["gempa Palu"]
"""


@pytest.mark.parametrize("body, why", [
    (_TOPIC.replace('kind = "figures"', 'kind = "angka"'), "kind must be one of"),
    (_TOPIC.replace('aliases.id = ["gempa Palu"]\n', ""), "at least one alias"),
])
def test_bad_topics_file_is_one_line_naming_the_topic(tmp_path, capsys, caplog, clean_env, monkeypatch, body, why):
    # Issue 17: a newsroom's topics file with an unknown kind or no aliases is one error
    # line that names the topic, exit 2, no traceback, before anything is read or stored.
    topics = tmp_path / "topics.toml"
    topics.write_text(body, encoding="utf-8")
    monkeypatch.setenv("BRIEFBOT_TOPICS", str(topics))
    db = tmp_path / "bot.db"
    code, err = _cli(capsys, caplog, "--db", str(db))
    assert code == 2
    assert len(err.splitlines()) == 1 and "(gempa)" in err and why in err, err

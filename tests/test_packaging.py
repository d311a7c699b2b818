"""The wheel carries what `run`, `console` and `ingest` read, and no measurement code: config/ and seeds/ as package data
(bot/config, bot/seeds), the messages and other data files; an installed copy reads them through
importlib.resources, and BRIEFBOT_HOME still points elsewhere."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    (built,) = out.glob("briefbot-*.whl")
    return built


def test_the_wheel_holds_config_seeds_and_messages(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"bot/config/default.toml", "bot/config/topics.toml",
            "bot/data/messages.id.toml", "bot/data/messages.en.toml"} <= names
    assert {f"bot/seeds/{p.name}" for p in (ROOT / "seeds").iterdir() if p.is_file()} <= names
    # pyproject.toml lists the packages (to map config/ and seeds/): a new one must not be forgotten
    modules = {p.relative_to(ROOT).as_posix() for top in ("bot", "summarizer", "adapters")
               for p in (ROOT / top).rglob("*.py")}
    assert modules - names == set()


def test_the_wheel_holds_no_measurement_code(wheel: Path):
    """evaluation/ and bench/ read corpora and write models and reports: run from a checkout, never shipped."""
    names = zipfile.ZipFile(wheel).namelist()
    assert [n for n in names if n.split("/")[0] in ("evaluation", "bench", "tools", "tests")] == []
    assert (ROOT / "evaluation" / "qa.py").is_file() and (ROOT / "bench" / "__main__.py").is_file()
    shipped = {n for n in names if n.endswith(".py")}
    for moved in ("bot/evaluate_qa.py", "bot/bench.py", "summarizer/train.py", "summarizer/indosum.py"):
        assert moved not in shipped


def _installed(wheel: Path, target: Path, env: dict[str, str]) -> dict:
    """Unpack the wheel and ask that copy (first on the path) where its folders are."""
    zipfile.ZipFile(wheel).extractall(target)
    probe = ("import json; from bot.settings import CONFIG_DIR, load_settings, shipped; "
             "print(json.dumps({'config': str(CONFIG_DIR), 'seeds': str(shipped('seeds')), "
             "'topics': len(load_settings(env={}).topics)}))")
    env = {**{k: v for k, v in os.environ.items() if k != "BRIEFBOT_HOME"}, **env, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=target, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def test_an_installed_copy_reads_its_package_data(wheel: Path, tmp_path: Path):
    found = _installed(wheel, tmp_path / "site", {})
    assert found["config"] == str(tmp_path / "site" / "bot" / "config")
    assert found["seeds"] == str(tmp_path / "site" / "bot" / "seeds") and found["topics"] > 0


def test_briefbot_home_overrides_the_package_data(wheel: Path, tmp_path: Path):
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    for name in ("default.toml", "topics.toml"):
        (home / "config" / name).write_text((ROOT / "config" / name).read_text(encoding="utf-8"), encoding="utf-8")
    found = _installed(wheel, tmp_path / "site", {"BRIEFBOT_HOME": str(home)})
    assert found["config"] == str(home / "config") and found["seeds"] == str(home / "seeds")

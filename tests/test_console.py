"""The interactive console in a real pseudo-terminal (pexpect): line editing, history, clean exits."""
from __future__ import annotations

import os
import signal
import shutil
import sys

import pexpect
import pytest

from tests.conftest import REPO

UP = "\x1b[A"


@pytest.fixture
def db(seeded_db, tmp_path):
    copy = tmp_path / "console.db"
    shutil.copy(seeded_db, copy)
    return copy


def spawn(db, tmp_path, preexec_fn=None) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_", "SLACK_"))}
    env.update(XDG_STATE_HOME=str(tmp_path / "state"), TERM="xterm")
    child = pexpect.spawn(sys.executable, ["-m", "bot", "console", "--db", str(db)], cwd=str(REPO), env=env,
                          encoding="utf-8", timeout=60, dimensions=(40, 200), preexec_fn=preexec_fn)
    child.expect("Ctrl-D to leave")
    child.expect_exact("> ")
    return child


def test_up_arrow_recalls_the_last_line_instead_of_sending_escape_codes(db, tmp_path):
    child = spawn(db, tmp_path)
    child.sendline("/topics")
    child.expect("/troops")
    child.expect_exact("> ")
    child.sendline(UP)  # the previous line again, not "^[[A"
    child.expect("/troops")
    child.expect_exact("> ")
    assert "unreadable" not in child.before
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_history_survives_a_restart_and_ctrl_d_leaves_on_a_fresh_line(db, tmp_path):
    child = spawn(db, tmp_path)
    child.sendline("/lang en")
    child.expect("English")
    child.expect_exact("> ")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert child.before.startswith("\r\n")  # the shell prompt that follows starts on its own line
    assert "/lang en" in (tmp_path / "state" / "briefbot" / "console_history").read_text()

    again = spawn(db, tmp_path)
    again.send(UP + "\r")  # yesterday's line, recalled after a restart
    again.expect("English")
    again.expect_exact("> ")  # keys typed before readline has the terminal again may be lost
    again.sendcontrol("d")
    again.expect(pexpect.EOF)


def _ignore_sigint() -> None:  # what a shell's background job or some supervisors hand down
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("inherited", [None, _ignore_sigint], ids=["sigint-default", "sigint-ignored"])
def test_ctrl_c_leaves_quietly_without_a_traceback(db, tmp_path, inherited):
    child = spawn(db, tmp_path, preexec_fn=inherited)
    # One thread: a Ctrl-C delivered to another one (numpy's OpenBLAS started one a core) never
    # interrupts the main thread's input(), and the console hung (bot/__main__.py).
    assert len(os.listdir(f"/proc/{child.pid}/task")) == 1
    child.send("/half-typed")
    child.expect_exact("/half-typed")  # echoed by readline: it is reading the line when Ctrl-C comes
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in child.before and "KeyboardInterrupt" not in child.before


def test_tab_completes_a_command_name(db, tmp_path):
    child = spawn(db, tmp_path)
    child.send("/topi\t")
    child.send("\r")
    child.expect("/troops")  # /topics ran
    child.expect_exact("> ")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)

"""The build hook: a missing libzmq stops the build with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def _load_hook():
    from zmq.utils import build_hook

    return build_hook


def test_zmq_prefix_without_libzmq_is_refused(tmp_path, monkeypatch):
    hook = _load_hook()
    monkeypatch.setenv("ZMQ_PREFIX", str(tmp_path))
    with pytest.raises(hook.LibzmqNotFound, match="apt-get install libzmq3-dev"):
        hook.find_libzmq()


def test_zmq_prefix_is_used(tmp_path, monkeypatch):
    hook = _load_hook()
    (tmp_path / "include").mkdir()
    (tmp_path / "include" / "zmq.h").write_text("")
    (tmp_path / "lib").mkdir()
    monkeypatch.setenv("ZMQ_PREFIX", str(tmp_path))
    settings = hook.find_libzmq()
    assert settings["include_dirs"] == [str(tmp_path / "include")]
    assert settings["library_dirs"] == [str(tmp_path / "lib")]
    assert settings["libraries"] == ["zmq"]


def test_pkg_config_finds_libzmq(monkeypatch):
    hook = _load_hook()
    monkeypatch.delenv("ZMQ_PREFIX", raising=False)
    assert "zmq" in hook.find_libzmq()["libraries"]


@pytest.mark.timeout(300)
def test_build_without_libzmq_fails_in_one_line(tmp_path):
    env = dict(os.environ, ZMQ_PREFIX=str(tmp_path / "nowhere"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "wheels"),
            str(PROJECT),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    # the hook's output is exactly one line, saying what is missing and how to fix it
    assert "[1 lines of output]" in output
    (line,) = [line for line in output.splitlines() if "error: ZMQ_PREFIX=" in line]
    assert "apt-get install libzmq3-dev" in line
    assert "Traceback" not in output

"""The build hook: where libzmq comes from, and a missing one stops the build
with one clear line."""

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


def _system_libzmq() -> bool:
    return subprocess.run(["pkg-config", "--exists", "libzmq"], check=False).returncode == 0


def test_zmq_prefix_without_libzmq_is_refused(tmp_path, monkeypatch):
    hook = _load_hook()
    monkeypatch.setenv("ZMQ_PREFIX", str(tmp_path))
    with pytest.raises(hook.LibzmqNotFound, match="apt-get install libzmq3-dev") as info:
        hook.find_system_libzmq()
    assert "ZMQ_PREFIX=bundled" in str(info.value)


def test_zmq_prefix_is_used(tmp_path, monkeypatch):
    hook = _load_hook()
    (tmp_path / "include").mkdir()
    (tmp_path / "include" / "zmq.h").write_text("")
    (tmp_path / "lib").mkdir()
    monkeypatch.setenv("ZMQ_PREFIX", str(tmp_path))
    settings = hook.find_system_libzmq()
    assert settings["include_dirs"] == [str(tmp_path / "include")]
    assert settings["library_dirs"] == [str(tmp_path / "lib")]
    assert settings["libraries"] == ["zmq"]
    assert settings["runtime_library_dirs"] == [str(tmp_path / "lib")]


@pytest.mark.skipif(not _system_libzmq(), reason="no system libzmq (pkg-config libzmq)")
def test_pkg_config_finds_libzmq(monkeypatch):
    hook = _load_hook()
    monkeypatch.delenv("ZMQ_PREFIX", raising=False)
    assert "zmq" in hook.find_system_libzmq()["libraries"]


def _bundle(path):
    (path / "include").mkdir(parents=True)
    (path / "include" / "zmq.h").write_text("")
    (path / "lib").mkdir()
    return path


def test_extensions_link_the_libzmq_the_core_bundles(tmp_path, monkeypatch):
    hook = _load_hook()
    bundle = _bundle(tmp_path / "zmq" / hook.BUNDLE_DIR)
    monkeypatch.setattr(hook, "bundled_libzmq", lambda: bundle)
    for prefix in (None, "bundled"):
        if prefix is None:
            monkeypatch.delenv("ZMQ_PREFIX", raising=False)
        else:
            monkeypatch.setenv("ZMQ_PREFIX", prefix)
        settings = hook.find_libzmq()
        assert settings["include_dirs"] == [str(bundle / "include")]
        assert settings["library_dirs"] == [str(bundle / "lib")]
        assert settings["libraries"] == ["zmq"]
    # another libzmq would be a second one in the process
    monkeypatch.setenv("ZMQ_PREFIX", str(tmp_path))
    with pytest.raises(hook.LibzmqNotFound, match="bundles its own libzmq"):
        hook.find_libzmq()


def test_bundled_asked_of_a_core_without_one(monkeypatch):
    hook = _load_hook()
    monkeypatch.setattr(hook, "bundled_libzmq", lambda: None)
    monkeypatch.setenv("ZMQ_PREFIX", "bundled")
    with pytest.raises(hook.LibzmqNotFound, match="bundles no libzmq"):
        hook.find_libzmq()


def test_bundled_libzmq_is_found_next_to_each_extension(tmp_path):
    hook = _load_hook()
    settings = hook._bundled_settings(tmp_path)
    origin = "@loader_path" if sys.platform == "darwin" else "$ORIGIN"
    expected = {
        "zmq.backend.cython._zmq": f"{origin}/../../.libzmq/lib",
        "zmq.devices._monitoredqueue": f"{origin}/../.libzmq/lib",
        "toplevel": f"{origin}/zmq/.libzmq/lib",
        "other.package.module": f"{origin}/../../zmq/.libzmq/lib",
    }
    for module, directory in expected.items():
        assert hook._run_time_dirs(module, settings, "wheel") == [directory]
        # an editable install is not next to zmq: the bundle's own folder too
        assert hook._run_time_dirs(module, settings, "editable") == [
            directory,
            str(tmp_path / "lib"),
        ]


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
    assert "apt-get install libzmq3-dev" in line and "ZMQ_PREFIX=bundled" in line
    assert "Traceback" not in output

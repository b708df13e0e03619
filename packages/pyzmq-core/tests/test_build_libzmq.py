"""build_libzmq.sh: where libzmq's source comes from, and what it refuses.

Building libzmq takes a minute: ci/source_builds.py and ci/repair_wheels.py
(tools/check-release) build it, from both a source tree and a release-style
tarball, without network. These tests check the rest, in a namespace
without network too, so that an attempt to download would fail them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "build_libzmq.sh"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("unshare") is None,
    reason="runs the script without network, in a Linux network namespace",
)


def build(prefix: Path, **env: str) -> subprocess.CompletedProcess[str]:
    unshare = ["unshare", "--net"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYZMQ_LIBZMQ_")}
    environment.pop("ZMQ_DRAFT_API", None)
    return subprocess.run(
        [*unshare, "bash", str(SCRIPT), str(prefix)],
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def tarball(path: Path, files: dict[str, str]) -> Path:
    """A tarball of one top folder holding ``files``."""
    tree = path.parent / "tree" / "libzmq-x"
    tree.mkdir(parents=True)
    for name, text in files.items():
        (tree / name).write_text(text)
    with tarfile.open(path, "w:gz") as archive:
        archive.add(tree, arcname="libzmq-x")
    return path


def test_a_source_that_is_not_libzmq_is_refused(tmp_path):
    source = tarball(tmp_path / "other.tar.gz", {"README": "not libzmq"})
    result = build(tmp_path / "prefix", PYZMQ_LIBZMQ_URL=str(source))
    assert result.returncode == 1
    assert "neither a configure script nor CMakeLists.txt" in result.stderr


def test_a_missing_source_is_refused(tmp_path):
    result = build(tmp_path / "prefix", PYZMQ_LIBZMQ_URL=str(tmp_path / "nowhere.tar.gz"))
    assert result.returncode == 1
    assert "no such file or directory" in result.stderr


def test_the_checksum_is_checked_before_anything_is_built(tmp_path):
    source = tarball(tmp_path / "libzmq.tar.gz", {"configure": "exit 1"})
    wrong = hashlib.sha256(b"something else").hexdigest()
    result = build(tmp_path / "prefix", PYZMQ_LIBZMQ_URL=str(source), PYZMQ_LIBZMQ_SHA256=wrong)
    assert result.returncode == 1
    actual = hashlib.sha256(source.read_bytes()).hexdigest()
    assert f"has sha256 {actual}, expected {wrong}" in result.stderr
    # a folder has no checksum to check
    result = build(
        tmp_path / "prefix", PYZMQ_LIBZMQ_URL=str(tmp_path / "tree"), PYZMQ_LIBZMQ_SHA256=wrong
    )
    assert result.returncode == 1 and "is a directory" in result.stderr


def test_a_prefix_built_alike_is_reused_and_another_rebuilt(tmp_path):
    source = tarball(tmp_path / "libzmq.tar.gz", {"README": "not libzmq"})
    prefix = tmp_path / "prefix"
    (prefix / "include").mkdir(parents=True)
    (prefix / "include" / "zmq.h").write_text("")
    stamp = prefix / ".pyzmq-libzmq-build"
    stamp.write_text(f"source={source} sha256= drafts=on\n")
    result = build(prefix, PYZMQ_LIBZMQ_URL=str(source), ZMQ_DRAFT_API="1")
    assert result.returncode == 0, result.stderr
    assert "libzmq already built" in result.stdout
    # without drafts, the prefix is emptied and built again (here: refused)
    result = build(prefix, PYZMQ_LIBZMQ_URL=str(source))
    assert result.returncode == 1
    assert not (prefix / "include").exists() and not stamp.exists()


def test_a_prefix_with_another_libzmq_is_left_alone(tmp_path):
    prefix = tmp_path / "prefix"
    (prefix / "include").mkdir(parents=True)
    (prefix / "include" / "zmq.h").write_text("somebody's libzmq")
    source = tarball(tmp_path / "libzmq.tar.gz", {"README": "not libzmq"})
    result = build(prefix, PYZMQ_LIBZMQ_URL=str(source))
    assert result.returncode == 1
    assert "did not build" in result.stderr
    assert (prefix / "include" / "zmq.h").read_text() == "somebody's libzmq"

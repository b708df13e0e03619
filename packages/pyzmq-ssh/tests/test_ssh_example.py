"""The SSH how-to's example (docs/examples/ssh_tunnel.py) runs against the test sshd."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "ssh_tunnel.py"

# pyzmq-ssh's sdist has its tests, but not the repository's docs/
pytestmark = pytest.mark.skipif(
    not EXAMPLE.is_file(), reason="the examples are in the repository's docs/ only"
)


def test_the_example_talks_through_a_tunnel_and_closes_it(ssh: Any, use_paramiko: bool) -> None:
    args = [ssh.server.server(), str(ssh.server.client_key)]
    # Python 3.12+ warns when a process with threads (libzmq's) forks, as the
    # paramiko tunnel does (in a multiprocessing.Process, as PyZMQ's does)
    forking = ["-W", "ignore:This process:DeprecationWarning"]
    result = subprocess.run(
        [sys.executable, "-W", "default", *forking, str(EXAMPLE), *args]
        + (["--paramiko"] if use_paramiko else []),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == ["REP got 'ping through ssh'", "REQ got 'pong'"]


def test_the_example_says_how_to_use_it() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Usage: python ssh_tunnel.py SERVER [KEYFILE] [--paramiko]" in result.stderr

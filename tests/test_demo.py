"""The README's demo (tools/demo runs tools/demo.py) sends real messages and says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "tools" / "demo.py"

pytestmark = pytest.mark.skipif(
    not DEMO.is_file(), reason="tools/demo.py is in the repository, not in pyzmq-core's sdist"
)


@pytest.mark.timeout(300)
def test_demo_runs_every_part(require):
    require("gevent")  # the tour runs zmq.green
    result = subprocess.run(
        [sys.executable, "-W", "default", str(DEMO)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert "  REQ sent 'hello'  -> REP answered 'HELLO'" in lines
    assert "  SUB subscribed to 'paris' got paris: 18C" in lines
    assert sum("PULL worker" in line for line in lines) == 2
    for section in ("pyzmq-devices", "pyzmq-auth", "zmq.asyncio", "pyzmq-green", "pyzmq-log"):
        assert any(section in line for line in lines), section
    assert "mallory: refused by the server (HANDSHAKE_FAILED_AUTH)" in lines
    assert lines[-1] == "demo finished: every message went through real libzmq sockets"

"""Every core behaviour-test module zmq.green must pass is run again here."""

from __future__ import annotations

import re
from pathlib import Path

from green_rerun import CORE_TESTS

# the core's modules about contexts, sockets, sending and receiving, polling
KINDS = ("test_context*", "test_socket*", "test_pubsub*", "test_reqrep*", "test_poll*")


def test_every_core_behaviour_module_runs_again():
    here = Path(__file__).parent
    rerun = set()
    for path in here.glob("test_green_rerun_*.py"):
        rerun.update(re.findall(r'\brerun\(\s*"([^"]+)"', path.read_text()))
    core_modules = {path.name for kind in KINDS for path in CORE_TESTS.glob(f"{kind}.py")}
    assert core_modules, f"no core tests found in {CORE_TESTS}"
    assert not core_modules - rerun, "core tests not run against zmq.green"
    assert not rerun - {path.name for path in CORE_TESTS.glob("test_*.py")}, "no such core tests"

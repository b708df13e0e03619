"""check.py runs scenarios in real interpreters and finds what differs.

Both "sides" here are this project's interpreter, made to differ on purpose
through an environment variable the scenario reads: the harness must report
exactly the deliberate differences, and a crash or hang as such.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import check
import pytest
from compare import compare

SCENARIO = """
import os
SIDE = os.environ["COMPAT_SIDE"]

def run(c):
    c.let(side=SIDE, os=os)
    c("import zmq")
    c("ctx = zmq.Context()")
    c("value = 1 if side == 'pyzmq' else '1'")
    c("raise {'pyzmq': KeyError, 'ours': ValueError}[side]('deliberate')")
    c("class Clearer(LookupError): pass")
    c("raise (LookupError if side == 'pyzmq' else Clearer)('subclass')")
    c("ctx.term()")
    c("len(c_inputs)", c_inputs=c.inputs("buffers"))
    if SIDE == "ours" and os.environ.get("COMPAT_CRASH"):
        c("os.abort()")
    if SIDE == "ours" and os.environ.get("COMPAT_HANG"):
        c("import time; time.sleep(60)")
"""


DELIBERATE = "raise {'pyzmq': KeyError, 'ours': ValueError}[side]('deliberate')"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "deliberate.py"
    path.write_text(SCENARIO)
    return path


@pytest.fixture
def inputs_file(tmp_path: Path) -> Path:
    path = tmp_path / "inputs.json"
    path.write_text(json.dumps({"buffers": [{"bytes": "00ff"}]}))
    return path


def run_both(scenario: Path, inputs_file: Path, timeout: float = 20, **ours_env: str):
    python = Path(sys.executable)
    ours = check.run_side(
        python, scenario, inputs_file, timeout, {"COMPAT_SIDE": "ours", **ours_env}
    )
    theirs = check.run_side(python, scenario, inputs_file, timeout, {"COMPAT_SIDE": "pyzmq"})
    return ours, theirs, compare("deliberate", ours, theirs)


@pytest.mark.timeout(60)
def test_deliberate_differences_are_reported_and_a_subclass_is_not(scenario, inputs_file) -> None:
    _, _, found = run_both(scenario, inputs_file)
    by_step = {d.step: d for d in found}
    assert sorted(by_step) == [DELIBERATE, "value = 1 if side == 'pyzmq' else '1'"]
    assert by_step["value = 1 if side == 'pyzmq' else '1'"].kind == "returns another type"
    assert "another exception class" in by_step[DELIBERATE].kind


@pytest.mark.timeout(60)
def test_a_crash_is_recorded_with_its_signal(scenario, inputs_file) -> None:
    ours, _, found = run_both(scenario, inputs_file, COMPAT_CRASH="1")
    assert ours.ending == "crash (SIGABRT)"
    assert any(d.step == "os.abort()" and "crash" in d.ours for d in found)


@pytest.mark.timeout(60)
def test_a_hang_is_ended_and_recorded(scenario, inputs_file) -> None:
    ours, _, found = run_both(scenario, inputs_file, timeout=5, COMPAT_HANG="1")
    assert ours.ending == "hang (killed after 5 s)"
    assert any(d.step == "import time; time.sleep(60)" for d in found)


def test_inputs_are_the_same_on_every_draw() -> None:
    import inputs

    first = json.dumps(inputs.encode(inputs.generate()))
    assert first == json.dumps(inputs.encode(inputs.generate()))


def test_inputs_round_trip_through_json() -> None:
    import inputs
    from recorder import decode_inputs

    values = [b"\x00\xff", float("nan"), (1, b"x"), {"k": [float("-inf")]}]
    decoded = decode_inputs(json.loads(json.dumps(inputs.encode(values))))
    assert decoded[0] == b"\x00\xff" and decoded[2] == (1, b"x")
    assert str(decoded[1]) == "nan" and decoded[3]["k"][0] == float("-inf")

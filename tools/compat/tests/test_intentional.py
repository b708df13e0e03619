"""The list of intentional differences is well formed, and it is what lets a difference pass."""

from __future__ import annotations

from pathlib import Path

import intentional
from compare import Difference


def test_every_entry_has_a_reason_and_points_at_a_section() -> None:
    assert intentional.problems(intentional.load()) == []


def test_section_ids_are_sphinx_ids() -> None:
    rst = "Compared with PyZMQ\n===================\n\nzmq.log\n-------\n\nText\n"
    assert intentional.section_ids(rst) == {"compared-with-pyzmq", "zmq-log"}


def test_a_pointer_into_nothing_is_a_problem(tmp_path: Path) -> None:
    docs = tmp_path / "differences.rst"
    docs.write_text("zmq.log\n-------\n")
    good = intentional.Intentional("log", "*", "why", "docs/differences.rst#zmq-log")
    bad = intentional.Intentional("log", "*", "", "docs/differences.rst#nowhere")
    assert intentional.problems([good], docs) == []
    assert len(intentional.problems([bad], docs)) == 2


def test_listed_differences_pass_and_unused_entries_are_stale() -> None:
    found = Difference("log", "tl.info('topic', 'msg')", "returns where PyZMQ raises", "", "")
    broken = Difference("log", "tl.info('x')", "wrong", "", "", harness=True)
    entry = intentional.Intentional("log", "tl.info(*", "works", "docs/differences.rst#zmq-log")
    stale = intentional.Intentional("green", "*", "gone", "docs/differences.rst#zmq-log")
    unlisted, listed, unused = intentional.split([found, broken], [entry, stale])
    assert unlisted == [broken]
    assert listed == [(found, entry)]
    assert unused == [stale]

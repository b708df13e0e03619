"""A pytest plugin that writes each test's start and outcome as a JSON line, as they happen.

A process abort (libzmq's assert, a segfault) ends pytest before any report
it would write at the end; these lines survive it, and the last test started
without an outcome is the one that aborted. Enabled with ``-p report_plugin``
(tools/clients on PYTHONPATH) and ``CLIENT_REPORT=<file>``.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

_out = open(os.environ["CLIENT_REPORT"], "a")  # noqa: SIM115 - open for the whole session


def _write(record: dict[str, Any]) -> None:
    _out.write(json.dumps(record) + "\n")
    _out.flush()


def pytest_runtest_logstart(nodeid: str, location: Any) -> None:
    _write({"start": nodeid})


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    failed_setup = report.when == "setup" and not report.passed
    if report.when == "call" or failed_setup or (report.when == "teardown" and report.failed):
        outcome = report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "xfailed" if report.skipped else "xpassed"
        elif (failed_setup and report.failed) or report.when == "teardown":
            outcome = "error"
        text = report.longreprtext or ""
        _write(
            {
                "test": report.nodeid,
                "when": report.when,
                "outcome": outcome,
                "reason": text[-3000:],
            }
        )

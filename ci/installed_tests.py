"""Run the tests of pyzmq-core and pyzmq-devices on an installed build.

ci/source_builds.py and ci/repair_wheels.py run them in a virtualenv that
holds built distributions, not the editable installs of the development
environment, with the system's libzmq hidden (ci/no_system_libzmq.py).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from check_artifacts import check
from no_system_libzmq import run_hidden

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds; the tests take about one minute
# tests of the development environment's layout: each distribution's sources
# are what is imported
DEVELOPMENT_LAYOUT = (
    "packages/pyzmq-devices/tests/test_devices_package.py::test_devices_lives_in_the_zmq_namespace",
)


def run_installed_tests(
    python: str, hide: Sequence[str], label: str, deselect: Sequence[str] = ()
) -> None:
    """The tests, run by ``python`` from the repository, with ``hide`` hidden.

    ``deselect`` names tests that cannot run on this build, besides those of
    the development layout; the check's message lists them all.
    """
    skipped = [*DEVELOPMENT_LAYOUT, *deselect]
    started = time.monotonic()
    result = run_hidden(
        [
            python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *[arg for test in skipped for arg in ("--deselect", test)],
            "packages/pyzmq-core",
            "packages/pyzmq-devices",
        ],
        hide,
        cwd=ROOT,
        timeout=TIMEOUT,
    )
    print(result.stdout[-1500:], end="")
    check(
        result.returncode == 0,
        f"{label}: the tests pass ({time.monotonic() - started:.0f} s; not run: "
        f"{', '.join(test.split('::')[1] for test in skipped)})",
        result.stdout[-5000:] + result.stderr[-3000:],
    )

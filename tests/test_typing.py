"""Typical user code type-checks with mypy --strict against the installed zmq.

mypy on the code of every distribution itself is a step of tools/lint.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent / "typing"


@pytest.mark.timeout(300)
def test_mypy_strict_on_user_code(require):
    require("mypy")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir=/dev/null",
            *map(str, sorted(EXAMPLES.glob("*.py"))),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr

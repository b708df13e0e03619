"""Typical user code type-checks with mypy --strict against the installed zmq."""

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


def _subpackages() -> list[str]:
    """zmq and every extension installed into its namespace."""
    import pkgutil

    import zmq

    return ["zmq"] + [
        f"zmq.{module.name}"
        for module in pkgutil.iter_modules(zmq.__path__)
        if module.ispkg and module.name not in ("backend", "sugar", "utils", "eventloop")
    ]


@pytest.mark.timeout(600)
def test_mypy_on_every_distribution(require):
    require("mypy")
    packages = [arg for name in _subpackages() for arg in ("-p", name)]
    assert len(packages) >= 12  # the core and the five extensions
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--ignore-missing-imports",
            # a dependency without type information (paramiko, for the mypy of
            # Python 3.9) is not an error of ours
            "--disable-error-code=import-untyped",
            "--no-incremental",
            "--cache-dir=/dev/null",
            *packages,
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr

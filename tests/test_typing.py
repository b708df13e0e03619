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


def _subpackages() -> tuple[list[str], list[str]]:
    """Every extension installed into zmq's namespace, and what to give mypy -p
    to check them with zmq: an extension installed in zmq's own folder is
    part of ``-p zmq``, one installed elsewhere (editable) needs its own."""
    import pkgutil

    import zmq

    extensions = [
        module
        for module in pkgutil.iter_modules(zmq.__path__)
        if module.ispkg and module.name not in ("backend", "sugar", "utils", "eventloop")
    ]
    elsewhere = [
        f"zmq.{module.name}"
        for module in extensions
        if Path(module.module_finder.path) != Path(zmq.__file__).parent  # type: ignore[union-attr]
    ]
    return [module.name for module in extensions], ["zmq", *elsewhere]


@pytest.mark.timeout(600)
def test_mypy_on_every_distribution(require):
    require("mypy")
    extensions, names = _subpackages()
    assert {"devices", "auth", "green", "ssh", "log", "anyio"} <= set(extensions)
    packages = [arg for name in names for arg in ("-p", name)]
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

"""PyZMQ's own examples type-check against this build wherever they do against PyZMQ.

The examples come from PyZMQ's sdist on the package index (downloaded once
into .bench/, which git ignores). mypy checks them twice, in this
interpreter and with the same flags and third-party packages: once against
this build, once against PyZMQ's ``zmq`` package from the sdist (first on
MYPYPATH; its .pyi stubs are what mypy reads of the compiled parts). Every
error against this build must also be one against PyZMQ; the errors that
both give are the examples' own (``send`` of a str, generics left bare...).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import zmq

PYZMQ_VERSION = "27.3.0"
ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench" / "pyzmq-examples"
# strict, so that the bodies of the examples' unannotated functions are
# checked too; with PyZMQ's own relaxations (its mypy.ini): the examples
# import what may not be installed, and redefine names. Errors inside zmq
# itself are not the examples': only the uses of its types count.
CONFIG = """\
[mypy]
strict = True
allow_redefinition = True
ignore_missing_imports = True
warn_unused_ignores = True
warn_redundant_casts = True

[mypy-zmq.*]
follow_imports = silent
ignore_errors = True
"""
# where mypy read zmq from (its --verbose log, with or without a cache)
ZMQ_READ = re.compile(
    r"(?:Parsing |Metadata fresh for zmq: file )(\S+)/zmq/__init__\.pyi?(?: \(zmq\))?$", re.M
)
ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$")


def pyzmq_sdist() -> Path:
    """PyZMQ's sources, extracted from its sdist (downloaded on first use)."""
    tree = CACHE / f"pyzmq-{PYZMQ_VERSION}"
    if (tree / "examples").is_dir():
        return tree
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary=:all:",
            f"pyzmq=={PYZMQ_VERSION}",
            "--dest",
            str(CACHE),
        ],
        check=True,
        timeout=300,
    )
    with tarfile.open(CACHE / f"pyzmq-{PYZMQ_VERSION}.tar.gz") as archive:
        archive.extractall(CACHE, filter="data")
    return tree


def groups(files: list[Path]) -> Iterator[list[Path]]:
    """The files in as few groups as can be checked at once: an example is a
    module named after its file, and mypy takes one module of a name per run."""
    left = sorted(files)
    while left:
        group: dict[str, Path] = {}
        for path in left:
            group.setdefault(path.name, path)
        yield sorted(group.values())
        left = [path for path in left if path not in group.values()]


def mypy_errors(examples: Path, config: Path, side: str, mypypath: str = "") -> set[str]:
    """mypy's errors on every example, as ``path:line [code]``.

    ``mypypath`` holds the zmq to check against (default: this build); mypy
    must read zmq from there, or the comparison would mean nothing.
    """
    errors: set[str] = set()
    env = {key: value for key, value in os.environ.items() if key != "MYPYPATH"}
    if mypypath:
        env["MYPYPATH"] = mypypath
    for group in groups(list(examples.rglob("*.py"))):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                f"--config-file={config}",
                f"--cache-dir={CACHE / 'mypy-cache' / side}",
                "--no-error-summary",
                "--verbose",
                *(str(path.relative_to(examples)) for path in group),
            ],
            cwd=examples,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode in (0, 1), result.stderr[-3000:]
        zmq_read = ZMQ_READ.search(result.stderr)
        assert zmq_read, f"mypy read no zmq:\n{result.stderr[-3000:]}"
        zmq_source = Path(zmq_read.group(1)).resolve()
        expected = Path(mypypath) if mypypath else Path(zmq.__file__).parents[1]
        assert zmq_source == expected.resolve(), f"{side}: mypy read zmq from {zmq_source}"
        for line in result.stdout.splitlines():
            match = ERROR.match(line)
            if match:
                errors.add(f"{match['path']}:{match['line']} [{match['code']}]")
    return errors


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_pyzmq_examples_type_check_as_against_pyzmq(tmp_path, require):
    require("mypy")
    sdist = pyzmq_sdist()
    config = tmp_path / "mypy.ini"
    config.write_text(CONFIG)
    examples = sdist / "examples"
    ours = mypy_errors(examples, config, "ours")
    theirs = mypy_errors(examples, config, "pyzmq", mypypath=str(sdist))
    # the examples' own errors, which PyZMQ gives too: the check does check
    assert theirs
    assert not ours - theirs, "errors only against this build:\n" + "\n".join(
        sorted(ours - theirs)
    )

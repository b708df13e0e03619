"""Run a command as on a machine without the system's libzmq.

The command runs in a private mount namespace (``unshare --mount``; in a user
namespace of its own too when not root) where each hidden file is replaced by
an empty one, a bind mount of ``/dev/null``, and with ``LD_LIBRARY_PATH`` and
``LD_PRELOAD`` unset. Compilers, pkg-config and the dynamic loader then find
no libzmq there, as on a machine without the packages; outside the
namespace, nothing changes, so others on the machine keep theirs. With
``offline``, the namespace has no network either (not even loopback).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["SYSTEM_PACKAGES", "package_files", "run_hidden"]

#: the Debian packages of libzmq: its development files and the library
SYSTEM_PACKAGES = ("libzmq3-dev", "libzmq5")
# mount an empty file over each path given before "--", then run what follows it
HIDE_AND_RUN = (
    'while [ "$1" != -- ]; do mount --bind /dev/null "$1"; shift; done; shift; exec "$@"'
)
# what would let programs find the hidden libraries anyway
LOADER_VARIABLES = ("LD_LIBRARY_PATH", "LD_PRELOAD")


def package_files(packages: Sequence[str] = SYSTEM_PACKAGES) -> list[str]:
    """The files the installed Debian ``packages`` hold (none for a missing one)."""
    files = []
    for package in packages:
        listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True)
        if listed.returncode == 0:
            files += [path for path in listed.stdout.splitlines() if Path(path).is_file()]
    return sorted({str(Path(path).resolve()) for path in files})


def run_hidden(
    command: Sequence[str],
    hidden: Sequence[str],
    *,
    offline: bool = False,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with the files ``hidden`` (see the module's docstring),
    its output captured. Its environment (``env``, or this process's) loses
    the loader variables."""
    unshare = ["unshare", "--mount", *(["--net"] if offline else [])]
    if os.geteuid() != 0:
        unshare.append("--map-root-user")
    return subprocess.run(
        [*unshare, "sh", "-ec", HIDE_AND_RUN, "sh", *hidden, "--", *command],
        env={k: v for k, v in (env or os.environ).items() if k not in LOADER_VARIABLES},
        cwd=cwd,
        timeout=timeout,
        capture_output=True,
        text=True,
        check=False,
    )

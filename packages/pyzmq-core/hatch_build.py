"""Hatchling build hook: compile pyzmq-core's Cython backend against libzmq.

libzmq is found with pkg-config, or under ``$ZMQ_PREFIX`` when that is set.
Set ``ZMQ_DRAFT_API=1`` to build with libzmq's draft API (the linked libzmq
must have it too).

The compiling itself is zmq.utils.build_hook's, which downstream Cython
projects use too.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

EXTENSION = "zmq.backend.cython._zmq"
SOURCE = "src/zmq/backend/cython/_zmq.pyx"
MIN_LIBZMQ = (4, 3, 0)
INSTALL_HINT = (
    "pyzmq-core needs libzmq >= 4.3 and its development files. Install them "
    "(Debian/Ubuntu: apt-get install libzmq3-dev; Fedora: dnf install zeromq-devel; "
    "macOS: brew install zeromq) or set ZMQ_PREFIX to where libzmq is installed."
)


class LibzmqNotFound(RuntimeError):
    """libzmq's development files are missing."""


def _pkg_config(*args: str) -> str | None:
    try:
        result = subprocess.run(
            ["pkg-config", *args, "libzmq"], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def find_libzmq() -> dict[str, list[str]]:
    """Compiler and linker settings for libzmq, or LibzmqNotFound."""
    prefix = os.environ.get("ZMQ_PREFIX")
    if prefix:
        include = Path(prefix) / "include"
        libdirs = [str(p) for p in (Path(prefix) / "lib", Path(prefix) / "lib64") if p.is_dir()]
        if not (include / "zmq.h").is_file():
            raise LibzmqNotFound(f"ZMQ_PREFIX={prefix} has no include/zmq.h. {INSTALL_HINT}")
        return {
            "include_dirs": [str(include)],
            "library_dirs": libdirs,
            "runtime_library_dirs": libdirs,
            "libraries": ["zmq"],
        }
    version = _pkg_config("--modversion")
    if version is None:
        for include in ("/usr/include", "/usr/local/include"):
            if Path(include, "zmq.h").is_file():
                return {
                    "include_dirs": [],
                    "library_dirs": [],
                    "libraries": ["zmq"],
                    "runtime_library_dirs": [],
                }
        raise LibzmqNotFound(f"libzmq was not found. {INSTALL_HINT}")
    found = tuple(int(part) for part in version.split(".")[:3] if part.isdigit())
    if found < MIN_LIBZMQ:
        raise LibzmqNotFound(f"libzmq {version} is too old. {INSTALL_HINT}")
    settings: dict[str, list[str]] = {
        "include_dirs": [],
        "library_dirs": [],
        "libraries": [],
        "runtime_library_dirs": [],
    }
    for flag in shlex.split(_pkg_config("--cflags", "--libs") or "-lzmq"):
        if flag.startswith("-I"):
            settings["include_dirs"].append(flag[2:])
        elif flag.startswith("-L"):
            settings["library_dirs"].append(flag[2:])
        elif flag.startswith("-l"):
            settings["libraries"].append(flag[2:])
    return settings


class CythonBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Cythonize and compile the backend, for wheels and editable installs."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        try:
            libzmq = find_libzmq()
        except LibzmqNotFound as error:
            # one clear line instead of a compiler's "zmq.h: No such file"
            print(f"error: {error}", file=sys.stderr)
            raise SystemExit(1) from None

        root = Path(self.root)
        build_hook = _load_build_hook(root)
        macros = [("ZMQ_BUILD_DRAFT_API", "1")] if os.environ.get("ZMQ_DRAFT_API") == "1" else []
        self._workdir = tempfile.mkdtemp(prefix="pyzmq-core-build-")
        build_hook.build_extensions(
            root,
            {EXTENSION: SOURCE},
            version,
            build_data,
            self._workdir,
            include_dirs=[str(root / "src" / "zmq" / "utils"), *libzmq["include_dirs"]],
            library_dirs=libzmq["library_dirs"],
            runtime_library_dirs=libzmq["runtime_library_dirs"],
            libraries=libzmq["libraries"],
            define_macros=macros,
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        workdir = getattr(self, "_workdir", None)
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


def _load_build_hook(root: Path) -> Any:
    """zmq.utils.build_hook, loaded from the sources: zmq is not built yet."""
    path = root / "src" / "zmq" / "utils" / "build_hook.py"
    spec = importlib.util.spec_from_file_location("_zmq_build_hook", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

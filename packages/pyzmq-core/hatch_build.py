"""Hatchling build hook: compile pyzmq-core's Cython backend against libzmq.

libzmq is found with pkg-config, or under ``$ZMQ_PREFIX`` when that is set.
``ZMQ_PREFIX=bundled`` builds libzmq from source first (build_libzmq.sh, from
``$PYZMQ_LIBZMQ_URL`` or libzmq's release), into ``build/`` here, and ships it
in the package (``zmq/.libzmq/``). Set ``ZMQ_DRAFT_API=1`` to build with
libzmq's draft API (the linked libzmq must have it too: a bundled one does).

The compiling itself is zmq.utils.build_hook's, which downstream Cython
projects use too; it is loaded from the sources here, as zmq is not built yet.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _load_build_hook() -> Any:
    path = Path(__file__).parent / "src" / "zmq" / "utils" / "build_hook.py"
    spec = importlib.util.spec_from_file_location("_zmq_build_hook", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_hook = _load_build_hook()

# the headers a bundled libzmq ships for downstream builds (zmq.get_includes())
BUNDLED_HEADERS = ("zmq.h", "zmq_utils.h")


def build_bundled_libzmq(root: Path, draft: bool) -> Path:
    """Build libzmq into ``root/build`` (kept between builds); return its prefix."""
    if not sys.platform.startswith("linux"):
        print(
            "error: ZMQ_PREFIX=bundled builds on Linux only; elsewhere, build libzmq with "
            f"{root / 'build_libzmq.sh'} PREFIX and set ZMQ_PREFIX=PREFIX",
            file=sys.stderr,
        )
        raise SystemExit(1)
    prefix = root / "build" / ("libzmq-draft" if draft else "libzmq")
    # its output goes to stderr, where pip shows it when the build fails
    result = subprocess.run(
        ["bash", str(root / "build_libzmq.sh"), str(prefix)], stdout=sys.stderr, check=False
    )
    if result.returncode != 0:
        print("error: building the bundled libzmq failed (see above)", file=sys.stderr)
        raise SystemExit(1)
    return prefix


def bundled_files(prefix: Path) -> dict[Path, str]:
    """What a bundled libzmq ships: file in ``prefix`` -> path in the package.

    The shared library goes under its soname (``libzmq.so.5``), the name the
    compiled modules look for, and ``libzmq.so`` is a linker script naming it,
    so that ``-lzmq`` with :func:`zmq.get_library_dirs` links it (a wheel
    cannot hold the usual symbolic link).
    """
    lib = prefix / "lib"
    (soname,) = (p for p in lib.glob("libzmq.so.*") if p.name.count(".") == 2)
    link = prefix.parent / f"{prefix.name}-link" / "libzmq.so"
    link.parent.mkdir(exist_ok=True)
    link.write_text(f"/* GNU ld script: the libzmq pyzmq-core bundles */\nINPUT({soname.name})\n")
    target = f"zmq/{build_hook.BUNDLE_DIR}"
    files = {soname.resolve(): f"{target}/lib/{soname.name}", link: f"{target}/lib/libzmq.so"}
    for header in BUNDLED_HEADERS:
        files[prefix / "include" / header] = f"{target}/include/{header}"
    return files


class CythonBuildHook(build_hook.CythonHookMixin, BuildHookInterface):  # type: ignore[misc]
    """Cythonize and compile the backend, for wheels and editable installs."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        draft = os.environ.get("ZMQ_DRAFT_API") == "1"
        options: dict[str, Any] = {}
        if os.environ.get("ZMQ_PREFIX") == "bundled":
            root = Path(self.root)
            prefix = build_bundled_libzmq(root, draft)
            options["libzmq"] = {
                "include_dirs": [str(prefix / "include")],
                "library_dirs": [str(prefix / "lib")],
                "libraries": ["zmq"],
                "runtime_library_dirs": [],
                "zmq_relative_rpath": [f"{build_hook.BUNDLE_DIR}/lib"],
            }
            for source, target in bundled_files(prefix).items():
                if version == "editable":
                    (root / "src" / target).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, root / "src" / target)
                else:
                    build_data["force_include"][str(source)] = target
        else:
            # not an installed pyzmq-core's bundled libzmq, as extensions take
            options["libzmq"] = build_hook.stop_if_missing(build_hook.find_system_libzmq)
            if version == "editable":
                # left by an earlier bundled build: extensions would link it
                shutil.rmtree(
                    Path(self.root, "src", "zmq", build_hook.BUNDLE_DIR), ignore_errors=True
                )
        self.compile_extensions(
            {"zmq.backend.cython._zmq": "src/zmq/backend/cython/_zmq.pyx"},
            version,
            build_data,
            include_dirs=[str(Path(self.root) / "src" / "zmq" / "utils")],
            define_macros=[("ZMQ_BUILD_DRAFT_API", "1")] if draft else [],
            **options,
        )

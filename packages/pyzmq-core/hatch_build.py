"""Hatchling build hook: compile pyzmq-core's Cython backend against libzmq.

libzmq is found with pkg-config, or under ``$ZMQ_PREFIX`` when that is set.
Set ``ZMQ_DRAFT_API=1`` to build with libzmq's draft API (the linked libzmq
must have it too).

The compiling itself is zmq.utils.build_hook's, which downstream Cython
projects use too; it is loaded from the sources here, as zmq is not built yet.
"""

from __future__ import annotations

import importlib.util
import os
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


class CythonBuildHook(build_hook.CythonHookMixin, BuildHookInterface):  # type: ignore[misc]
    """Cythonize and compile the backend, for wheels and editable installs."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        draft = os.environ.get("ZMQ_DRAFT_API") == "1"
        self.compile_extensions(
            {"zmq.backend.cython._zmq": "src/zmq/backend/cython/_zmq.pyx"},
            version,
            build_data,
            include_dirs=[str(Path(self.root) / "src" / "zmq" / "utils")],
            define_macros=[("ZMQ_BUILD_DRAFT_API", "1")] if draft else [],
        )

"""Hatchling build hook: compile zmq.devices._monitoredqueue against pyzmq-core.

The Cython loop cimports pyzmq-core's declarations, so the core must be
importable while building: a build dependency of the hook (isolated builds),
or the development environment's own (builds without isolation).
"""

from __future__ import annotations

import shutil
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

EXTENSIONS = {"zmq.devices._monitoredqueue": "src/zmq/devices/_monitoredqueue.pyx"}


class CythonBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Cythonize and compile the extension, for wheels and editable installs."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        import zmq
        from zmq.utils.build_hook import build_extensions

        self._workdir = tempfile.mkdtemp(prefix="pyzmq-devices-build-")
        build_extensions(
            self.root,
            EXTENSIONS,
            version,
            build_data,
            self._workdir,
            include_dirs=zmq.get_includes(),
            libraries=["zmq"],
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        workdir = getattr(self, "_workdir", None)
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)

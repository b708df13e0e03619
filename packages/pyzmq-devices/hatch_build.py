"""Hatchling build hook: compile zmq.devices._monitoredqueue against pyzmq-core.

The Cython loop cimports pyzmq-core's declarations, so the core must be
importable while building: a build dependency of the hook (isolated builds),
or the development environment's own (builds without isolation).
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

import zmq
from zmq.utils.build_hook import CythonHookMixin


class CythonBuildHook(CythonHookMixin, BuildHookInterface):  # type: ignore[misc]
    """Cythonize and compile the extension, for wheels and editable installs."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self.compile_extensions(
            {"zmq.devices._monitoredqueue": "src/zmq/devices/_monitoredqueue.pyx"},
            version,
            build_data,
            include_dirs=zmq.get_includes(),
        )

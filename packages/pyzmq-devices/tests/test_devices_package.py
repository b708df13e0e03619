"""zmq.devices is a typed subpackage of the zmq namespace, versioned on its own."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import zmq
import zmq.devices

PROJECT = Path(__file__).resolve().parent.parent


def test_devices_lives_in_the_zmq_namespace():
    assert zmq.devices.__name__ == "zmq.devices"
    assert Path(zmq.devices.__file__).parent == PROJECT / "src" / "zmq" / "devices"
    assert (PROJECT / "src" / "zmq" / "devices" / "py.typed").is_file()


def test_devices_version_and_core_range():
    assert metadata.version("pyzmq-devices") == zmq.devices.__version__
    requires = metadata.requires("pyzmq-devices") or []
    assert any(req.startswith("pyzmq-core") and ">=27.3" in req for req in requires)

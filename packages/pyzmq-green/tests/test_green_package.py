"""zmq.green is a typed subpackage of the zmq namespace, versioned on its own."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import zmq
import zmq.green

PROJECT = Path(__file__).resolve().parent.parent


def test_green_lives_in_the_zmq_namespace():
    assert zmq.green.__name__ == "zmq.green"
    assert Path(zmq.green.__file__).parent == PROJECT / "src" / "zmq" / "green"
    assert (PROJECT / "src" / "zmq" / "green" / "py.typed").is_file()


def test_green_version_and_core_range():
    from zmq.green import _version

    assert metadata.version("pyzmq-green") == _version.__version__
    assert zmq.green.__version__ == zmq.__version__  # drop-in: zmq's, like every name
    requires = metadata.requires("pyzmq-green") or []
    assert any(req.startswith("pyzmq-core") and ">=27.3" in req for req in requires)

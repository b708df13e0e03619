"""zmq.auth is a typed subpackage of the zmq namespace, versioned on its own."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import zmq
import zmq.auth

PROJECT = Path(__file__).resolve().parent.parent


def test_auth_lives_in_the_zmq_namespace():
    assert zmq.auth.__name__ == "zmq.auth"
    assert Path(zmq.auth.__file__).parent == PROJECT / "src" / "zmq" / "auth"
    assert (PROJECT / "src" / "zmq" / "auth" / "py.typed").is_file()


def test_auth_version_and_core_range():
    assert metadata.version("pyzmq-auth") == zmq.auth.__version__
    requires = metadata.requires("pyzmq-auth") or []
    assert any(req.startswith("pyzmq-core") and ">=27.3" in req for req in requires)

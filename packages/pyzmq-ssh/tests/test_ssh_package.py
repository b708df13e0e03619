"""zmq.ssh is a typed subpackage of the zmq namespace, versioned on its own."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import zmq
import zmq.ssh

PROJECT = Path(__file__).resolve().parent.parent


def test_ssh_lives_in_the_zmq_namespace():
    assert zmq.ssh.__name__ == "zmq.ssh"
    assert Path(zmq.ssh.__file__).parent == PROJECT / "src" / "zmq" / "ssh"
    assert (PROJECT / "src" / "zmq" / "ssh" / "py.typed").is_file()


def test_ssh_version_and_core_range():
    assert metadata.version("pyzmq-ssh") == zmq.ssh.__version__
    requires = metadata.requires("pyzmq-ssh") or []
    assert any(req.startswith("pyzmq-core") and ">=27.3" in req for req in requires)

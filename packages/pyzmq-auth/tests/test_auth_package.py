"""zmq.auth is a typed subpackage of the zmq namespace, versioned on its own."""

from __future__ import annotations

import subprocess
import sys
import threading
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


def test_pyzmq_names() -> None:
    import zmq.auth.base
    import zmq.auth.thread

    assert zmq.auth.base.VERSION == b"1.0"
    assert issubclass(zmq.auth.thread.AuthenticationThread, threading.Thread)


def test_certs_is_listed_before_it_is_imported() -> None:
    # PyZMQ's zmq.auth imports zmq.auth.certs; this one imports it when first used, so
    # that `python -m zmq.auth.certs` finds it not imported yet
    code = (
        "import sys, zmq.auth\n"
        "assert 'zmq.auth.certs' not in sys.modules\n"
        "assert 'certs' in dir(zmq.auth)\n"
        "assert zmq.auth.certs.load_certificate is zmq.auth.load_certificate\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

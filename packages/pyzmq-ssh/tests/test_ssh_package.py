"""zmq.ssh is a typed subpackage of the zmq namespace, versioned on its own, with PyZMQ's API."""

from __future__ import annotations

import inspect
import sys
from importlib import metadata
from pathlib import Path

import pytest

import zmq
import zmq.ssh
from zmq.ssh import forward, tunnel

PROJECT = Path(__file__).resolve().parent.parent


def test_ssh_lives_in_the_zmq_namespace():
    assert zmq.ssh.__name__ == "zmq.ssh"
    assert Path(zmq.ssh.__file__).parent == PROJECT / "src" / "zmq" / "ssh"
    assert (PROJECT / "src" / "zmq" / "ssh" / "py.typed").is_file()


def test_ssh_version_and_core_range():
    assert metadata.version("pyzmq-ssh") == zmq.ssh.__version__
    requires = metadata.requires("pyzmq-ssh") or []
    assert any(req.startswith("pyzmq-core") and ">=27.3" in req for req in requires)


def test_paramiko_is_an_extra_and_pexpect_a_posix_dependency():
    requires = metadata.requires("pyzmq-ssh") or []
    assert any(req.startswith("paramiko") and "extra == 'paramiko'" in req for req in requires)
    assert any(req.startswith("pexpect") and "win32" in req for req in requires)


#: PyZMQ's signatures, which code written for it relies on
PYZMQ_SIGNATURES = {
    "tunnel_connection": "socket addr server keyfile=None password=None paramiko=None timeout=60",
    "open_tunnel": "addr server keyfile=None password=None paramiko=None timeout=60",
    "openssh_tunnel": (
        "lport rport server remoteip='127.0.0.1' keyfile=None password=None timeout=60"
    ),
    "paramiko_tunnel": (
        "lport rport server remoteip='127.0.0.1' keyfile=None password=None timeout=60"
    ),
    "ssh_tunnel": "lport rport server remoteip='127.0.0.1' keyfile=None password=None timeout=60",
    "try_passwordless_ssh": "server keyfile paramiko=None",
    "select_random_ports": "n",
}


def _parameters(function: object) -> str:
    return " ".join(
        name if p.default is p.empty else f"{name}={p.default!r}"
        for name, p in inspect.signature(function).parameters.items()  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("name", sorted(PYZMQ_SIGNATURES))
def test_pyzmq_signatures(name: str) -> None:
    assert _parameters(getattr(tunnel, name)) == PYZMQ_SIGNATURES[name]


def test_pyzmq_names_are_exported():
    pyzmq_all = {
        "tunnel_connection",
        "ssh_tunnel",
        "openssh_tunnel",
        "paramiko_tunnel",
        "try_passwordless_ssh",
    }
    assert pyzmq_all <= set(tunnel.__all__)
    for name in [*pyzmq_all, "open_tunnel", "select_random_ports", "tunnel", "forward"]:
        assert name in zmq.ssh.__all__ and hasattr(zmq.ssh, name)
    assert issubclass(tunnel.MaxRetryExceeded, Exception)
    assert issubclass(forward.ForwardServer, __import__("socketserver").ThreadingTCPServer)
    assert _parameters(forward.forward_tunnel) == "local_port remote_host remote_port transport"


def test_default_backend_is_openssh_on_posix():
    expected = tunnel.paramiko_tunnel if sys.platform == "win32" else tunnel.openssh_tunnel
    assert tunnel.ssh_tunnel is expected

"""paramiko_tunnel: the forwarding process, its lifetime, and host keys."""

from __future__ import annotations

import multiprocessing
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import paramiko
import pytest
from ssh_test_processes import SETTLE_TIMEOUT
from ssh_test_traffic import bound, check_req_rep, make_socket

import zmq
from zmq.ssh import tunnel

TIMEOUT = 10


def _open(ssh: Any, context: zmq.Context[Any], timeout: float = TIMEOUT) -> tuple[Any, ...]:
    """A REP service, a REQ connected to it through a paramiko tunnel, and the tunnel."""
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    handle = tunnel.tunnel_connection(
        req, url, ssh.server.server(), ssh.server.client_key, paramiko=True, timeout=timeout
    )
    return rep, req, ssh.track(handle)


def test_tunnel_is_a_process_as_in_pyzmq(ssh: Any, context: zmq.Context[Any]) -> None:
    rep, req, handle = _open(ssh, context)
    assert isinstance(handle, multiprocessing.Process)
    assert isinstance(handle, tunnel.ParamikoTunnel)
    assert handle.daemon and handle.is_alive() and handle.pid and handle.exitcode is None
    check_req_rep(rep, req)

    handle.terminate()
    handle.join(SETTLE_TIMEOUT)
    assert not handle.is_alive() and handle.exitcode is not None
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", handle.local_port), timeout=5).close()


def test_unused_tunnel_closes_after_the_timeout(ssh: Any, context: zmq.Context[Any]) -> None:
    handle = ssh.track(
        tunnel.paramiko_tunnel(
            tunnel.select_random_ports(1)[0],
            5555,
            ssh.server.server(),
            keyfile=ssh.server.client_key,
            timeout=0.5,
        )
    )
    handle.join(SETTLE_TIMEOUT)
    assert not handle.is_alive()


def test_tunnel_stays_while_connected_past_the_timeout(
    ssh: Any, context: zmq.Context[Any]
) -> None:
    rep, req, handle = _open(ssh, context, timeout=1)
    check_req_rep(rep, req)
    handle.join(2)  # twice the timeout
    assert handle.is_alive()
    check_req_rep(rep, req)
    req.close()
    handle.join(SETTLE_TIMEOUT)
    assert not handle.is_alive()


def test_tunnel_ends_when_the_ssh_connection_breaks(ssh: Any, context: zmq.Context[Any]) -> None:
    rep, req, handle = _open(ssh, context)
    check_req_rep(rep, req)
    ssh.server.end_sessions()
    handle.join(SETTLE_TIMEOUT)
    assert not handle.is_alive()


def test_local_port_in_use_is_an_error(ssh: Any) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError, match="in use"):
            tunnel.paramiko_tunnel(
                taken.getsockname()[1], 5555, ssh.server.server(), keyfile=ssh.server.client_key
            )


def _known_hosts() -> Path:
    return Path.home() / ".ssh" / "known_hosts"


def test_unknown_host_is_refused_unless_the_policy_allows(
    ssh: Any, context: zmq.Context[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _known_hosts().unlink()
    with pytest.raises(tunnel.SSHException, match=r"host key .* not known"):
        _open(ssh, context)
    monkeypatch.setenv("PYZMQ_PARAMIKO_HOST_KEY_POLICY", "AutoAdd")
    rep, req, _ = _open(ssh, context)
    check_req_rep(rep, req)


def test_unknown_policy_name_is_an_error(ssh: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYZMQ_PARAMIKO_HOST_KEY_POLICY", "Trusting")
    # PyZMQ's AttributeError (from getattr), and a ValueError that says what to use
    with pytest.raises(ValueError, match="Reject, AutoAdd or Warning") as info:
        tunnel.paramiko_tunnel(5555, 5555, ssh.server.server(), keyfile=ssh.server.client_key)
    assert isinstance(info.value, AttributeError)


def test_changed_host_key_is_refused(ssh: Any) -> None:
    wrong = (ssh.server.workdir / "wrong_known_hosts").read_text()
    _known_hosts().write_text(wrong)
    with pytest.raises(paramiko.BadHostKeyException):
        tunnel.paramiko_tunnel(5555, 5555, ssh.server.server(), keyfile=ssh.server.client_key)


def test_infinite_timeout_keeps_an_unused_tunnel(ssh: Any) -> None:
    handle = ssh.track(
        tunnel.paramiko_tunnel(
            tunnel.select_random_ports(1)[0],
            5555,
            ssh.server.server(),
            keyfile=ssh.server.client_key,
            timeout=float("inf"),
        )
    )
    handle.join(1)
    assert handle.is_alive()


def test_login_in_the_tunnel_process_is_refused_there_and_raised_here(ssh: Any) -> None:
    with pytest.raises(paramiko.AuthenticationException, match="wrong password"):
        tunnel.paramiko_tunnel(
            5555, 5555, ssh.server.server(ssh.server.user), password="not the password"
        )


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_tunnel_process_starts_with_every_start_method(ssh: Any, method: str) -> None:
    """fork is the default on Linux before Python 3.14, forkserver after it."""
    code = f"""
import multiprocessing, socket
from zmq.ssh import tunnel
multiprocessing.set_start_method({method!r})
with socket.socket() as echo:
    echo.bind(("127.0.0.1", 0))
    echo.listen()
    lport = tunnel.select_random_ports(1)[0]
    handle = tunnel.paramiko_tunnel(
        lport, echo.getsockname()[1], {ssh.server.server()!r}, keyfile={ssh.server.client_key!r}
    )
    with socket.create_connection(("127.0.0.1", lport)) as client:
        client.sendall(b"through")
        served, _ = echo.accept()
        with served:
            print(served.recv(7).decode())
    handle.terminate()
    handle.join()
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "through", result.stderr

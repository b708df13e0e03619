"""openssh_tunnel: the background ssh, its lifetime, and the user's ssh configuration."""

from __future__ import annotations

import os
import socket
import subprocess
from typing import Any, Callable

import pytest
from ssh_test_processes import alive, children, command_line, terminate, wait_until
from ssh_test_server import MASTER, UNKNOWN_HOST_KEY, WRONG_HOST_KEY
from ssh_test_traffic import bound, check_req_rep, make_socket

import zmq
from zmq.ssh import tunnel

TIMEOUT = 10


def _rport(url: str) -> int:
    return int(url.rpartition(":")[2])


def test_pid_is_the_background_ssh_that_holds_the_tunnel(
    ssh: Any, context: zmq.Context[Any]
) -> None:
    rep, url = bound(context, zmq.REP)
    lport = tunnel.select_random_ports(1)[0]
    pid = ssh.track(
        tunnel.openssh_tunnel(
            lport, _rport(url), ssh.server.server(), keyfile=ssh.server.client_key
        )
    )
    assert alive(pid) and pid not in children(os.getpid())
    assert f"127.0.0.1:{lport}:127.0.0.1:{_rport(url)}" in command_line(pid)
    req = make_socket(context, zmq.REQ)
    req.connect(f"tcp://127.0.0.1:{lport}")
    check_req_rep(rep, req)

    terminate([pid])
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", lport), timeout=5).close()


def test_tunnels_outlive_the_ssh_that_started_them(ssh: Any, context: zmq.Context[Any]) -> None:
    # the forked ssh used to die with the terminal session of the ssh that pexpect started
    rep, url = bound(context, zmq.REP)
    for _ in range(4):
        req = make_socket(context, zmq.REQ)
        pid = ssh.track(
            tunnel.tunnel_connection(req, url, ssh.server.server(), ssh.server.client_key)
        )
        assert alive(pid)
        req.send(b"still there?")
        assert rep.recv() == b"still there?"
        rep.send(b"yes")
        assert req.recv() == b"yes"


def test_unused_tunnel_closes_after_the_timeout(ssh: Any) -> None:
    pid = tunnel.openssh_tunnel(
        tunnel.select_random_ports(1)[0],
        5555,
        ssh.server.server(),
        keyfile=ssh.server.client_key,
        timeout=1,
    )
    assert wait_until(lambda: not alive(pid))


def test_tunnel_stays_while_connected_past_the_timeout(
    ssh: Any, context: zmq.Context[Any]
) -> None:
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    pid = ssh.track(
        tunnel.tunnel_connection(req, url, ssh.server.server(), ssh.server.client_key, timeout=1)
    )
    check_req_rep(rep, req)

    def remote_sleeps() -> list[int]:
        return [p for p in ssh.server.session_pids() if command_line(p)[:1] == ["sleep"]]

    # the remote sleep may start after the tunnel is up; once it is over, the timeout has passed
    assert wait_until(lambda: bool(remote_sleeps()))
    assert wait_until(lambda: not remote_sleeps())
    check_req_rep(rep, req)
    assert alive(pid)
    req.close()
    assert wait_until(lambda: not alive(pid))


def test_wrong_password_typed_is_asked_again(
    ssh: Any, context: zmq.Context[Any], typed_passwords: Callable[..., list[str]]
) -> None:
    prompts = typed_passwords("typo", ssh.server.password)
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    ssh.track(tunnel.tunnel_connection(req, url, ssh.server.server(ssh.server.user)))
    check_req_rep(rep, req)
    assert prompts == [f"{ssh.server.user}@127.0.0.1's password: "] * 2


def test_unknown_host_key_is_refused(ssh: Any) -> None:
    with pytest.raises(tunnel.SSHException, match=r"host key .* not known"):
        tunnel.openssh_tunnel(
            5555, 5555, f"root@{UNKNOWN_HOST_KEY}", keyfile=ssh.server.client_key, timeout=TIMEOUT
        )


def test_changed_host_key_is_refused(ssh: Any) -> None:
    with pytest.raises(tunnel.SSHException, match="Host key verification failed"):
        tunnel.openssh_tunnel(
            5555, 5555, f"root@{WRONG_HOST_KEY}", keyfile=ssh.server.client_key, timeout=TIMEOUT
        )


def test_local_port_in_use_is_an_error(ssh: Any) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(RuntimeError, match="forwarding"):
            tunnel.openssh_tunnel(
                taken.getsockname()[1],
                5555,
                ssh.server.server(),
                keyfile=ssh.server.client_key,
                timeout=TIMEOUT,
            )


def test_running_control_master_carries_the_tunnel(ssh: Any, context: zmq.Context[Any]) -> None:
    master = subprocess.Popen(
        ["ssh", "-M", "-N", "-i", ssh.server.client_key, f"root@{MASTER}"],
        stdin=subprocess.DEVNULL,
    )
    try:
        assert wait_until(ssh.server.master_socket.exists)
        rep, url = bound(context, zmq.REP)
        req = make_socket(context, zmq.REQ)
        pid = tunnel.tunnel_connection(req, url, f"root@{MASTER}", timeout=TIMEOUT)
        assert pid == master.pid
        check_req_rep(rep, req)
    finally:
        master.terminate()
        master.wait(TIMEOUT)


def test_missing_ssh_command_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="ssh command"):
        tunnel.openssh_tunnel(5555, 5555, "root@127.0.0.1", timeout=TIMEOUT)


def test_ssh_options_in_the_server_only_when_allowed(
    ssh: Any, context: zmq.Context[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyZMQ put the server into its ssh command line, options and all; here
    that takes the explicit opt-in, since a server from elsewhere could run
    commands (-oProxyCommand=...)."""
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    server = f"-i {ssh.server.client_key} {ssh.server.server()}"
    with pytest.raises(ValueError, match="unsafe_pyzmq_server_options"):
        tunnel.tunnel_connection(req, url, server, timeout=TIMEOUT)
    monkeypatch.setattr(tunnel, "unsafe_pyzmq_server_options", True)
    ssh.track(tunnel.tunnel_connection(req, url, server, timeout=TIMEOUT))
    check_req_rep(rep, req)
    assert tunnel.try_passwordless_ssh(server, None) is True


def test_infinite_timeout_sleeps_forever(ssh: Any) -> None:
    pid = ssh.track(
        tunnel.openssh_tunnel(
            tunnel.select_random_ports(1)[0],
            5555,
            ssh.server.server(),
            keyfile=ssh.server.client_key,
            timeout=float("inf"),
        )
    )
    assert command_line(pid)[-2:] == ["sleep", "infinity"]

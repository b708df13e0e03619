"""tunnel_connection with both backends: real zmq traffic, logins, and failures."""

from __future__ import annotations

import time
from typing import Any, Callable

import pytest
from ssh_test_traffic import bound, check_pub_sub, check_req_rep, make_socket

import zmq
from zmq.ssh import tunnel

#: seconds allowed to set a tunnel up in these tests (a loaded machine is slow)
TIMEOUT = 10


def test_key_login_carries_req_rep(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool
) -> None:
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    ssh.track(
        tunnel.tunnel_connection(
            req, url, ssh.server.server(), ssh.server.client_key, paramiko=use_paramiko
        )
    )
    check_req_rep(rep, req)


def test_password_login_carries_pub_sub(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool
) -> None:
    pub, url = bound(context, zmq.PUB)
    sub = make_socket(context, zmq.SUB)
    server = ssh.server.server(ssh.server.user)
    ssh.track(
        tunnel.tunnel_connection(
            sub, url, server, password=ssh.server.password, paramiko=use_paramiko
        )
    )
    check_pub_sub(pub, sub)


def test_password_opens_an_encrypted_key(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool
) -> None:
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    ssh.track(
        tunnel.tunnel_connection(
            req,
            url,
            ssh.server.server(),
            ssh.server.passphrase_key,
            ssh.server.passphrase,
            paramiko=use_paramiko,
        )
    )
    check_req_rep(rep, req)


def test_open_tunnel_gives_a_local_url(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool
) -> None:
    rep, url = bound(context, zmq.REP)
    local_url, handle = tunnel.open_tunnel(
        url, ssh.server.server(), ssh.server.client_key, paramiko=use_paramiko, timeout=TIMEOUT
    )
    ssh.track(handle)
    assert local_url.startswith("tcp://127.0.0.1:") and local_url != url
    req = make_socket(context, zmq.REQ)
    req.connect(local_url)
    check_req_rep(rep, req)


def test_password_is_asked_on_the_terminal(
    ssh: Any,
    context: zmq.Context[Any],
    use_paramiko: bool,
    typed_passwords: Callable[..., list[str]],
) -> None:
    prompts = typed_passwords(ssh.server.password)
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    server = ssh.server.server(ssh.server.user)
    ssh.track(tunnel.tunnel_connection(req, url, server, paramiko=use_paramiko))
    check_req_rep(rep, req)
    assert len(prompts) == 1 and "password" in prompts[0]


def test_wrong_key_without_terminal_is_refused_without_waiting(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool
) -> None:
    """As in PyZMQ, a password is asked for with getpass: with no terminal
    and stdin at its end, that is getpass's EOFError."""
    req = make_socket(context, zmq.REQ)
    with pytest.raises(EOFError, match="no password could be read"):
        tunnel.tunnel_connection(
            req,
            "tcp://127.0.0.1:5555",
            ssh.server.server(ssh.server.user),
            ssh.server.stranger_key,
            paramiko=use_paramiko,
            timeout=TIMEOUT,
        )


def test_wrong_password_is_refused(ssh: Any, context: zmq.Context[Any]) -> None:
    req = make_socket(context, zmq.REQ)
    with pytest.raises(tunnel.SSHException, match="password"):
        tunnel.tunnel_connection(
            req,
            "tcp://127.0.0.1:5555",
            ssh.server.server(ssh.server.user),
            password="not the password",
            paramiko=True,
            timeout=TIMEOUT,
        )


def test_wrong_password_is_asked_again_with_the_ssh_command(
    ssh: Any, context: zmq.Context[Any], typed_passwords: Callable[..., list[str]]
) -> None:
    """PyZMQ's openssh_tunnel asks for the password when the one given is refused."""
    prompts = typed_passwords(ssh.server.password)
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    server = ssh.server.server(ssh.server.user)
    ssh.track(tunnel.tunnel_connection(req, url, server, password="not the password"))
    check_req_rep(rep, req)
    assert len(prompts) == 1 and "password" in prompts[0]


def test_refused_connection_fails_fast(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool, closed_port: int
) -> None:
    req = make_socket(context, zmq.REQ)
    expected = OSError if use_paramiko else RuntimeError
    with pytest.raises(expected, match=f"(?i)connect.*{closed_port}|{closed_port}.*refused"):
        tunnel.tunnel_connection(
            req,
            "tcp://127.0.0.1:5555",
            f"root@127.0.0.1:{closed_port}",
            ssh.server.client_key,
            paramiko=use_paramiko,
            timeout=TIMEOUT,
        )


def test_silent_server_fails_within_the_timeout(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool, silent_server: str
) -> None:
    req = make_socket(context, zmq.REQ)
    start = time.monotonic()
    with pytest.raises(tunnel.MaxRetryExceeded, match="within 1 s"):
        tunnel.tunnel_connection(
            req,
            "tcp://127.0.0.1:5555",
            silent_server,
            ssh.server.client_key,
            paramiko=use_paramiko,
            timeout=1,
        )
    assert time.monotonic() - start < 1 + 3


@pytest.mark.parametrize("timeout", [0, -1.5, float("nan"), None, "soon", True])
def test_timeout_that_is_no_positive_number_warns_and_is_60(
    context: zmq.Context[Any], use_paramiko: bool, timeout: Any, closed_port: int
) -> None:
    """PyZMQ took any timeout (into the remote sleep command, or not at all)."""
    req = make_socket(context, zmq.REQ)
    with (
        pytest.warns(DeprecationWarning, match="timeout must be a positive number"),
        pytest.raises(
            OSError if use_paramiko else RuntimeError, match=r"refused|Unable to connect"
        ),
    ):
        tunnel.tunnel_connection(
            req,
            "tcp://127.0.0.1:5555",
            f"root@127.0.0.1:{closed_port}",
            paramiko=use_paramiko,
            timeout=timeout,
        )


def test_timeout_in_a_string_warns_and_is_taken(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool
) -> None:
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    with pytest.warns(DeprecationWarning, match="not the string '30'"):
        handle = tunnel.tunnel_connection(
            req,
            url,
            ssh.server.server(),
            ssh.server.client_key,
            paramiko=use_paramiko,
            timeout="30",
        )
    ssh.track(handle)
    check_req_rep(rep, req)


def test_only_tcp_addresses_can_be_tunneled(context: zmq.Context[Any], use_paramiko: bool) -> None:
    req = make_socket(context, zmq.REQ)
    with pytest.raises(ValueError, match="tcp://"):
        tunnel.tunnel_connection(req, "ipc:///tmp/x", "root@127.0.0.1", paramiko=use_paramiko)


def test_another_transport_warns_and_goes_over_tcp(
    ssh: Any, context: zmq.Context[Any], use_paramiko: bool
) -> None:
    """PyZMQ tunnelled the host and port of any address, whatever its transport."""
    rep, url = bound(context, zmq.REP)
    req = make_socket(context, zmq.REQ)
    with pytest.warns(DeprecationWarning, match="over tcp"):
        handle = tunnel.tunnel_connection(
            req,
            url.replace("tcp://", "udp://"),
            ssh.server.server(),
            ssh.server.client_key,
            paramiko=use_paramiko,
            timeout=TIMEOUT,
        )
    ssh.track(handle)
    check_req_rep(rep, req)

"""try_passwordless_ssh with both backends, servers written as user@host:port."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ssh_test_server import UNKNOWN_HOST_KEY

from zmq.ssh import tunnel


def test_accepted_key_is_passwordless(ssh: Any, use_paramiko: bool) -> None:
    server = ssh.server.server()
    assert tunnel.try_passwordless_ssh(server, ssh.server.client_key, use_paramiko) is True


def test_unknown_key_is_not(ssh: Any, use_paramiko: bool) -> None:
    server = ssh.server.server()
    assert tunnel.try_passwordless_ssh(server, ssh.server.stranger_key, use_paramiko) is False


def test_no_key_at_all_is_not(ssh: Any, use_paramiko: bool) -> None:
    assert tunnel.try_passwordless_ssh(ssh.server.server(), None, use_paramiko) is False


def test_key_that_needs_a_passphrase_is_not(ssh: Any, use_paramiko: bool) -> None:
    server = ssh.server.server()
    assert tunnel.try_passwordless_ssh(server, ssh.server.passphrase_key, use_paramiko) is False


def test_refused_connection_is_an_error(ssh: Any, use_paramiko: bool, closed_port: int) -> None:
    with pytest.raises(OSError if use_paramiko else RuntimeError, match=str(closed_port)):
        tunnel.try_passwordless_ssh(
            f"root@127.0.0.1:{closed_port}", ssh.server.client_key, use_paramiko
        )


def test_unknown_host_key_is_an_error(ssh: Any, use_paramiko: bool) -> None:
    if use_paramiko:
        (Path.home() / ".ssh" / "known_hosts").unlink()
        server = ssh.server.server()
    else:
        server = f"root@{UNKNOWN_HOST_KEY}"
    with pytest.raises(tunnel.SSHException):
        tunnel.try_passwordless_ssh(server, ssh.server.client_key, use_paramiko)

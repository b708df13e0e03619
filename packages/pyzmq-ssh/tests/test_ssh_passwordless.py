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


def test_refused_connection_is_an_error_with_paramiko(ssh: Any, closed_port: int) -> None:
    with pytest.raises(OSError, match=str(closed_port)):
        tunnel.try_passwordless_ssh(f"root@127.0.0.1:{closed_port}", ssh.server.client_key, True)


def test_refused_connection_counts_as_passwordless_with_ssh(ssh: Any, closed_port: int) -> None:
    """As in PyZMQ, whose ssh ended without asking for a password: True, and a warning."""
    with pytest.warns(DeprecationWarning, match=f"{closed_port}.*counted as a passwordless"):
        assert tunnel.try_passwordless_ssh(
            f"root@127.0.0.1:{closed_port}", ssh.server.client_key, False
        )


def test_unknown_host_key_is_an_error(ssh: Any, use_paramiko: bool) -> None:
    if use_paramiko:
        (Path.home() / ".ssh" / "known_hosts").unlink()
        server = ssh.server.server()
    else:
        server = f"root@{UNKNOWN_HOST_KEY}"
    with pytest.raises(tunnel.SSHException):
        tunnel.try_passwordless_ssh(server, ssh.server.client_key, use_paramiko)

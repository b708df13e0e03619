"""zmq.ssh.forward: local port forwarding over a paramiko transport."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import paramiko
import pytest
from ssh_test_processes import SETTLE_TIMEOUT
from ssh_test_traffic import bound, check_pub_sub, make_socket

import zmq
from zmq.ssh import forward, tunnel


@pytest.fixture
def transport(ssh: Any) -> Iterator[paramiko.Transport]:
    """An authenticated transport to the test sshd, closed after the test."""
    client = paramiko.SSHClient()
    client.load_host_keys(str(ssh.server.known_hosts))
    client.connect(
        "127.0.0.1",
        ssh.server.port,
        username="root",
        key_filename=ssh.server.client_key,
        look_for_keys=False,
        allow_agent=False,
    )
    transport = client.get_transport()
    assert transport is not None
    try:
        yield transport
    finally:
        client.close()
        transport.join(SETTLE_TIMEOUT)


def test_forward_tunnel_serves_until_the_transport_closes(
    transport: paramiko.Transport, context: zmq.Context[Any]
) -> None:
    pub, url = bound(context, zmq.PUB)
    lport = tunnel.select_random_ports(1)[0]
    rport = int(url.rpartition(":")[2])
    thread = threading.Thread(
        target=forward.forward_tunnel, args=(lport, "127.0.0.1", rport, transport)
    )
    thread.start()
    try:
        sub = make_socket(context, zmq.SUB)
        sub.connect(f"tcp://127.0.0.1:{lport}")
        check_pub_sub(pub, sub)
    finally:
        transport.close()
        thread.join(SETTLE_TIMEOUT)
    assert not thread.is_alive()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", lport), timeout=5).close()


def test_forward_server_listens_on_loopback_only(transport: paramiko.Transport) -> None:
    server = forward.forward_server(0, "127.0.0.1", 5555, transport)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert issubclass(server.RequestHandlerClass, forward.Handler)
    finally:
        server.server_close()


def test_refused_remote_ends_only_that_connection(
    transport: paramiko.Transport, closed_port: int, context: zmq.Context[Any]
) -> None:
    rep, url = bound(context, zmq.REP)
    to_nowhere = forward.forward_server(0, "127.0.0.1", closed_port, transport)
    to_rep = forward.forward_server(0, "127.0.0.1", int(url.rpartition(":")[2]), transport)
    servers = [
        threading.Thread(target=server.serve_while, args=(transport.is_active,))
        for server in (to_nowhere, to_rep)
    ]
    for thread in servers:
        thread.start()
    try:
        with socket.create_connection(to_nowhere.server_address, timeout=5) as lost:
            assert lost.recv(1) == b""  # closed by the forwarder, not left hanging
        req = make_socket(context, zmq.REQ)
        req.connect("tcp://{}:{}".format(*to_rep.server_address))
        req.send(b"anyone?")
        assert rep.recv() == b"anyone?"
    finally:
        transport.close()
        for thread in servers:
            thread.join(SETTLE_TIMEOUT)
        for server in (to_nowhere, to_rep):
            assert server.wait_closed(SETTLE_TIMEOUT)

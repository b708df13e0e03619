"""Servers written as [user@]host[:port], the tcp addresses to tunnel, and free ports."""

from __future__ import annotations

import socket

import pytest

from zmq.ssh import tunnel
from zmq.ssh._addresses import ServerAddress, parse_server, parse_tcp_address


@pytest.mark.parametrize(
    ("server", "expected"),
    [
        ("gateway", ServerAddress(None, "gateway", None)),
        ("alice@gateway", ServerAddress("alice", "gateway", None)),
        ("alice@gateway:2222", ServerAddress("alice", "gateway", 2222)),
        ("gateway:22", ServerAddress(None, "gateway", 22)),
        ("alice@corp@gateway:22", ServerAddress("alice@corp", "gateway", 22)),
        ("alice@[::1]:2222", ServerAddress("alice", "::1", 2222)),
        ("[fe80::1]", ServerAddress(None, "fe80::1", None)),
        ("alice@::1", ServerAddress("alice", "::1", None)),
    ],
)
def test_server_parts(server: str, expected: ServerAddress) -> None:
    assert parse_server(server) == expected


def test_destination_keeps_what_the_user_gave() -> None:
    assert parse_server("alice@gateway:2222").destination == "alice@gateway"
    assert parse_server("gateway").destination == "gateway"


@pytest.mark.parametrize(
    "server",
    [
        "",
        "alice@",
        "gateway:ssh",
        "gateway:0",
        "gateway:65536",
        "[::1",
        "[::1]x",
        "-oProxyCommand=touch /tmp/x",
        "alice@-gateway",
        "-J jump alice@gateway",
        "alice@gateway -oProxyCommand=x",
        "alice@gate way",
    ],
)
def test_bad_servers_are_named(server: str) -> None:
    with pytest.raises(ValueError, match=r"host|port|brackets|'-'"):
        parse_server(server)


def test_ssh_options_are_refused_with_the_way_to_allow_them() -> None:
    with pytest.raises(ValueError, match="unsafe_pyzmq_server_options = True"):
        parse_server("-J jump alice@gateway")


@pytest.mark.parametrize(
    ("server", "expected"),
    [
        ("alice@gateway:22", ServerAddress("alice", "gateway", 22)),
        ("-J jump alice@gateway:2222", ServerAddress("alice", "gateway", 2222, ("-J", "jump"))),
        ("-o 'ProxyJump a b' gw", ServerAddress(None, "gw", None, ("-o", "ProxyJump a b"))),
    ],
)
def test_ssh_options_before_the_destination_when_allowed(
    server: str, expected: ServerAddress
) -> None:
    assert parse_server(server, options=True) == expected


@pytest.mark.parametrize("server", ["", "-J jump -v", "alice@gateway -p"])
def test_a_destination_is_needed_after_the_options(server: str) -> None:
    with pytest.raises(ValueError, match=r"destination|no host"):
        parse_server(server, options=True)


@pytest.mark.parametrize(
    ("addr", "expected"),
    [
        ("tcp://10.0.0.5:5555", ("10.0.0.5", 5555)),
        ("tcp://db.internal:6000", ("db.internal", 6000)),
        ("tcp://[::1]:5555", ("::1", 5555)),
    ],
)
def test_tcp_address_parts(addr: str, expected: tuple[str, int]) -> None:
    assert parse_tcp_address(addr) == expected


@pytest.mark.parametrize(
    "addr", ["ipc:///tmp/sock", "inproc://x", "10.0.0.5:5555", "tcp://10.0.0.5", "tcp://*:x"]
)
def test_untunnelable_addresses_are_refused(addr: str) -> None:
    with pytest.raises(ValueError, match="tcp://"):
        parse_tcp_address(addr)


def test_another_transport_with_host_and_port_warns() -> None:
    with pytest.warns(DeprecationWarning, match="over tcp"):
        assert parse_tcp_address("udp://10.0.0.5:5555") == ("10.0.0.5", 5555)


def test_random_ports_are_distinct_and_free() -> None:
    ports = tunnel.select_random_ports(20)
    assert len(set(ports)) == 20
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))

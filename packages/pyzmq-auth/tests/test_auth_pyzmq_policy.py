"""PyZMQ 27's policy where this project once refused, end to end over tcp://127.0.0.1:
each decision of docs/differences.rst (zmq.auth) with real PLAIN and CURVE sockets."""

from __future__ import annotations

from typing import Any

import pytest

import zmq
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator


def test_star_is_the_empty_domain(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.configure_plain("*", {"alice": "a"})
    unnamed = peers.plain_server()
    peers.expect_admitted(unnamed, peers.plain_client(unnamed, "alice", "a"), "alice")
    named = peers.plain_server(zap_domain=b"admin")
    peers.expect_refused(named, peers.plain_client(named, "alice", "a"))


def test_the_password_table_is_read_at_each_handshake(
    auth: ThreadAuthenticator, peers: Any
) -> None:
    passwords = {"alice": "a"}
    auth.configure_plain("*", passwords)
    server = peers.plain_server()
    passwords["bob"] = "b"
    del passwords["alice"]
    peers.expect_refused(server, peers.plain_client(server, "alice", "a"))
    peers.expect_admitted(server, peers.plain_client(server, "bob", "b"), "bob")


def test_curve_allow_any_admits_any_key_in_every_domain(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    auth.configure_curve("open", zmq.auth.CURVE_ALLOW_ANY)
    keys = (certificates.stranger_public, certificates.stranger_secret)
    servers = [
        peers.curve_server(certificates, zap_domain=b"open"),
        peers.curve_server(certificates),
        peers.curve_server(certificates, zap_domain=b"other"),
    ]
    for server in servers:
        peers.expect_admitted(server, peers.curve_client(server, certificates, *keys))


@pytest.mark.parametrize("opted_in", [False, True])
def test_curve_allow_any_overrides_a_domains_keys_only_by_opt_in(
    auth: ThreadAuthenticator, peers: Any, certificates: Any, opted_in: bool
) -> None:
    auth.unsafe_pyzmq_policy = opted_in
    auth.configure_curve("secure", certificates.trusted)
    auth.configure_curve("public", zmq.auth.CURVE_ALLOW_ANY)
    keys = (certificates.stranger_public, certificates.stranger_secret)
    public = peers.curve_server(certificates, zap_domain=b"public")
    peers.expect_admitted(public, peers.curve_client(public, certificates, *keys))
    secure = peers.curve_server(certificates, zap_domain=b"secure")
    stranger = peers.curve_client(secure, certificates, *keys)
    if opted_in:
        peers.expect_admitted(secure, stranger)
    else:
        peers.expect_refused(secure, stranger)
    trusted = (certificates.client_public, certificates.client_secret)
    peers.expect_admitted(secure, peers.curve_client(secure, certificates, *trusted))


def test_a_later_curve_directory_turns_allow_any_off(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
    auth.configure_curve("secure", certificates.trusted)
    assert not auth.allow_any
    keys = (certificates.stranger_public, certificates.stranger_secret)
    server = peers.curve_server(certificates)
    peers.expect_refused(server, peers.curve_client(server, certificates, *keys))


def test_a_host_name_allowed_admits_nobody(auth: ThreadAuthenticator, peers: Any) -> None:
    with pytest.warns(zmq.auth.AddressWarning):
        auth.allow("localhost")
    server = peers.plain_server()
    auth.configure_plain("*", {"alice": "a"})
    peers.expect_refused(server, peers.plain_client(server, "alice", "a"))
    auth.allow("127.0.0.1")
    peers.expect_admitted(server, peers.plain_client(server, "alice", "a"), "alice")


@pytest.mark.parametrize("opted_in", [False, True])
def test_a_host_name_denied_is_refused_unless_opted_in(
    auth: ThreadAuthenticator, peers: Any, opted_in: bool
) -> None:
    auth.unsafe_pyzmq_policy = opted_in
    auth.configure_plain("*", {"alice": "a"})
    if opted_in:
        with pytest.warns(zmq.auth.AddressWarning):
            auth.deny("localhost")
    else:
        with pytest.raises(ValueError, match="deny nobody"):
            auth.deny("localhost")
    server = peers.plain_server()
    peers.expect_admitted(server, peers.plain_client(server, "alice", "a"), "alice")

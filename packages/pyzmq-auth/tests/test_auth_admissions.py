"""Clients the authenticator must let in, end to end over tcp://127.0.0.1, with the User-Id
their server sees."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

import zmq
import zmq.auth
import zmq.auth.thread
from zmq.auth.certs import main as certs_main
from zmq.auth.thread import AuthenticationThread, ThreadAuthenticator
from zmq.utils import z85


def test_null_client_with_a_zap_domain_is_admitted(auth: ThreadAuthenticator, peers: Any) -> None:
    server = peers.server(zap_domain=b"global")
    peers.expect_admitted(server, peers.client(server), "anonymous")


def test_allowed_ip_admits_null_clients(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.allow("127.0.0.1")
    server = peers.server(zap_domain=b"global")
    peers.expect_admitted(server, peers.client(server), "anonymous")


def test_plain_user_of_its_own_domain(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.configure_plain("sales", {"bob": "b0b"})
    server = peers.plain_server(zap_domain=b"sales")
    peers.expect_admitted(server, peers.plain_client(server, "bob", "b0b"), "bob")


def test_plain_user_with_unicode_credentials(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.configure_plain("*", {"zoë": "pässwörd"})
    server = peers.plain_server()
    peers.expect_admitted(server, peers.plain_client(server, "zoë", "pässwörd"), "zoë")


def test_curve_allow_any(auth: ThreadAuthenticator, peers: Any, certificates: Any) -> None:
    auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
    server = peers.curve_server(certificates)
    keys = (certificates.stranger_public, certificates.stranger_secret)
    client = peers.curve_client(server, certificates, *keys)
    peers.expect_admitted(server, client, certificates.stranger_public.decode())


def test_curve_certificate_added_to_the_directory_is_admitted(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    auth.configure_curve("*", certificates.trusted)
    server = peers.curve_server(certificates)
    keys = (certificates.stranger_public, certificates.stranger_secret)
    peers.expect_refused(server, peers.curve_client(server, certificates, *keys))
    shutil.copy(certificates.keys / "stranger.key", certificates.trusted)
    peers.expect_admitted(server, peers.curve_client(server, certificates, *keys))


def test_curve_user_id_override_names_the_client(
    context: zmq.Context[Any], peers: Any, certificates: Any
) -> None:
    # as in PyZMQ, the override gets the raw 32-byte key of the ZAP request
    names = {z85.decode(certificates.client_public): "client-one"}

    class Named(ThreadAuthenticator):
        def curve_user_id(self, client_public_key: bytes) -> str:
            return names[client_public_key]

    auth = Named(context)
    auth.start()
    try:
        auth.configure_curve("*", certificates.trusted)
        server = peers.curve_server(certificates)
        keys = (certificates.client_public, certificates.client_secret)
        client = peers.curve_client(server, certificates, *keys)
        peers.expect_admitted(server, client, "client-one")
    finally:
        auth.stop()


def test_certificates_from_the_command_line_work_end_to_end(
    auth: ThreadAuthenticator, peers: Any, certificates: Any, tmp_path: Any
) -> None:
    assert certs_main(["--directory", str(tmp_path / "cli"), "device"]) == 0
    public, secret = zmq.auth.load_certificate(tmp_path / "cli" / "device.key_secret")
    auth.configure_curve("*", tmp_path / "cli")
    server = peers.curve_server(certificates)
    peers.expect_admitted(server, peers.curve_client(server, certificates, public, secret))


def test_the_thread_is_pyzmqs_authentication_thread(
    auth: ThreadAuthenticator, peers: Any, context: zmq.Context[Any]
) -> None:
    thread = auth.thread
    assert isinstance(thread, AuthenticationThread)
    assert thread.authenticator is auth and thread.log is auth.log
    assert thread.started.is_set()
    # a message on its pipe that is not TERMINATE is answered, and it goes on serving
    with context.socket(zmq.PAIR) as pipe:
        pipe.rcvtimeo = 10_000
        pipe.connect(auth.pipe_endpoint)
        pipe.send(b"HELLO")
        assert pipe.recv() == b"ERROR"
        auth.configure_plain("*", {"ann": "pw"})
        server = peers.plain_server()
        peers.expect_admitted(server, peers.plain_client(server, "ann", "pw"), "ann")
    # the pipe's PAIR took that peer, which may still hold it: stop() gets through


def test_stop_says_what_holds_the_pipe(
    auth: ThreadAuthenticator, context: zmq.Context[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zmq.auth.thread, "_STOP_TIMEOUT", 0.5)
    with context.socket(zmq.PAIR) as intruder:
        intruder.connect(auth.pipe_endpoint)
        with pytest.raises(RuntimeError, match="another socket is connected to its pipe"):
            auth.stop()
        assert auth.is_alive()
    auth.stop()
    assert not auth.is_alive()


def test_an_authentication_thread_of_ones_own(peers: Any, context: zmq.Context[Any]) -> None:
    # as in PyZMQ: any started authenticator, served until TERMINATE comes through the pipe
    auth = zmq.auth.Authenticator(context)
    auth.start()
    ours, theirs = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
    ours.bind("inproc://own-auth-pipe")
    theirs.connect("inproc://own-auth-pipe")
    thread = AuthenticationThread(auth, theirs)
    thread.start()
    try:
        assert thread.started.wait(10)
        auth.configure_plain("*", {"bo": "pw"})
        server = peers.plain_server()
        peers.expect_admitted(server, peers.plain_client(server, "bo", "pw"), "bo")
        peers.expect_refused(server, peers.plain_client(server, "bo", "wrong"))
    finally:
        ours.send(b"TERMINATE")
        thread.join(10)
        ours.close()
        auth.stop()
    assert not thread.is_alive()
    assert theirs.closed and thread.pipe is None

"""Every refusal, end to end: real PLAIN, CURVE and NULL sockets over tcp://127.0.0.1.

Each test shows both ends report the refusal and the refused client's message never
arrives, then admits a good client to the same server where one exists, proving the
server was listening all along.
"""

from __future__ import annotations

import os
from typing import Any

import zmq
from zmq.auth.thread import ThreadAuthenticator


def test_wrong_password_is_refused(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.configure_plain("*", {"alice": "s3cret"})
    server = peers.plain_server()
    peers.expect_refused(server, peers.plain_client(server, "alice", "guess"))
    peers.expect_admitted(server, peers.plain_client(server, "alice", "s3cret"), "alice")


def test_unknown_user_is_refused(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.configure_plain("*", {"alice": "s3cret"})
    server = peers.plain_server()
    peers.expect_refused(server, peers.plain_client(server, "mallory", "s3cret"))
    peers.expect_admitted(server, peers.plain_client(server, "alice", "s3cret"), "alice")


def test_plain_user_of_another_domain_is_refused(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.configure_plain("admin", {"root": "toor"})
    auth.configure_plain("*", {"alice": "s3cret"})
    server = peers.plain_server(zap_domain=b"admin")
    peers.expect_refused(server, peers.plain_client(server, "alice", "s3cret"))
    peers.expect_admitted(server, peers.plain_client(server, "root", "toor"), "root")


def test_plain_without_passwords_is_refused(auth: ThreadAuthenticator, peers: Any) -> None:
    server = peers.plain_server()
    peers.expect_refused(server, peers.plain_client(server, "alice", "s3cret"))


def test_unknown_curve_key_is_refused(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    auth.configure_curve("*", certificates.trusted)
    server = peers.curve_server(certificates)
    stranger = peers.curve_client(
        server, certificates, certificates.stranger_public, certificates.stranger_secret
    )
    peers.expect_refused(server, stranger)
    client = peers.curve_client(
        server, certificates, certificates.client_public, certificates.client_secret
    )
    peers.expect_admitted(server, client, certificates.client_public.decode())


def test_curve_key_removed_from_the_directory_is_refused(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    auth.configure_curve("*", certificates.trusted)
    server = peers.curve_server(certificates)
    keys = (certificates.client_public, certificates.client_secret)
    peers.expect_admitted(server, peers.curve_client(server, certificates, *keys))
    os.remove(certificates.trusted / "client.key")
    peers.expect_refused(server, peers.curve_client(server, certificates, *keys))


def test_curve_without_configuration_is_refused(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    auth.configure_plain("*", {"alice": "s3cret"})  # configured, but not for CURVE
    server = peers.curve_server(certificates)
    client = peers.curve_client(
        server, certificates, certificates.client_public, certificates.client_secret
    )
    peers.expect_refused(server, client)


def test_curve_callback_saying_no_is_refused(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    class OnlyClient:
        def callback(self, domain: str, key: bytes) -> bool:
            return key == certificates.client_public

    auth.configure_curve_callback("*", OnlyClient())
    server = peers.curve_server(certificates)
    stranger = peers.curve_client(
        server, certificates, certificates.stranger_public, certificates.stranger_secret
    )
    peers.expect_refused(server, stranger)
    client = peers.curve_client(
        server, certificates, certificates.client_public, certificates.client_secret
    )
    peers.expect_admitted(server, client)


def test_curve_callback_that_fails_refuses_with_500(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    class Broken:
        def callback(self, domain: str, key: bytes) -> bool:
            raise RuntimeError("the key store is down")

    auth.configure_curve_callback("*", Broken())
    server = peers.curve_server(certificates)
    client = peers.curve_client(
        server, certificates, certificates.client_public, certificates.client_secret
    )
    peers.expect_refused(server, client, status=500)


def test_failing_curve_user_id_refuses_with_500(
    context: zmq.Context[Any], peers: Any, certificates: Any
) -> None:
    class Failing(ThreadAuthenticator):
        def curve_user_id(self, client_public_key: bytes) -> str:
            raise LookupError("no such user")

    auth = Failing(context)
    auth.start()
    try:
        auth.configure_curve("*", certificates.trusted)
        server = peers.curve_server(certificates)
        client = peers.curve_client(
            server, certificates, certificates.client_public, certificates.client_secret
        )
        peers.expect_refused(server, client, status=500)
    finally:
        auth.stop()


def test_denied_ip_is_refused_even_with_the_right_password(
    auth: ThreadAuthenticator, peers: Any
) -> None:
    auth.configure_plain("*", {"alice": "s3cret"})
    auth.deny("127.0.0.1")
    server = peers.plain_server()
    peers.expect_refused(server, peers.plain_client(server, "alice", "s3cret"))


def test_denied_ip_is_refused_for_null(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.deny("127.0.0.1")
    server = peers.server(zap_domain=b"global")
    peers.expect_refused(server, peers.client(server))


def test_ip_not_on_the_allow_list_is_refused(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.allow("192.0.2.1")
    server = peers.server(zap_domain=b"global")
    peers.expect_refused(server, peers.client(server))


def test_ip_not_on_the_allow_list_is_refused_even_with_a_trusted_key(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    auth.allow("192.0.2.1")
    auth.configure_curve("*", certificates.trusted)
    server = peers.curve_server(certificates)
    client = peers.curve_client(
        server, certificates, certificates.client_public, certificates.client_secret
    )
    peers.expect_refused(server, client)


def test_allowed_ip_still_needs_the_right_password(auth: ThreadAuthenticator, peers: Any) -> None:
    auth.allow("127.0.0.1")
    auth.configure_plain("*", {"alice": "s3cret"})
    server = peers.plain_server()
    peers.expect_refused(server, peers.plain_client(server, "alice", "guess"))
    peers.expect_admitted(server, peers.plain_client(server, "alice", "s3cret"), "alice")


def test_malformed_zap_requests_are_refused_and_service_goes_on(
    auth: ThreadAuthenticator, peers: Any, zap: Any
) -> None:
    auth.configure_plain("*", {"alice": "s3cret"})
    server = peers.plain_server()
    for request in ([b"1.0"], [b"1.0", b"1", b"", b"127.0.0.1", b"", b"PLAIN", b"alice"]):
        status = zap.ask(*request)[2]
        assert status == b"400"
    peers.expect_refused(server, peers.plain_client(server, "alice", "guess"))
    peers.expect_admitted(server, peers.plain_client(server, "alice", "s3cret"), "alice")

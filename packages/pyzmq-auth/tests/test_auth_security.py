"""Security defaults: nothing configured means no; secrets never leak into logs
or exception messages."""

from __future__ import annotations

import logging
from typing import Any

import pytest

import zmq
from zmq.auth.thread import ThreadAuthenticator

PASSWORD = "correct-horse-battery-staple"


def test_nothing_configured_refuses_plain_and_curve(
    auth: ThreadAuthenticator, peers: Any, certificates: Any
) -> None:
    plain = peers.plain_server()
    peers.expect_refused(plain, peers.plain_client(plain, "alice", PASSWORD))
    curve = peers.curve_server(certificates)
    peers.expect_refused(
        curve,
        peers.curve_client(
            curve, certificates, certificates.client_public, certificates.client_secret
        ),
    )


def test_secrets_never_appear_in_logs(
    auth: ThreadAuthenticator, peers: Any, certificates: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    auth.configure_plain("*", {"alice": PASSWORD})
    plain = peers.plain_server()
    peers.expect_admitted(plain, peers.plain_client(plain, "alice", PASSWORD), "alice")
    peers.expect_refused(plain, peers.plain_client(plain, "alice", PASSWORD + "-wrong"))
    curve = peers.curve_server(certificates)
    peers.expect_refused(
        curve,
        peers.curve_client(
            curve, certificates, certificates.client_public, certificates.client_secret
        ),
    )
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    )
    assert caplog.records  # decisions were logged...
    for secret in (
        PASSWORD,
        certificates.client_secret.decode(),
        certificates.server_secret.decode(),
    ):
        assert secret not in logged  # ...without their secrets


def test_secrets_never_appear_in_exception_messages(context: zmq.Context[Any]) -> None:
    sock = context.socket(zmq.DEALER)
    secret = zmq.curve_keypair()[1]
    messages = []
    for option, value in (
        (zmq.CURVE_SECRETKEY, secret[:-1]),  # one byte short: refused by libzmq
        (zmq.CURVE_SECRETKEY, secret.decode()),  # str: refused by type
        (zmq.PLAIN_PASSWORD, PASSWORD),
    ):
        with pytest.raises((zmq.ZMQError, TypeError)) as info:
            sock.setsockopt(option, value)
        messages.append(str(info.value) + repr(info.value))
    sock.close(linger=0)
    for message in messages:
        assert secret.decode()[:-1] not in message
        assert PASSWORD not in message

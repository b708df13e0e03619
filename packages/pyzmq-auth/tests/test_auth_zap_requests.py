"""ZAP 1.0 requests sent straight to a running authenticator: the replies, frame by frame,
for every mechanism, and for requests that are malformed or truncated."""

from __future__ import annotations

import logging
from typing import Any

import pytest

import zmq
from zmq.auth.thread import ThreadAuthenticator

CLIENT_KEY = bytes(range(32))
CLIENT_KEY_Z85 = b"009c61o!#m2NH?C3>iWS5d]J*6CRx17-skh9337x"  # Z85 of bytes 0..31


def test_reply_frames_of_an_admitted_null_client(zap: Any) -> None:
    assert zap.request("NULL", request_id=b"req-42") == [
        b"1.0",
        b"req-42",
        b"200",
        b"OK",
        b"anonymous",
        b"",
    ]


def test_plain_user_id_is_the_user_name(auth: ThreadAuthenticator, zap: Any) -> None:
    auth.configure_plain("*", {"alice": "s3cret"})
    assert zap.request("PLAIN", "alice", "s3cret")[2:5] == [b"200", b"OK", b"alice"]


@pytest.mark.parametrize(
    ("username", "password", "text"),
    [("alice", "guess", b"Wrong password"), ("bob", "s3cret", b"Unknown user")],
)
def test_plain_refusals_have_no_user_id(
    auth: ThreadAuthenticator, zap: Any, username: str, password: str, text: bytes
) -> None:
    auth.configure_plain("*", {"alice": "s3cret"})
    assert zap.request("PLAIN", username, password)[2:6] == [b"400", text, b"", b""]


def test_plain_password_is_compared_whole(auth: ThreadAuthenticator, zap: Any) -> None:
    auth.configure_plain("*", {"alice": "s3cret"})
    for guess in ("s3cre", "s3crett", "", "S3CRET"):
        assert zap.request("PLAIN", "alice", guess)[2] == b"400"


def test_star_is_the_empty_domain(auth: ThreadAuthenticator, zap: Any) -> None:
    # as in PyZMQ: '*' does not cover a named domain without a table of its own
    auth.configure_plain("*", {"alice": "a"})
    auth.configure_plain("admin", {"root": "r"})
    assert zap.request("PLAIN", "alice", "a", domain="")[2] == b"200"
    assert zap.request("PLAIN", "alice", "a", domain="other")[2] == b"400"
    assert zap.request("PLAIN", "alice", "a", domain="admin")[2] == b"400"
    assert zap.request("PLAIN", "root", "r", domain="admin")[2] == b"200"
    assert zap.request("PLAIN", "root", "r", domain="")[2] == b"400"


def test_configure_plain_replaces_the_table(auth: ThreadAuthenticator, zap: Any) -> None:
    auth.configure_plain("*", {"alice": "a"})
    auth.configure_plain("*", {"bob": "b"})
    assert zap.request("PLAIN", "alice", "a")[2] == b"400"
    assert zap.request("PLAIN", "bob", "b")[2] == b"200"


def test_configure_plain_reads_the_table_it_was_given(auth: ThreadAuthenticator, zap: Any) -> None:
    # as in PyZMQ: users added or removed take effect at once
    passwords = {"alice": "a"}
    auth.configure_plain("*", passwords)
    passwords["bob"] = "b"
    assert zap.request("PLAIN", "bob", "b")[2] == b"200"
    del passwords["alice"]
    assert zap.request("PLAIN", "alice", "a")[2] == b"400"
    auth.configure_plain("*", {})  # as in PyZMQ, an empty table changes nothing
    assert zap.request("PLAIN", "bob", "b")[2] == b"200"


def test_curve_user_id_is_the_z85_key(auth: ThreadAuthenticator, zap: Any) -> None:
    auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
    assert zap.request("CURVE", CLIENT_KEY)[2:5] == [b"200", b"OK", CLIENT_KEY_Z85]


def test_curve_user_id_encodes_whatever_it_is_given(auth: ThreadAuthenticator) -> None:
    # as PyZMQ's: Z85 of the raw key it is called with, and of anything else too
    assert auth.curve_user_id(CLIENT_KEY) == CLIENT_KEY_Z85.decode()
    assert len(auth.curve_user_id(CLIENT_KEY_Z85)) == 50
    assert auth.curve_user_id(b"") == ""
    with pytest.raises(ValueError, match="multiple of 4"):
        auth.curve_user_id(b"abc")


def test_curve_user_id_override(context: zmq.Context[Any], zap_client: Any) -> None:
    class Named(ThreadAuthenticator):
        def curve_user_id(self, client_public_key: bytes) -> str:
            return "user-" + client_public_key[:2].hex()

    auth = Named(context)
    auth.start()
    try:
        auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
        assert zap_client().request("CURVE", CLIENT_KEY)[2:5] == [b"200", b"OK", b"user-0001"]
    finally:
        auth.stop()


def test_curve_allow_any_covers_every_domain_as_in_pyzmq(
    auth: ThreadAuthenticator, zap: Any
) -> None:
    auth.configure_curve("open", zmq.auth.CURVE_ALLOW_ANY)
    assert auth.allow_any
    for domain in ("open", "", "other"):
        assert zap.request("CURVE", CLIENT_KEY, domain=domain)[2] == b"200"


def test_curve_allow_any_never_overrides_a_domains_own_keys(
    auth: ThreadAuthenticator, zap: Any, tmp_path: Any
) -> None:
    # PyZMQ's CURVE_ALLOW_ANY opened this domain too: a hole, closed unless opted in
    auth.configure_curve("secure", tmp_path)  # an empty directory: no key is trusted
    auth.configure_curve("public", zmq.auth.CURVE_ALLOW_ANY)
    assert zap.request("CURVE", CLIENT_KEY, domain="public")[2] == b"200"
    assert zap.request("CURVE", CLIENT_KEY, domain="secure")[2] == b"400"
    auth.unsafe_pyzmq_policy = True
    assert zap.request("CURVE", CLIENT_KEY, domain="secure")[2] == b"200"


def test_curve_callback_gets_the_domain_and_the_z85_key(
    auth: ThreadAuthenticator, zap: Any
) -> None:
    calls = []

    class Recorder:
        def callback(self, domain: str, key: bytes) -> bool:
            calls.append((domain, key))
            return True

    auth.configure_curve_callback("*", Recorder())
    auth.configure_curve_callback("sales", Recorder())
    assert zap.request("CURVE", CLIENT_KEY, domain="")[2] == b"200"
    assert zap.request("CURVE", CLIENT_KEY, domain="sales")[2] == b"200"
    assert zap.request("CURVE", CLIENT_KEY, domain="other")[2] == b"400"
    assert calls == [("*", CLIENT_KEY_Z85), ("sales", CLIENT_KEY_Z85)]


def test_async_curve_callback_works_in_the_thread(auth: ThreadAuthenticator, zap: Any) -> None:
    class AsyncProvider:
        async def callback(self, domain: str, key: bytes) -> bool:
            return key == CLIENT_KEY_Z85

    auth.configure_curve_callback("*", AsyncProvider())
    assert zap.request("CURVE", CLIENT_KEY)[2] == b"200"
    assert zap.request("CURVE", bytes(32))[2] == b"400"


def test_last_curve_configuration_of_a_domain_wins(
    auth: ThreadAuthenticator, zap: Any, tmp_path: Any
) -> None:
    auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
    auth.configure_curve("*", tmp_path)  # an empty directory: no key is trusted
    assert zap.request("CURVE", CLIENT_KEY)[2] == b"400"


def test_gssapi_admits_the_principal_as_in_pyzmq(auth: ThreadAuthenticator, zap: Any) -> None:
    # libzmq authenticated it before asking; PyZMQ needs no configuration
    for domain in ("", "kerberos"):
        assert zap.request("GSSAPI", "alice@EXAMPLE.ORG", domain=domain)[2:5] == [
            b"200",
            b"OK",
            b"alice@EXAMPLE.ORG",
        ]
    auth.configure_gssapi("kerberos")
    auth.deny("127.0.0.1")
    assert zap.request("GSSAPI", "alice@EXAMPLE.ORG", address="127.0.0.1")[2] == b"400"


def test_unknown_mechanism_is_refused(zap: Any) -> None:
    assert zap.request("KERBEROS5", "ticket")[2:4] == [
        b"400",
        b"Unsupported mechanism 'KERBEROS5'",
    ]


@pytest.mark.parametrize(
    "address", ["::ffff:127.0.0.1", "0:0:0:0:0:ffff:7f00:1", "127.0.0.1"], ids=str
)
def test_addresses_are_compared_in_canonical_form(
    auth: ThreadAuthenticator, zap: Any, address: str
) -> None:
    auth.deny("::ffff:127.0.0.1")
    assert zap.request("NULL", address=address)[2:4] == [b"400", b"Address denied"]
    assert zap.request("NULL", address="127.0.0.2")[2] == b"200"


def test_allow_list_admits_null_and_refuses_others(auth: ThreadAuthenticator, zap: Any) -> None:
    auth.allow("10.0.0.1", "2001:db8::1")
    assert zap.request("NULL", address="10.0.0.1")[2] == b"200"
    assert zap.request("NULL", address="2001:DB8:0::1")[2] == b"200"
    assert zap.request("NULL", address="10.0.0.2")[2:4] == [b"400", b"Address not allowed"]
    assert zap.request("NULL", address="")[2] == b"400"  # an ipc peer has no IP


@pytest.mark.parametrize(
    "frames",
    [
        pytest.param([], id="empty"),
        pytest.param([b"1.0"], id="version-only"),
        pytest.param([b"1.0", b"9", b"", b"127.0.0.1", b""], id="no-mechanism"),
        pytest.param([b"2.0", b"9", b"", b"127.0.0.1", b"", b"NULL"], id="version-2.0"),
        pytest.param([b"1.0", b"9", b"", b"127.0.0.1", b"", b"NULL", b"x"], id="null-with-data"),
        pytest.param([b"1.0", b"9", b"", b"127.0.0.1", b"", b"PLAIN", b"u"], id="plain-1"),
        pytest.param(
            [b"1.0", b"9", b"", b"127.0.0.1", b"", b"PLAIN", b"u", b"p", b"x"], id="plain-3"
        ),
        pytest.param([b"1.0", b"9", b"", b"127.0.0.1", b"", b"CURVE"], id="curve-no-key"),
        pytest.param([b"1.0", b"9", b"", b"127.0.0.1", b"", b"CURVE", bytes(31)], id="curve-31"),
        pytest.param([b"1.0", b"9", b"\xff", b"127.0.0.1", b"", b"NULL"], id="domain-bytes"),
        pytest.param([b"1.0", b"9", b"", b"127.0.0.1", b"", b"PLAIN", b"\xff", b"p"], id="user"),
        pytest.param([b"1.0", b"9", b"", b"127.0.0.1", b"", b"\xff\xfe"], id="mechanism"),
    ],
)
def test_malformed_request_gets_400_and_service_goes_on(
    auth: ThreadAuthenticator, zap: Any, frames: list[bytes]
) -> None:
    auth.configure_plain("*", {"u": "p"})
    auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
    reply = zap.ask(*frames) if frames else zap.ask(b"")
    assert reply[0] == b"1.0"
    assert reply[2] == b"400"
    assert reply[3].startswith(b"Malformed request")
    assert reply[4:] == [b"", b""]
    if len(frames) > 1:
        assert reply[1] == frames[1]
    assert zap.request("PLAIN", "u", "p")[2] == b"200"


def test_request_without_envelope_is_dropped_and_service_goes_on(
    context: zmq.Context[Any], auth: ThreadAuthenticator, zap_client: Any
) -> None:
    dealer = context.socket(zmq.DEALER)
    try:
        dealer.linger = 0
        dealer.connect("inproc://zeromq.zap.01")
        dealer.send_multipart([b"no", b"delimiter"])
        assert zap_client().request("NULL")[2] == b"200"
        dealer.send_multipart([b"no", b"delimiter"])
        # the socket reports it readable, then discards it: the thread must not hang there
        auth.stop()
        assert not auth.is_alive()
    finally:
        dealer.close()


def test_decisions_are_logged_without_passwords(
    auth: ThreadAuthenticator, zap: Any, caplog: pytest.LogCaptureFixture
) -> None:
    auth.configure_plain("*", {"alice": "pw-alice"})
    caplog.set_level(logging.DEBUG, logger="zmq.auth")
    zap.request("PLAIN", "alice", "pw-alice")
    zap.request("PLAIN", "alice", "pw-guess")
    zap.request("PLAIN", "alice", "pw-extra", "frame")
    allowed, refused, malformed = (r for r in caplog.records if r.name == "zmq.auth")
    assert allowed.levelno == logging.DEBUG
    assert allowed.getMessage() == "allowed PLAIN client 127.0.0.1, domain '', as 'alice'"
    assert refused.levelno == logging.INFO
    assert refused.getMessage() == "refused PLAIN client 127.0.0.1, domain '': Wrong password"
    assert malformed.levelno == logging.WARNING
    assert "pw-" not in caplog.text


def test_internal_errors_are_logged_with_their_traceback(
    auth: ThreadAuthenticator, zap: Any, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        def callback(self, domain: str, key: bytes) -> bool:
            raise RuntimeError("key store down")

    auth.configure_curve_callback("*", Broken())
    assert zap.request("CURVE", CLIENT_KEY)[2:4] == [b"500", b"Internal error"]
    (record,) = (r for r in caplog.records if r.levelno == logging.ERROR)
    assert record.exc_info is not None
    assert "key store down" in caplog.text

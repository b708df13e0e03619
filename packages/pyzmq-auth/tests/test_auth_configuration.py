"""Configuring an authenticator: wrong types and values get clear errors, and a change
made from any thread applies to the next handshake."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest

import zmq
import zmq.auth
from zmq.auth.base import Authenticator
from zmq.auth.thread import ThreadAuthenticator
from zmq.utils.z85 import decode as z85_decode


@pytest.fixture
def authenticator(context: zmq.Context[Any]) -> Authenticator:
    """An authenticator that is never started: configuration needs no socket."""
    return Authenticator(context)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda a: a.allow(b"127.0.0.1"), TypeError, "allow\\(\\) takes IP addresses as str"),
        (lambda a: a.deny("127.0.0.1/8"), ValueError, "deny\\(\\) takes IP addresses"),
        (lambda a: a.deny("localhost"), ValueError, "it would deny nobody"),
        (lambda a: a.deny(None), TypeError, "not NoneType"),
    ],
    ids=["allow-bytes", "deny-network", "deny-hostname", "deny-none"],
)
def test_wrong_configuration_gets_a_clear_error(
    authenticator: Authenticator, call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call(authenticator)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda a: a.configure_plain(b"*", {"u": "p"}), "domain must be a str"),
        (lambda a: a.configure_plain("*", [("u", "p")]), "takes a dict"),
        (lambda a: a.configure_curve(None), "domain must be a str"),
        (lambda a: a.configure_curve_callback("*", object()), "has none"),
        (lambda a: a.configure_gssapi(1), "domain must be a str"),
    ],
    ids=["plain-domain-bytes", "plain-list", "curve-domain-none", "callback-object", "gssapi"],
)
def test_what_pyzmq_takes_and_never_matches_warns(
    authenticator: Authenticator, call: Any, message: str
) -> None:
    with pytest.warns(DeprecationWarning, match=message):
        call(authenticator)


def test_a_host_name_allowed_warns_and_never_matches(auth: ThreadAuthenticator, zap: Any) -> None:
    with pytest.warns(zmq.auth.AddressWarning, match="'localhost'.*never matches"):
        auth.allow("localhost")
    assert zap.request("NULL", address="127.0.0.1")[2] == b"400"


def test_a_host_name_denied_by_opt_in_denies_nobody(auth: ThreadAuthenticator, zap: Any) -> None:
    auth.unsafe_pyzmq_policy = True
    with pytest.warns(zmq.auth.AddressWarning, match="never matches"):
        auth.deny("localhost")
    assert zap.request("NULL", address="127.0.0.1")[2] == b"200"


@pytest.mark.parametrize(
    "call",
    [
        lambda a: a.configure_curve("*", 42),
        lambda a: a.configure_curve_callback("*"),
    ],
    ids=["curve-location-int", "callback-none"],
)
def test_what_pyzmq_logs_as_an_error_configures_nothing(
    auth: ThreadAuthenticator, zap: Any, call: Any, caplog: pytest.LogCaptureFixture
) -> None:
    auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
    with caplog.at_level(logging.ERROR, logger="zmq.auth"):
        call(auth)
    assert len(caplog.records) == 1
    # as PyZMQ, the call turned CURVE_ALLOW_ANY off
    assert not auth.allow_any


def test_passwords_that_are_not_text_never_match(auth: ThreadAuthenticator, zap: Any) -> None:
    auth.configure_plain("*", {"u": b"p", b"v": "q"})  # type: ignore[dict-item]
    assert zap.request("PLAIN", "u", "p")[2] == b"400"
    assert zap.request("PLAIN", "v", "q")[2] == b"400"


def test_a_password_the_encoding_cannot_carry_never_matches(
    context: zmq.Context[Any], zap_client: Any
) -> None:
    authenticator = ThreadAuthenticator(context, encoding="ascii")
    authenticator.start()
    try:
        authenticator.configure_plain("*", {"u": "pässword"})
        assert zap_client().request("PLAIN", "u", "pässword")[2] == b"400"
    finally:
        authenticator.stop()


def test_constructor_warns_about_what_cannot_work(
    context: zmq.Context[Any], zap_client: Any
) -> None:
    # PyZMQ takes these, and fails when the authenticator is used
    with pytest.warns(DeprecationWarning, match=r"context should be a zmq\.Context") as warned:
        not_a_context = Authenticator("tcp://127.0.0.1")  # type: ignore[arg-type]
    assert warned[0].filename == __file__
    with pytest.raises(AttributeError):
        not_a_context.start()
    for encoding in ("no-such-encoding", b"utf-8"):
        with pytest.warns(DeprecationWarning, match="not a known text encoding") as warned:
            authenticator = ThreadAuthenticator(context, encoding=encoding)  # type: ignore[arg-type]
        assert warned[0].filename == __file__
        # a request it cannot decode is refused (PyZMQ's thread died, and every handshake hung)
        authenticator.start()
        try:
            assert zap_client().request("NULL")[2] == b"500"
        finally:
            authenticator.stop()
    # as in PyZMQ, a false context is the shared instance
    assert Authenticator(0).context is zmq.Context.instance()  # type: ignore[arg-type]


def test_defaults_match_pyzmq() -> None:
    authenticator = Authenticator()
    assert authenticator.context is zmq.Context.instance()
    assert authenticator.encoding == "utf-8"
    assert authenticator.log is logging.getLogger("zmq.auth")
    assert authenticator.zap_socket is None


def test_a_failed_configuration_changes_nothing(auth: ThreadAuthenticator, zap: Any) -> None:
    auth.configure_plain("*", {"alice": "a"})
    with pytest.raises(ValueError):
        auth.deny("127.0.0.2", "not an address")
    assert zap.request("PLAIN", "alice", "a")[2] == b"200"
    assert zap.request("NULL", address="127.0.0.2")[2] == b"200"


@pytest.mark.parametrize(("first", "second"), [("allow", "deny"), ("deny", "allow")])
def test_allow_and_deny_exclude_each_other(
    authenticator: Authenticator, first: str, second: str
) -> None:
    getattr(authenticator, first)("10.0.0.1")
    with pytest.raises(ValueError, match="either allow\\(\\) or deny\\(\\), not both"):
        getattr(authenticator, second)("10.0.0.2")


def test_missing_curve_directory_is_reported_and_watched(
    auth: ThreadAuthenticator, zap: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    directory = tmp_path / "later"
    auth.configure_curve("*", directory)
    assert "is not a directory (yet)" in caplog.text
    directory.mkdir()
    public_file, _ = zmq.auth.create_certificates(directory, "client")
    raw_key = z85_decode(zmq.auth.load_certificate(public_file)[0])
    assert zap.request("CURVE", raw_key)[2] == b"200"


def test_broken_certificates_are_reported_in_the_log(
    auth: ThreadAuthenticator, certificates: Any, caplog: pytest.LogCaptureFixture
) -> None:
    (certificates.trusted / "short.key").write_text("curve\n    public-key = short\n")
    (certificates.trusted / "empty.key").write_text("")
    auth.configure_curve("*", certificates.trusted)
    # as in PyZMQ, a key that is no CURVE key is read all the same (it matches nobody)
    assert "short.key': the public key is not a CURVE key" in caplog.text
    assert "skipping certificate" in caplog.text
    assert "empty.key" in caplog.text


def test_start_twice_is_an_error(auth: ThreadAuthenticator) -> None:
    # PyZMQ binds the ZAP endpoint twice: ZMQError (EADDRINUSE)
    with pytest.raises(zmq.ZMQError, match="already started") as raised:
        auth.start()
    assert raised.value.errno == zmq.EADDRINUSE
    assert auth.is_alive()


def test_second_authenticator_of_a_context_is_refused(
    context: zmq.Context[Any], auth: ThreadAuthenticator
) -> None:
    other = ThreadAuthenticator(context)
    with pytest.raises(zmq.ZMQError, match="another ZAP handler") as raised:
        other.start()
    assert raised.value.errno == zmq.EADDRINUSE
    assert not other.is_alive()
    assert other.zap_socket is None
    other.stop()


def test_stop_is_idempotent_and_restart_works(context: zmq.Context[Any], zap_client: Any) -> None:
    auth = ThreadAuthenticator(context)
    auth.stop()
    assert not auth.is_alive()
    for _ in range(3):
        auth.start()
        assert auth.is_alive()
        assert zap_client().request("NULL")[2] == b"200"
        auth.stop()
        auth.stop()
        assert not auth.is_alive()
        assert auth.zap_socket is None


def test_handle_zap_message_needs_a_started_authenticator(
    authenticator: Authenticator,
) -> None:
    coroutine = authenticator.handle_zap_message([b"1.0", b"1", b"", b"", b"", b"NULL"])
    with pytest.raises(RuntimeError, match="not started"):
        coroutine.send(None)


def test_terminating_the_context_ends_the_thread() -> None:
    context: zmq.Context[Any] = zmq.Context()
    auth = ThreadAuthenticator(context)
    auth.start()
    context.term()  # returns only once the thread closed its sockets
    assert auth.thread is not None
    auth.thread.join(10)
    assert not auth.is_alive()
    auth.stop()


def test_configuration_from_other_threads_reaches_the_authenticator(
    auth: ThreadAuthenticator, zap: Any
) -> None:
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def configure(index: int) -> None:
        try:
            barrier.wait(10)
            for round_ in range(50):
                auth.configure_plain(f"domain-{index}", {f"user-{index}": f"pw-{round_}"})
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=configure, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    barrier.wait(10)
    while any(thread.is_alive() for thread in threads):
        assert zap.request("PLAIN", "user-0", "pw-0", domain="elsewhere")[2] == b"400"
    for thread in threads:
        thread.join()
    assert errors == []
    for index in range(3):
        reply = zap.request("PLAIN", f"user-{index}", "pw-49", domain=f"domain-{index}")
        assert reply[2:5] == [b"200", b"OK", f"user-{index}".encode()]
        assert zap.request("PLAIN", f"user-{index}", "pw-48", domain=f"domain-{index}")[2] == (
            b"400"
        )

"""Fuzzed ZAP requests: every request gets an answer, only the right ones a yes,
and the authenticator keeps serving (tools/hardening runs many more)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zmq
from zmq.auth.thread import ThreadAuthenticator

settings.register_profile(
    "quick", max_examples=100, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

PASSWORDS = {"alice": "s3cret"}
frames = st.binary(max_size=64)
text = st.one_of(st.sampled_from(["", "1.0", "*", "alice", "s3cret"]), st.text(max_size=20))


@pytest.fixture(scope="module")
def zap() -> Iterator[Any]:
    ctx: zmq.Context[Any] = zmq.Context()
    auth = ThreadAuthenticator(ctx)
    auth.start()
    auth.configure_plain("*", PASSWORDS)
    client = ctx.socket(zmq.REQ)
    client.linger = 0
    client.rcvtimeo = client.sndtimeo = 10_000
    client.connect("inproc://zeromq.zap.01")
    yield client
    client.close()
    auth.stop()
    ctx.destroy(linger=0)


def ask(client: Any, request: list[bytes]) -> list[bytes]:
    client.send_multipart(request)
    return client.recv_multipart()


def admitted_rightly(request: list[bytes], reply: list[bytes]) -> bool:
    """A 200 only for NULL, for GSSAPI with a principal (as PyZMQ), or for PLAIN
    with alice's own password in the empty domain ('*')."""
    if reply[2] != b"200":
        return True
    if len(request) < 6 or request[0] != b"1.0":
        return False
    domain, mechanism, credentials = request[2], request[5], request[6:]
    if mechanism == b"NULL":
        return credentials == []
    if mechanism == b"GSSAPI":
        return len(credentials) == 1
    return mechanism == b"PLAIN" and domain in (b"", b"*") and credentials == [b"alice", b"s3cret"]


@given(request=st.lists(frames, min_size=1, max_size=9))
def test_arbitrary_frames(zap: Any, request: list[bytes]) -> None:
    reply = ask(zap, request)
    assert len(reply) == 6
    assert reply[2] in (b"200", b"300", b"400", b"500")
    assert admitted_rightly(request, reply)


@given(
    version=st.one_of(st.just("1.0"), text),
    request_id=frames,
    domain=text,
    address=text,
    mechanism=st.one_of(st.sampled_from(["NULL", "PLAIN", "CURVE", "GSSAPI"]), text),
    credentials=st.lists(st.one_of(text, frames), max_size=3),
)
def test_well_shaped_requests(
    zap: Any,
    version: str,
    request_id: bytes,
    domain: str,
    address: str,
    mechanism: str,
    credentials: list[str | bytes],
) -> None:
    request = [
        f.encode("utf-8", "surrogatepass") if isinstance(f, str) else f
        for f in (version, request_id, domain, address, b"identity", mechanism, *credentials)
    ]
    reply = ask(zap, request)
    assert reply[0] == b"1.0" or reply[2] == b"400"
    assert reply[1] == request_id or reply[2] == b"400"
    assert admitted_rightly(request, reply)
    # whatever came before, a good request is still served
    good = [b"1.0", b"ok", b"", b"127.0.0.1", b"identity", b"PLAIN", b"alice", b"s3cret"]
    assert ask(zap, good)[2:5] == [b"200", b"OK", b"alice"]

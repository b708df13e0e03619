"""The Z85 helper of zmq.auth, checked against ZeroMQ RFC 32's test vector."""

from __future__ import annotations

import os

import pytest

import zmq
from zmq.auth import _z85

RFC_32_RAW = bytes.fromhex("864FD26FB559F75B")


def test_rfc_32_vector() -> None:
    assert _z85.encode(RFC_32_RAW) == b"HelloWorld"
    assert _z85.decode(b"HelloWorld") == RFC_32_RAW


def test_round_trip_of_curve_keys() -> None:
    public, secret = zmq.curve_keypair()
    assert _z85.encode(_z85.decode(public)) == public
    raw = os.urandom(32)
    assert _z85.decode(_z85.encode(raw)) == raw
    assert _z85.is_curve_key(public) and _z85.is_curve_key(secret)


@pytest.mark.parametrize("raw", [b"abc", b"abcde"])
def test_encode_refuses_lengths_not_multiple_of_4(raw: bytes) -> None:
    with pytest.raises(ValueError, match="multiples of 4"):
        _z85.encode(raw)


@pytest.mark.parametrize(
    ("text", "message"),
    [(b"Hell", "multiple of 5"), (b'Hell"', "not a Z85 character"), (b"#####", "not valid")],
)
def test_decode_refuses_invalid_text(text: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _z85.decode(text)


@pytest.mark.parametrize("text", [b"", b"HelloWorld", b"~" * 40, b"#" * 40])
def test_is_curve_key_refuses_non_keys(text: bytes) -> None:
    assert not _z85.is_curve_key(text)

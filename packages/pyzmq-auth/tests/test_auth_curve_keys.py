"""CURVE keys as the authenticator checks them (Z85 itself is zmq.utils.z85's)."""

from __future__ import annotations

import os

import pytest

import zmq
from zmq.auth import _curve_keys


def test_real_keys_are_curve_keys() -> None:
    public, secret = zmq.curve_keypair()
    assert _curve_keys.is_curve_key(public) and _curve_keys.is_curve_key(secret)
    raw = os.urandom(_curve_keys.CURVE_KEY_BYTES)
    assert _curve_keys.is_curve_key(_curve_keys.z85_key(raw))


@pytest.mark.parametrize("text", [b"", b"x" * 39, b"x" * 41, b'"' * 40, b"#" * 40])
def test_other_text_is_not(text: bytes) -> None:
    assert not _curve_keys.is_curve_key(text)

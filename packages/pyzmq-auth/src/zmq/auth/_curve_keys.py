"""CURVE keys as the authenticator meets them: 32 raw bytes, or 40 Z85 characters."""

from __future__ import annotations

from zmq.utils import z85

CURVE_KEY_BYTES = 32
CURVE_KEY_Z85_CHARS = 40


def z85_key(raw: bytes) -> bytes:
    """The Z85 form of a raw CURVE key (what certificates and User-Ids hold)."""
    return z85.encode(raw)


def is_curve_key(text: bytes) -> bool:
    """Whether ``text`` is a CURVE key in Z85 form (40 valid characters)."""
    if len(text) != CURVE_KEY_Z85_CHARS:
        return False
    try:
        z85.decode(text)
    except ValueError:
        return False
    return True

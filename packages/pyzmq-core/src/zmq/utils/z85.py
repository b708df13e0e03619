"""Z85: ZeroMQ's base-85 text encoding of binary data (ZeroMQ RFC 32).

Every 4 bytes of data, read as a big-endian 32-bit number, become 5
printable characters; Z85 has no padding, so data must come in whole blocks.
CURVE keys are 32 bytes, or 40 characters of Z85.

>>> encode(bytes([0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]))
b'HelloWorld'
"""

from __future__ import annotations

import struct
from typing import Final, Union

__all__ = ["Z85CHARS", "Z85MAP", "decode", "encode"]

#: the 85 characters of Z85, in the order of their values 0 to 84
Z85CHARS: Final[bytes] = (
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
)
#: the value (0 to 84) of each Z85 character, keyed by its byte value
Z85MAP: Final[dict[int, int]] = {char: value for value, char in enumerate(Z85CHARS)}

_RawBytes = Union[bytes, bytearray, memoryview]

# Characters and digit values are mapped with bytes.translate, which runs in C,
# so that the Python code only does the arithmetic on 32-bit blocks.
_TO_CHARS: Final[bytes] = Z85CHARS + bytes(256 - len(Z85CHARS))
_TO_DIGITS: Final[bytes] = bytes(Z85MAP.get(byte, 0) for byte in range(256))


def encode(rawbytes: _RawBytes) -> bytes:
    """Encode binary data as Z85.

    Parameters
    ----------
    rawbytes : bytes-like
        The data; its length in bytes must be a multiple of 4.

    Returns
    -------
    bytes
        The Z85 text, 5 characters for every 4 bytes.

    Raises
    ------
    TypeError
        If ``rawbytes`` is not a bytes-like object (a str must be encoded first).
    ValueError
        If its length is not a multiple of 4.
    """
    if isinstance(rawbytes, str):
        raise TypeError("Z85 encodes bytes, not str: encode the text to bytes first")
    data = _as_bytes(rawbytes, "encodes a bytes-like object")
    if len(data) % 4:
        raise ValueError(
            f"Z85 encodes blocks of 4 bytes: length must be a multiple of 4, not {len(data)}"
        )
    blocks = struct.unpack(f">{len(data) // 4}I", data)
    digits = bytes(
        [
            digit
            for block in blocks
            for digit in (
                block // 85**4,
                block // 85**3 % 85,
                block // 85**2 % 85,
                block // 85 % 85,
                block % 85,
            )
        ]
    )
    return digits.translate(_TO_CHARS)


class _NotZ85Character(ValueError, KeyError):
    """A character outside the Z85 alphabet: PyZMQ raises KeyError there."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class _NotZ85Block(ValueError, struct.error):
    """5 characters worth more than 32 bits: PyZMQ raises struct.error there."""


def decode(z85bytes: str | _RawBytes) -> bytes:
    """Decode Z85 text to binary data.

    Parameters
    ----------
    z85bytes : bytes-like or str
        The Z85 text; its length must be a multiple of 5.

    Returns
    -------
    bytes
        The data, 4 bytes for every 5 characters.

    Raises
    ------
    TypeError
        If ``z85bytes`` is neither text nor a bytes-like object.
    ValueError
        If its length is not a multiple of 5, if it holds a character outside
        the Z85 alphabet (also a KeyError, as PyZMQ raises), or a block of 5
        characters worth more than 32 bits (also a :class:`struct.error`).
    """
    if isinstance(z85bytes, str):
        if not z85bytes.isascii():
            position, char = next((i, c) for i, c in enumerate(z85bytes) if not c.isascii())
            raise ValueError(f"{char!r} at position {position} is not a Z85 character")
        text = z85bytes.encode("ascii")
    else:
        text = _as_bytes(z85bytes, "decodes bytes or str")
    if len(text) % 5:
        raise ValueError(
            f"Z85 decodes blocks of 5 characters: length must be a multiple of 5, not {len(text)}"
        )
    invalid = text.translate(None, Z85CHARS)
    if invalid:
        position = text.index(invalid[0])
        shown = z85bytes[position] if isinstance(z85bytes, str) else invalid[:1]
        raise _NotZ85Character(f"{shown!r} at position {position} is not a Z85 character")
    digits = text.translate(_TO_DIGITS)
    blocks = [
        (((a * 85 + b) * 85 + c) * 85 + d) * 85 + e
        for a, b, c, d, e in zip(
            digits[0::5], digits[1::5], digits[2::5], digits[3::5], digits[4::5]
        )
    ]
    try:
        return struct.pack(f">{len(blocks)}I", *blocks)
    except struct.error:
        index = next(i for i, block in enumerate(blocks) if block > 0xFFFFFFFF)
        chars = text[5 * index : 5 * index + 5].decode("ascii")
        raise _NotZ85Block(
            f"{chars!r} at position {5 * index} is not a Z85 block: its value exceeds 32 bits"
        ) from None


def _as_bytes(obj: object, accepts: str) -> bytes:
    """The bytes of a bytes-like object; TypeError saying what Z85 ``accepts`` otherwise."""
    try:
        return memoryview(obj).tobytes()  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"Z85 {accepts}, not {type(obj).__name__}") from None

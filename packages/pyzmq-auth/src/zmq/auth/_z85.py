"""Z85 (ZeroMQ RFC 32), the text form of CURVE keys in certificates and ZAP user ids."""

from __future__ import annotations

import struct

_ALPHABET = (
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
)
_VALUES = {char: value for value, char in enumerate(_ALPHABET)}
_WORD = struct.Struct(">I")

#: length of a CURVE key: 32 raw bytes, 40 Z85 characters
CURVE_KEY_BYTES = 32
CURVE_KEY_Z85_CHARS = 40


def encode(raw: bytes) -> bytes:
    """Encode bytes (a multiple of 4 long) as Z85 text.

    Raises
    ------
    ValueError
        If the length of ``raw`` is not a multiple of 4.
    """
    if len(raw) % 4:
        raise ValueError(f"Z85 encodes multiples of 4 bytes, not {len(raw)}")
    encoded = bytearray()
    for (word,) in _WORD.iter_unpack(raw):
        chunk = bytearray(5)
        for position in range(4, -1, -1):
            word, digit = divmod(word, 85)
            chunk[position] = _ALPHABET[digit]
        encoded += chunk
    return bytes(encoded)


def decode(text: bytes) -> bytes:
    """Decode Z85 text (a multiple of 5 characters long) to bytes.

    Raises
    ------
    ValueError
        If the length is not a multiple of 5, or a character is not in the Z85 alphabet,
        or a group of 5 characters encodes more than 32 bits.
    """
    if len(text) % 5:
        raise ValueError(f"Z85 text is a multiple of 5 characters long, not {len(text)}")
    decoded = bytearray()
    for start in range(0, len(text), 5):
        word = 0
        for char in text[start : start + 5]:
            if char not in _VALUES:
                raise ValueError(f"{chr(char)!r} is not a Z85 character")
            word = word * 85 + _VALUES[char]
        if word > 0xFFFFFFFF:
            raise ValueError(f"{text[start : start + 5]!r} is not valid Z85")
        decoded += _WORD.pack(word)
    return bytes(decoded)


def is_curve_key(text: bytes) -> bool:
    """Whether ``text`` is a CURVE key in Z85 form (40 valid characters)."""
    if len(text) != CURVE_KEY_Z85_CHARS:
        return False
    try:
        decode(text)
    except ValueError:
        return False
    return True

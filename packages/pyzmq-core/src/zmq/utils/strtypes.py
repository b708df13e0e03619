"""Python 2/3 string helpers, kept for code written against old PyZMQ releases.

Deprecated: each function warns (DeprecationWarning) when called; use
``str.encode`` and ``bytes.decode`` instead. Importing the module is silent.
"""

from __future__ import annotations

import builtins
import warnings

__all__ = [
    "asbytes",
    "b",
    "basestring",
    "bytes",
    "cast_bytes",
    "cast_unicode",
    "u",
    "unicode",
]

bytes = builtins.bytes
unicode = str
basestring = (str,)


def cast_bytes(
    s: str | builtins.bytes, encoding: str = "utf8", errors: str = "strict"
) -> builtins.bytes:
    """Encode text to bytes; bytes are returned unchanged.

    Parameters
    ----------
    s : str or bytes
        The text to encode.
    encoding, errors : str
        As for :meth:`str.encode`.

    Returns
    -------
    bytes

    Raises
    ------
    TypeError
        If ``s`` is neither str nor bytes.
    """
    _warn_deprecated()
    if isinstance(s, builtins.bytes):
        return s
    if isinstance(s, str):
        return s.encode(encoding, errors)
    raise TypeError(f"expected str or bytes, not {type(s).__name__}")


def cast_unicode(s: str | builtins.bytes, encoding: str = "utf8", errors: str = "strict") -> str:
    """Decode bytes to text; text is returned unchanged.

    Parameters
    ----------
    s : str or bytes
        The bytes to decode.
    encoding, errors : str
        As for :meth:`bytes.decode`.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``s`` is neither str nor bytes.
    """
    _warn_deprecated()
    if isinstance(s, builtins.bytes):
        return s.decode(encoding, errors)
    if isinstance(s, str):
        return s
    raise TypeError(f"expected str or bytes, not {type(s).__name__}")


asbytes = b = cast_bytes
u = cast_unicode


def _warn_deprecated() -> None:
    # stacklevel 3: the warning points at the code calling cast_bytes or cast_unicode
    warnings.warn(
        "zmq.utils.strtypes is deprecated: use str.encode and bytes.decode",
        DeprecationWarning,
        stacklevel=3,
    )

"""Interoperability with other libzmq bindings: addresses as ints."""

from __future__ import annotations

from typing import Any

__all__ = ["cast_int_addr"]


def cast_int_addr(n: Any) -> int:
    """cast_int_addr(n)

    The address held by ``n``: an int, a ctypes pointer or a cffi pointer.

    Raises
    ------
    ValueError
        If ``n`` holds no address.
    """
    if isinstance(n, int):
        return n
    try:
        import cffi
    except ImportError:
        pass
    else:
        ffi = cffi.FFI()
        if isinstance(n, ffi.CData):
            return int(ffi.cast("size_t", n))
    try:
        import ctypes
    except ImportError:  # pragma: no cover
        pass
    else:
        if isinstance(n, ctypes.c_void_p):
            return n.value or 0
    raise ValueError(f"cannot cast {n!r} to an int address")

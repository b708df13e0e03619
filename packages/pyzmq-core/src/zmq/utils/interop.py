"""Interoperability with other libzmq bindings: addresses as ints."""

from __future__ import annotations

from typing import Any

__all__ = ["cast_int_addr"]


def cast_int_addr(n: Any) -> int:
    """cast_int_addr(n)

    The address held by ``n``: an int or a cffi pointer.

    Raises
    ------
    ValueError
        If ``n`` is neither (a ctypes pointer too, as in PyZMQ: pass its
        ``.value``).
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
    raise ValueError(f"cannot cast {n!r} to an int address")

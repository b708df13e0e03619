"""zmq.utils.interop: addresses from other bindings."""

from __future__ import annotations

import ctypes

import pytest

from zmq.utils.interop import cast_int_addr


def test_an_int_is_its_own_address():
    assert cast_int_addr(16) == 16
    assert cast_int_addr(0) == 0


@pytest.mark.parametrize("pointer", [ctypes.c_void_p(16), ctypes.c_void_p(), "16", 16.0, None])
def test_anything_else_is_refused(pointer):
    # a ctypes pointer too, as PyZMQ's: pass its .value
    with pytest.raises(ValueError, match="cannot cast"):
        cast_int_addr(pointer)

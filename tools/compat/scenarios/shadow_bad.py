"""shadow() of addresses that hold no libzmq object (each may crash a process: kept apart)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, ctypes")
    c("buf = ctypes.create_string_buffer(64)")
    c("bad = zmq.Context.shadow(ctypes.addressof(buf))")
    c("bad.socket(zmq.PUSH)")
    c("bad.get(zmq.IO_THREADS)")
    c("bad_socket = zmq.Socket.shadow(ctypes.addressof(buf))")
    c("bad_socket.get(zmq.TYPE)")
    c("ctx = zmq.Context()")
    c("shadow = zmq.Context.shadow(ctx.underlying)")
    c("ctx.term()")
    c("shadow.closed")

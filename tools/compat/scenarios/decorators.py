"""zmq.decorators: @context and @socket, stacked, with the errors they raise."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, zmq.decorators as d")
    c("@d.context()\ndef f1(ctx):\n    return (type(ctx).__name__, ctx.closed)")
    c("f1()")
    c("@d.context(name='ctx')\ndef f2(ctx=None):\n    return type(ctx).__name__")
    c("f2()")
    c("@d.context()\n@d.socket(zmq.PUSH)\ndef f3(ctx, s):\n    return (s.type, s.context is ctx)")
    c("f3()")
    c("@d.socket(zmq.PULL)\ndef f4(s):\n    return (s.type, s.context is zmq.Context.instance())")
    c("f4()")
    c("@d.socket('sock', zmq.PUB)\ndef f5(sock=None):\n    return sock.type")
    c("f5()")
    c("@d.context('c1')\ndef f6(x):\n    return x")
    c("f6(1)")
    c("@d.context()\ndef f7():\n    return 1")
    c("f7()")
    c("@d.socket('name_only')\ndef f8(name_only):\n    return 1")
    c("f8()")
    c("@d.context(name='missing')\ndef f9(other):\n    return 1")
    c("f9()")
    c("f2(ctx=zmq.Context.instance())")
    c("@d.context()\ndef f10(ctx):\n    raise KeyError('inside')")
    c("f10()")
    c("@d.context(io_threads=2)\ndef f11(ctx):\n    return ctx.io_threads")
    c("f11()")
    c("@d.socket(zmq.PUSH, linger=5)\ndef f12(s):\n    return s.linger")
    c("f12()")
    c("zmq.Context.instance().term()")

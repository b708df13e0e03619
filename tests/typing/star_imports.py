"""``from zmq import *`` gives type checkers every name it gives at run time."""

from __future__ import annotations

from zmq import *  # noqa: F403


def push(context: Context[Socket[bytes]]) -> bytes:  # noqa: F405
    sock = context.socket(PUSH)  # noqa: F405
    sock.setsockopt(LINGER, 0)  # noqa: F405
    try:
        sock.send(b"x", NOBLOCK)  # noqa: F405
    except Again:  # noqa: F405
        pass
    except ZMQError as error:  # noqa: F405
        assert error.errno == EAGAIN  # noqa: F405
    poller = Poller()  # noqa: F405
    poller.register(sock, POLLOUT)  # noqa: F405
    sock.close()
    frame: Frame = Frame(b"x")  # noqa: F405
    version: str = zmq_version() + pyzmq_version()  # noqa: F405
    return frame.bytes + version.encode() + bytes(curve_keypair()[0]) * has("curve")  # noqa: F405

"""zmq.proxy, zmq.proxy_steerable and zmq.device: one run in a thread and stopped through its
steering socket, and bad arguments (a device blocked in another thread is not ended by closing
its sockets under it: that is undefined behaviour in libzmq, and PyZMQ's outcome varies)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, threading")
    c("ctx = zmq.Context()")
    c("results = {}")
    c(
        "def call(name, f, *args):\n    try:\n        results[name] = ('return', f(*args))\n    except Exception as e:\n        results[name] = ('raise', type(e).__name__, getattr(e, 'errno', None))"
    )
    c(
        "front = ctx.socket(zmq.PULL); back = ctx.socket(zmq.PUSH); ctl = ctx.socket(zmq.PAIR); cap = ctx.socket(zmq.PUB)"
    )
    c("for x in (front, back, ctl, cap): x.linger = 0")
    c(
        "front.bind('inproc://front'); back.bind('inproc://back'); ctl.bind('inproc://ctl')",
        norm="type",
    )
    c(
        "t = threading.Thread(daemon=True, target=call, args=('steerable', zmq.proxy_steerable, front, back, cap, ctl))"
    )
    c("t.start()")
    c("push = ctx.socket(zmq.PUSH); pull = ctx.socket(zmq.PULL); steer = ctx.socket(zmq.PAIR)")
    c("for x in (push, pull, steer): x.linger = 0")
    c("pull.rcvtimeo = 3000")
    c(
        "push.connect('inproc://front'); pull.connect('inproc://back'); steer.connect('inproc://ctl')",
        norm="type",
    )
    c("push.send(b'through')")
    c("pull.recv()")
    c("steer.send(b'TERMINATE')")
    c("t.join(5)")
    c("t.is_alive()")
    c("results['steerable']")
    c("zmq.proxy(front, 'x')")
    c("zmq.proxy('x', back)")
    c("zmq.proxy_steerable(front, back, None, 'x')")
    c("zmq.device(zmq.QUEUE, 'x', back)")
    c("for x in (front, back, ctl, cap, push, pull, steer): x.close()")
    c("closed = ctx.socket(zmq.PULL)")
    c("closed.close()")
    c("zmq.proxy(closed, closed)")
    c("zmq.device(zmq.QUEUE, closed, closed)")
    c("zmq.device(9999, closed, closed)")
    c("zmq.proxy_steerable(closed, closed, None, closed)")
    c("ctx.term()")

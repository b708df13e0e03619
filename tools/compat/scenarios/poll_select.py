"""Poller and select, with zmq sockets, raw fds and objects with fileno(); zmq_poll."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, os, socket")
    c("ctx = zmq.Context()")
    c("a = ctx.socket(zmq.PAIR)")
    c("b = ctx.socket(zmq.PAIR)")
    c("a.linger = b.linger = 0")
    c("a.bind('inproc://poll')", norm="type")
    c("b.connect('inproc://poll')", norm="type")
    c("r_fd, w_fd = os.pipe()")
    c("rfile = os.fdopen(r_fd, 'rb', buffering=0)")
    c("wfile = os.fdopen(w_fd, 'wb', buffering=0)")
    c("sa, sb = socket.socketpair()")
    c("p = zmq.Poller()")
    c("p.register(a, zmq.POLLIN)")
    c("p.register(b)")
    c("p.register(rfile, zmq.POLLIN)")
    c("p.register(sa, zmq.POLLIN)")
    c("p.register(w_fd, zmq.POLLOUT)")
    c("len(p.sockets)")
    c("sorted(p.poll(0), key=repr)", norm="type")
    for timeout in c.inputs("poll_timeouts"):
        c(
            "[(type(k).__name__, e) for k, e in p.poll(timeout) if k is not b and k is not w_fd]",
            timeout=timeout,
        )
    c("wfile.write(b'x')")
    c("sb.send(b'y')")
    c("a.send(b'z')")
    c("ready = dict(p.poll(1000))")
    c("ready.get(rfile)")
    c("ready.get(r_fd)")
    c("ready.get(sa)")
    c("ready.get(sa.fileno())")
    c("ready.get(b)")
    c("ready.get(w_fd)")
    c("dict(p.poll(None)).get(b)")
    c("dict(p.poll(-1)).get(b)")
    c("p.modify(b, zmq.POLLIN)")
    c("p.modify(rfile, zmq.POLLOUT)")
    c("p.register(b, 0)")
    c("b in dict(p.sockets)")
    c("p.unregister(a)")
    c("p.unregister(a)")
    c("p.unregister(rfile)")
    c("p.register('x')")
    c("p.register(object())")
    c("p.register(a, 99)")
    c("p.register(-1)")
    c("p.poll('x')")
    c("p.poll(0)", norm="type")
    c("zmq.Poller().poll(0)")
    c("zmq.select([b], [], [], 1)")
    # reported in the order of set(rlist + wlist + xlist), as PyZMQ's: for objects
    # that is the order of their addresses, which differ between any two processes
    c(
        "[sorted(ready, key=lambda o: (type(o).__name__, o if type(o) is int else 0))"
        " for ready in zmq.select([b, rfile, r_fd], [a], [], 0.5)]"
    )
    c("[(len(r), len(w), len(x)) for r, w, x in [zmq.select([rfile], [wfile], [], 0)]]")
    c("zmq.select([], [], [], 0)")
    c("zmq.select([], [], [])")
    c("zmq.select([object()], [], [], 0)")
    c("zmq.select('x', [], [], 0)")
    c("zmq.zmq_poll([(b, zmq.POLLIN)], 100)")
    c("zmq.zmq_poll([(r_fd, zmq.POLLIN)], 0)")
    c("zmq.zmq_poll([(rfile, zmq.POLLIN)], 0)")
    c("zmq.zmq_poll([], 0)")
    c("zmq.zmq_poll([(b, zmq.POLLIN)], None)")
    c("zmq.zmq_poll([(object(), zmq.POLLIN)], 0)")
    c("zmq.zmq_poll('x', 0)")
    c("b.recv()")
    c("zmq.select([b], [], [], 0)")
    c("a.close()")
    c("zmq.zmq_poll([(a, zmq.POLLIN)], 0)")
    c("p2 = zmq.Poller()")
    c("p2.register(a, zmq.POLLIN)")
    c("p2.poll(0)")
    c("b.close(); rfile.close(); wfile.close(); sa.close(); sb.close(); ctx.term()")

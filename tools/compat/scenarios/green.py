"""zmq.green: the names, the constants, cooperative sockets, Poller, device, TIMEO warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import gevent, zmq, os")
    c("import zmq.green as gzmq")
    c("sorted(n for n in zmq.__all__ if not hasattr(gzmq, n))")
    c("gzmq.PUSH is zmq.PUSH")
    c("gzmq.RCVTIMEO is zmq.RCVTIMEO")
    c("(gzmq.Context is zmq.Context, issubclass(gzmq.Context, zmq.Context))")
    c("(gzmq.Socket is zmq.Socket, issubclass(gzmq.Socket, zmq.Socket))")
    c("ctx = gzmq.Context()")
    c("repr(ctx)")
    c("a = ctx.socket(gzmq.PAIR)")
    c("b = ctx.socket(gzmq.PAIR)")
    c("repr(a)")
    c("a.linger = b.linger = 0")
    c("a.bind('inproc://green')", norm="type")
    c("b.connect('inproc://green')", norm="type")
    c("g = gevent.spawn(b.recv)")
    c("a.send(b'cooperative')")
    c("g.get(timeout=3)")
    c("a.send_multipart([b'x', b'y'])")
    c("b.recv_multipart()")
    c("a.send_string('s')")
    c("b.recv_string()")
    c("a.send_json([1])")
    c("b.recv_json()")
    c("b.recv(gzmq.NOBLOCK)")
    c("b.rcvtimeo = 10")
    c("b.rcvtimeo")
    c("b.getsockopt(zmq.SNDTIMEO)")
    c("b.poll(10)")
    c("p = gzmq.Poller()")
    c("p.register(b, gzmq.POLLIN)")
    c("r_fd, w_fd = os.pipe()")
    c("p.register(r_fd, gzmq.POLLIN)")
    c("os.write(w_fd, b'x')")
    c("a.send(b'poll')")
    c("sorted(p.poll(1000), key=repr)")
    c("b.recv()")
    # (zmq.green.device runs a device forever on both sides: only its presence is compared)
    c("callable(gzmq.device)")
    c("gzmq.select([b], [], [], 0)")
    c("gzmq.Context.instance() is zmq.Context.instance()")
    c("type(gzmq.Context.instance())")
    c("gzmq.Context.instance().term()")
    c("import zmq.green.eventloop.ioloop, zmq.green.eventloop.zmqstream")
    c("zmq.green.eventloop.zmqstream.ZMQStream", norm="type")
    c("os.close(r_fd); os.close(w_fd)")
    c("a.close(); b.close(); ctx.term()")

"""zmq.eventloop.future: tornado-future flavour of Context, Socket and Poller."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


async def run(c: Steps) -> None:
    c("import zmq, asyncio, os")
    c("import zmq.eventloop.future as future")
    c("from zmq.eventloop.future import CancelledError")
    c("future.CancelledError", norm="type")
    c("ctx = future.Context()")
    c("a = ctx.socket(zmq.PAIR)")
    c("b = ctx.socket(zmq.PAIR)")
    c("type(a)")
    c("a.linger = b.linger = 0")
    c("a.bind('inproc://tf')", norm="type")
    c("b.connect('inproc://tf')", norm="type")
    c("f = a.send(b'x')")
    c("type(f)", norm="type")
    await c.a("await f")
    await c.a("await asyncio.wait_for(b.recv(), 3)")
    await c.a("await a.send_multipart([b'a', b'b'])")
    await c.a("await asyncio.wait_for(b.recv_multipart(), 3)")
    await c.a("await a.send_json([1])")
    await c.a("await asyncio.wait_for(b.recv_json(), 3)")
    c("f1 = b.recv()")
    c("f1.cancel()")
    await c.a("await f1")
    c("r_fd, w_fd = os.pipe()")
    c("os.write(w_fd, b'x')")
    c("p = future.Poller()")
    c("p.register(r_fd, zmq.POLLIN)")
    c("p.register(b, zmq.POLLIN)")
    await c.a("await asyncio.wait_for(p.poll(1000), 3)")
    c("os.close(r_fd); os.close(w_fd)")
    c("a.close(); b.close(); ctx.term()")

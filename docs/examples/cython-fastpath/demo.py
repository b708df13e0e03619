"""Use the compiled fastpath module on ordinary zmq sockets (build it first)."""

import fastpath

import zmq

with zmq.Context() as ctx, ctx.socket(zmq.PAIR) as a, ctx.socket(zmq.PAIR) as b:
    a.bind("inproc://fastpath")
    b.connect("inproc://fastpath")
    fastpath.send_raw(a, b"sent by zmq_send")
    print(f"received with Socket.recv: {b.recv()!r}")
    a.send(b"x" * 100_000)
    print(f"received a Frame of {fastpath.received_size(b)} bytes")
    with ctx.socket(zmq.PUSH) as lonely:
        try:
            fastpath.send_raw(lonely, b"nobody listens", zmq.DONTWAIT)
        except zmq.Again:
            print("no peer: zmq.Again")
    try:
        fastpath.send_raw(lonely, b"too late")
    except zmq.ZMQError as error:
        print(f"closed: errno {zmq.Errno(error.errno).name}")

"""zmq.devices: background devices in threads, their configuration, monitored_queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, zmq.devices as devices, threading")
    c("ctx = zmq.Context()")
    c("d = devices.ThreadDevice(zmq.QUEUE, zmq.ROUTER, zmq.DEALER)")
    c("(d.device_type, d.in_type, d.out_type, d.daemon)")
    c("port_in = d.bind_in_to_random_port('tcp://127.0.0.1')", norm="type")
    c("type(port_in)")
    c("d.bind_out('inproc://dev-out')")
    c("d.setsockopt_in(zmq.LINGER, 0)")
    c("d.setsockopt_out(zmq.LINGER, 0)")
    c("d.bind_in_to_random_port('tcp://127.0.0.1', 49152, 65536, 100)", norm="type")
    c(
        "d.bind_out_to_random_port('tcp://127.0.0.1', min_port=49152, max_port=65536, max_tries=100)",
        norm="type",
    )
    c("d.start()")
    c("type(d.context_factory())")
    c("req = zmq.Context.instance().socket(zmq.REQ)")
    c("rep = zmq.Context.instance().socket(zmq.REP)")
    c("req.linger = rep.linger = 0")
    c("req.rcvtimeo = rep.rcvtimeo = 3000")
    c("req.connect(f'tcp://127.0.0.1:{port_in}')", norm="type")
    c("rep.connect('inproc://dev-out')", norm="type")
    c("req.send(b'ping')")
    c("rep.recv()")
    c("rep.send(b'pong')")
    c("req.recv()")
    c("d.bind_in('inproc://late')")
    c("d.start()")
    c("req.close(); rep.close()")
    for args in [
        "zmq.PULL, zmq.PULL, zmq.PUSH",
        "zmq.STREAMER, zmq.PULL, zmq.PUSH",
        "zmq.FORWARDER, zmq.SUB, zmq.PUB",
        "9999, zmq.PULL, zmq.PUSH",
        "zmq.QUEUE, 'x', zmq.PUSH",
        "zmq.QUEUE",
    ]:
        c(f"x = devices.ThreadDevice({args})")
        c("(x.device_type, x.in_type, x.out_type)")
    # ports reserved in a range: the range's edges, empty and reversed ranges, bad addresses
    # (the two sides run at once: ranges are wide, or made of a port the system just gave)
    c("r = devices.ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)")
    c(
        "import socket\ndef free_port():\n    with socket.socket() as s:\n"
        "        s.bind(('127.0.0.1', 0))\n        return s.getsockname()[1]"
    )
    for method in ("bind_in_to_random_port", "bind_out_to_random_port"):
        for args in [
            "'tcp://127.0.0.1', 50000, 50520, 50",
            "'tcp://127.0.0.1', min_port=50000, max_port=50520",
            "'tcp://127.0.0.1', 50200, 50200",
            "'tcp://127.0.0.1', 50300, 50299",
            "'tcp://127.0.0.1', 50000, 50520, 0",
            "'tcp://127.0.0.1', 50000, 50520, -1",
            "'tcp://127.0.0.1', 50000.0, 50520",
            "'tcp://127.0.0.1', '50000', '50520'",
            "'tcp://not-an-ip', 50000, 50520, 2",
        ]:
            c(f"50000 <= r.{method}({args}) < 50520")
        for args in ["'tcp://127.0.0.1'", "'tcp://127.0.0.1', max_tries=5"]:
            c(f"r.{method}({args})", norm="type")
        for args in ["'inproc://nope'", "'not an address'", "b'tcp://127.0.0.1'", "None"]:
            c(f"r.{method}({args})")
        # a range of one port: given once, then taken
        c("p0 = free_port()", norm="type")
        c(f"r.{method}('tcp://127.0.0.1', p0, p0 + 1) == p0")
        c(f"r.{method}('tcp://127.0.0.1', p0, p0 + 1)")
    c("r.connect_in('tcp://127.0.0.1:1'); r.connect_out('inproc://r-out')")
    c("r.setsockopt_in(zmq.LINGER, 0); r.setsockopt_out(zmq.SNDHWM, 5)")
    c("r.launcher")
    c("r.join(0.01)")
    c("r.done")
    c("devices.Device(zmq.QUEUE, zmq.PULL)")
    c("devices.Device(in_type=zmq.PULL, out_type=zmq.PUSH).device_type")
    c("devices.ThreadDevice(zmq.QUEUE, zmq.PULL, -1).out_type")
    c("pr = devices.ThreadProxy(zmq.PULL, zmq.PUSH)")
    c("pr.mon_type")
    c("50000 <= pr.bind_mon_to_random_port('tcp://127.0.0.1', 50000, 50520) < 50520")
    c("pr.bind_mon_to_random_port('tcp://127.0.0.1', 50300, 50299)")
    c("st = devices.ThreadProxySteerable(zmq.PULL, zmq.PUSH)")
    c("(st.mon_type, st.ctrl_type)")
    c("50000 <= st.bind_ctrl_to_random_port('tcp://127.0.0.1', 50000, 50520) < 50520")
    c("st.bind_ctrl_to_random_port('not an address')")
    c("mq2 = devices.ThreadMonitoredQueue(zmq.PULL, zmq.PUSH, zmq.PUB)")
    c("(mq2.in_type, mq2.out_type, mq2.mon_type)")
    c("devices.Device(zmq.QUEUE, zmq.ROUTER, zmq.DEALER).run", norm="type")
    c("pd = devices.ProcessDevice(zmq.QUEUE, zmq.ROUTER, zmq.DEALER)")
    c("type(pd)")
    c("px = devices.ThreadProxy(zmq.PULL, zmq.PUSH, zmq.PUB)")
    c(
        "px.bind_in('inproc://px-in'); px.bind_out('inproc://px-out'); px.bind_mon('inproc://px-mon')"
    )
    c("px.connect_mon('inproc://nowhere')")
    c("px.setsockopt_mon(zmq.LINGER, 0)")
    c("px.start()")
    c("mq = devices.ThreadMonitoredQueue(zmq.PULL, zmq.PUSH, zmq.PUB, b'in', b'out')")
    c(
        "mq.bind_in('inproc://mq-in'); mq.bind_out('inproc://mq-out'); mq.bind_mon('inproc://mq-mon')"
    )
    c("mq.start()")
    c("ps = devices.ThreadProxySteerable(zmq.PULL, zmq.PUSH, zmq.PUB, zmq.PAIR)")
    c(
        "ps.bind_in('inproc://ps-in'); ps.bind_out('inproc://ps-out'); ps.bind_ctrl('inproc://ps-ctrl')"
    )
    c("ps.start()")
    c("push = zmq.Context.instance().socket(zmq.PUSH)")
    c("pull = zmq.Context.instance().socket(zmq.PULL)")
    c("ctrl = zmq.Context.instance().socket(zmq.PAIR)")
    c("for x in (push, pull, ctrl): x.linger = 0; x.rcvtimeo = 3000")
    c(
        "push.connect('inproc://ps-in'); pull.connect('inproc://ps-out'); ctrl.connect('inproc://ps-ctrl')",
        norm="type",
    )
    c("push.send(b'steer')")
    c("pull.recv()")
    c("ctrl.send(b'TERMINATE')")
    c("ps.join(5)")
    c("ps.done", norm="type")
    c("for x in (push, pull, ctrl): x.close()")
    c("in_s = ctx.socket(zmq.ROUTER); out_s = ctx.socket(zmq.DEALER); mon_s = ctx.socket(zmq.PUB)")
    c("devices.monitored_queue('x', out_s, mon_s)")
    c("devices.monitored_queue(in_s, out_s, mon_s, in_prefix='str')")
    c("for x in (in_s, out_s, mon_s): x.close()")
    c("ctx.term()")
    c("zmq.Context.instance().destroy(linger=0)")
    c("d.join(5)")

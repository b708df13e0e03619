"""End-to-end demo: real messages over real sockets, printed as they go.

The core's patterns first, then one runnable example of each other
distribution (docs/examples/, where the how-tos show them).
"""

from __future__ import annotations

import runpy
import threading
from pathlib import Path

import zmq
from zmq.utils.monitor import recv_monitor_message


def request_reply(ctx: zmq.Context) -> None:
    server = ctx.socket(zmq.REP)
    port = server.bind_to_random_port("tcp://127.0.0.1")
    client = ctx.socket(zmq.REQ)
    client.connect(f"tcp://127.0.0.1:{port}")

    def serve() -> None:
        for _ in range(3):
            question = server.recv_string()
            server.send_string(question.upper())

    worker = threading.Thread(target=serve)
    worker.start()
    for word in ("hello", "zero", "mq"):
        client.send_string(word)
        print(f"  REQ sent {word!r:8} -> REP answered {client.recv_string()!r}")
    worker.join()
    client.close()
    server.close()


def publish_subscribe(ctx: zmq.Context) -> None:
    publisher = ctx.socket(zmq.PUB)
    publisher.bind("inproc://weather")
    subscriber = ctx.socket(zmq.SUB)
    subscriber.connect("inproc://weather")
    subscriber.subscribe(b"paris")
    subscriber.rcvtimeo = 1000
    readings = [(b"paris", b"18C"), (b"oslo", b"3C"), (b"paris", b"19C")]
    for topic, reading in readings:
        publisher.send_multipart([topic, reading])
    for _ in range(2):
        topic, reading = subscriber.recv_multipart()
        print(f"  SUB subscribed to 'paris' got {topic.decode()}: {reading.decode()}")
    print("  (the 'oslo' reading was filtered out by the subscription)")
    subscriber.close()
    publisher.close()


def pipeline(ctx: zmq.Context) -> None:
    ventilator = ctx.socket(zmq.PUSH)
    port = ventilator.bind_to_random_port("tcp://127.0.0.1")
    monitor = ventilator.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    workers = [ctx.socket(zmq.PULL) for _ in range(2)]
    for worker in workers:
        worker.connect(f"tcp://127.0.0.1:{port}")
    # wait until both workers are connected, so that the tasks are shared out
    for _ in workers:
        event = recv_monitor_message(monitor)
        print(f"  monitor: {event['event'].name} from a worker")
    ventilator.disable_monitor()
    monitor.close()
    poller = zmq.Poller()
    for worker in workers:
        poller.register(worker, zmq.POLLIN)
    tasks = [f"task {i}".encode() for i in range(6)]
    for task in tasks:
        ventilator.send(task)
    done = {id(worker): [] for worker in workers}
    while sum(map(len, done.values())) < len(tasks):
        for worker, _event in poller.poll(1000):
            done[id(worker)].append(worker.recv().decode())
    for number, worker in enumerate(workers):
        print(f"  PULL worker {number} did {done[id(worker)]}")
        worker.close()
    ventilator.close()


EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
TOUR = [
    ("a background queue device (pyzmq-devices)", "device.py"),
    ("CURVE encryption with an authenticator (pyzmq-auth)", "curve_auth.py"),
    ("asyncio sockets (pyzmq-core's zmq.asyncio)", "asyncio_reqrep.py"),
    ("gevent-cooperative sockets (pyzmq-green)", "gevent_reqrep.py"),
    ("logging over PUB/SUB with the subscriber command (pyzmq-log)", "log_publisher.py"),
]


def tour_of_the_distributions() -> None:
    for title, script in TOUR:
        print(f"{title}:")
        runpy.run_path(str(EXAMPLES / script), run_name="__main__")


def main() -> None:
    print(f"zmq {zmq.__version__} on libzmq {zmq.zmq_version()}")
    with zmq.Context() as ctx:
        ctx.linger = 0
        print("request/reply over tcp:")
        request_reply(ctx)
        print("publish/subscribe with topics over inproc:")
        publish_subscribe(ctx)
        print("push/pull pipeline over tcp, with a poller:")
        pipeline(ctx)
    tour_of_the_distributions()
    print("demo finished: every message went through real libzmq sockets")


if __name__ == "__main__":
    main()

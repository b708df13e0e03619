"""monitored_queue: a queue device that also copies every message to a monitor."""

import zmq
from zmq.devices import ThreadMonitoredQueue


def main() -> None:
    ctx = zmq.Context.instance()  # the device's context too
    # The monitor is a PUSH socket here, so that no copy is lost; a PUB monitor
    # (the default) drops copies until its subscribers' subscriptions arrive.
    queue = ThreadMonitoredQueue(zmq.ROUTER, zmq.DEALER, zmq.PUSH, b"request", b"reply")
    front = queue.bind_in_to_random_port("tcp://127.0.0.1")
    back = queue.bind_out_to_random_port("tcp://127.0.0.1")
    mon = queue.bind_mon_to_random_port("tcp://127.0.0.1")
    queue.start()

    client, server, monitor = (ctx.socket(t) for t in (zmq.REQ, zmq.REP, zmq.PULL))
    with client, server, monitor:
        for socket in (client, server, monitor):
            socket.rcvtimeo = 5000
        client.connect(f"tcp://127.0.0.1:{front}")
        server.connect(f"tcp://127.0.0.1:{back}")
        monitor.connect(f"tcp://127.0.0.1:{mon}")

        client.send(b"ping")
        server.send(server.recv() + b" pong")
        print(f"client got {client.recv()!r}")
        for _ in range(2):
            prefix, *parts = monitor.recv_multipart()
            # parts start with the routing envelope that ROUTER/DEALER add
            print(f"monitor saw a {prefix.decode()}: {parts[-1]!r} ({len(parts)} parts)")

    ctx.term()  # stops the device
    queue.join(timeout=5)
    print(f"queue stopped: {queue.done}")


if __name__ == "__main__":
    main()

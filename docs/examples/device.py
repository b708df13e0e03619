"""A background device: a QUEUE in a thread shares clients' requests among workers."""

import threading

import zmq
from zmq.devices import ThreadDevice


def worker(ctx: zmq.Context, url: str, name: str, ready: threading.Event) -> None:
    with ctx.socket(zmq.REP) as socket:
        socket.connect(url)
        ready.set()
        try:
            while True:
                request = socket.recv_string()
                socket.send_string(f"{request} done by {name}")
        except zmq.ContextTerminated:
            pass  # the end of the program terminates the context


def main() -> None:
    ctx = zmq.Context.instance()  # the device uses it too (Device.context_factory)
    device = ThreadDevice(zmq.QUEUE, zmq.ROUTER, zmq.DEALER)
    clients_port = device.bind_in_to_random_port("tcp://127.0.0.1")
    workers_port = device.bind_out_to_random_port("tcp://127.0.0.1")
    device.start()  # returns once the device's sockets are bound
    print("device started: ROUTER for clients, DEALER for workers")

    ready = [threading.Event(), threading.Event()]
    workers = [
        threading.Thread(target=worker, args=(ctx, f"tcp://127.0.0.1:{workers_port}", name, event))
        for name, event in zip(("worker-a", "worker-b"), ready)
    ]
    for thread in workers:
        thread.start()
    # each worker has its socket before the context can be terminated below
    for event in ready:
        event.wait(timeout=5)

    replies = []
    with ctx.socket(zmq.REQ) as client:
        client.rcvtimeo = 5000
        client.connect(f"tcp://127.0.0.1:{clients_port}")
        for number in range(4):
            client.send_string(f"job {number}")
            replies.append(client.recv_string())
    for reply in replies:
        print(f"client got: {reply}")

    # terminating the context stops the device and the workers, which close
    # their sockets; term() returns when every socket is closed
    ctx.term()
    device.join(timeout=5)
    for thread in workers:
        thread.join(timeout=5)
    print(f"device stopped: {device.done}")


if __name__ == "__main__":
    main()

"""gevent: zmq.green sockets block only the greenlet that waits on them."""

import gevent

import zmq.green as zmq


def serve(server: zmq.Socket, count: int) -> None:
    for _ in range(count):
        request = server.recv_string()
        gevent.sleep(0.05)  # stands for some work; other greenlets run meanwhile
        server.send_string(request.upper())


def ask(ctx: zmq.Context, url: str, name: str) -> str:
    with ctx.socket(zmq.REQ) as client:
        client.connect(url)
        client.send_string(f"hello from {name}")
        return client.recv_string()


def main() -> None:
    ticks = 0

    def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            gevent.sleep(0.01)

    with zmq.Context() as ctx, ctx.socket(zmq.REP) as server:
        url = f"tcp://127.0.0.1:{server.bind_to_random_port('tcp://127.0.0.1')}"
        names = ["dan", "eve", "fay"]
        beating = gevent.spawn(heartbeat)
        serving = gevent.spawn(serve, server, len(names))
        asking = [gevent.spawn(ask, ctx, url, name) for name in names]
        # bounded: raises gevent.Timeout if anything is still waiting after 5 s
        with gevent.Timeout(5):
            gevent.joinall([serving, *asking], raise_error=True)
        beating.kill()
        for name, greenlet in zip(names, asking):
            print(f"{name} got {greenlet.value!r}")
        print(f"the heartbeat greenlet ran while the others waited: {ticks > 0}")


if __name__ == "__main__":
    main()

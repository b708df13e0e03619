"""Request/reply: a REP server in a thread answers a REQ client over TCP."""

import threading

import zmq


def serve(ctx: zmq.Context, url: str, count: int) -> None:
    with ctx.socket(zmq.REP) as server:
        server.connect(url)
        for _ in range(count):
            name = server.recv_string()
            server.send_string(f"hello, {name}")


def main() -> None:
    with zmq.Context() as ctx, ctx.socket(zmq.REQ) as client:
        # a reply that never comes raises zmq.Again instead of waiting forever
        client.rcvtimeo = 5000
        # either side may bind: here the client does, and the server connects
        port = client.bind_to_random_port("tcp://127.0.0.1")
        names = ["alice", "bob", "carol"]
        server = threading.Thread(target=serve, args=(ctx, f"tcp://127.0.0.1:{port}", len(names)))
        server.start()
        for name in names:
            client.send_string(name)
            print(f"sent {name!r}, got {client.recv_string()!r}")
        server.join()


if __name__ == "__main__":
    main()

"""asyncio: a server and clients as coroutines on one event loop, with zmq.asyncio."""

import asyncio

import zmq
import zmq.asyncio


async def server(socket: zmq.asyncio.Socket, count: int) -> None:
    for _ in range(count):
        # ROUTER: each request comes with the identity of the client that sent it
        identity, empty, request = await socket.recv_multipart()
        await socket.send_multipart([identity, empty, request.upper()])


async def client(ctx: zmq.asyncio.Context, url: str, name: str) -> str:
    with ctx.socket(zmq.REQ) as socket:
        socket.connect(url)
        await socket.send_string(f"hello from {name}")
        # wait_for bounds the wait; cancelling a recv loses no later message
        return await asyncio.wait_for(socket.recv_string(), timeout=5)


async def main() -> None:
    with zmq.asyncio.Context() as ctx, ctx.socket(zmq.ROUTER) as router:
        url = f"tcp://127.0.0.1:{router.bind_to_random_port('tcp://127.0.0.1')}"
        names = ["ann", "ben", "cid"]
        serving = asyncio.create_task(server(router, len(names)))
        replies = await asyncio.gather(*(client(ctx, url, name) for name in names))
        await serving
    for name, reply in zip(names, replies):
        print(f"{name} got {reply!r}")


if __name__ == "__main__":
    asyncio.run(main())

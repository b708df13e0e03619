"""zmq.asyncio's classes as annotations, reached through the package."""

from __future__ import annotations

import zmq
import zmq.asyncio


class Echo:
    socket: zmq.asyncio.Socket

    def __init__(self, context: zmq.asyncio.Context) -> None:
        self.socket = context.socket(zmq.ROUTER)

    async def serve_one(self) -> None:
        message = await self.socket.recv_multipart()
        await self.socket.send_multipart(message)


async def poll_once(poller: zmq.asyncio.Poller, sock: zmq.asyncio.Socket) -> bool:
    events = dict(await poller.poll(0))
    return sock in events

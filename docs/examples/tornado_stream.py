"""tornado: ZMQStream calls you back for each message, on tornado's IOLoop."""

import asyncio

from tornado.ioloop import IOLoop

import zmq
from zmq.eventloop.zmqstream import ZMQStream


async def main() -> None:
    ctx = zmq.Context()
    ctx.linger = 0
    server = ctx.socket(zmq.REP)
    url = f"tcp://127.0.0.1:{server.bind_to_random_port('tcp://127.0.0.1')}"
    client = ctx.socket(zmq.REQ)
    client.connect(url)

    server_stream = ZMQStream(server)
    client_stream = ZMQStream(client)
    answers: list[str] = []
    finished = asyncio.Event()

    def on_request(message: list[bytes]) -> None:
        server_stream.send_multipart([b"echo: " + message[0]])

    def on_reply(message: list[bytes]) -> None:
        answers.append(message[0].decode())
        if len(answers) < 3:
            client_stream.send_string(f"question {len(answers)}")
        else:
            finished.set()

    server_stream.on_recv(on_request)
    client_stream.on_recv(on_reply)
    client_stream.send_string("question 0")
    await asyncio.wait_for(finished.wait(), timeout=5)

    for answer in answers:
        print(f"client got {answer!r}")
    print(f"served by tornado's IOLoop: {type(IOLoop.current()).__name__}")
    client_stream.close()
    server_stream.close()
    ctx.term()


if __name__ == "__main__":
    asyncio.run(main())

"""Typical request/reply code, type-checked with mypy --strict."""

import zmq


def serve_once(ctx: zmq.Context[zmq.Socket[bytes]], url: str) -> str:
    server = ctx.socket(zmq.REP)
    server.linger = 0
    server.bind(url)
    request: bytes = server.recv()
    server.send(request.upper())
    reply = server.recv_string(zmq.NOBLOCK) if server.poll(0) else ""
    server.close()
    return reply


def ask(url: str) -> bytes:
    ctx = zmq.Context()
    client = ctx.socket(zmq.REQ)
    client.setsockopt(zmq.LINGER, 0)
    client.rcvtimeo = 1000
    with client.connect(url):
        client.send(b"hello")
        try:
            return client.recv()
        except zmq.Again:
            return b""
        finally:
            ctx.destroy()

"""Tests of a small echo service, with the fixtures of zmq.testing."""

from __future__ import annotations

from typing import Any

import pytest

import zmq
from zmq.testing import bind_tcp


def echo(sock: zmq.Socket[Any], count: int) -> None:
    """The code under test: send back the next ``count`` messages, whole."""
    for _ in range(count):
        sock.send_multipart(sock.recv_multipart())


def test_echo_keeps_the_parts(pair):
    server, client = pair()  # two PAIR sockets over inproc
    client.send_multipart([b"several", b"parts"])
    echo(server, 1)
    assert client.recv_multipart() == [b"several", b"parts"]


def test_echo_over_tcp(socket):
    server = socket(zmq.ROUTER)
    client = socket(zmq.DEALER)
    client.connect(bind_tcp(server))
    client.send(b"hello")
    echo(server, 1)  # the ROUTER sends the reply back to its sender
    assert client.recv() == b"hello"  # a broken echo fails here within 10 s


@pytest.mark.zmq_implementations
def test_echo_on_each_implementation(zmq, pair):
    # with pyzmq-green installed, this runs again on zmq.green's sockets
    server, client = pair(zmq.DEALER, zmq.DEALER, "tcp")
    client.send(b"ping")
    echo(server, 1)
    assert client.recv() == b"ping"

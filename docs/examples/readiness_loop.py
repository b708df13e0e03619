"""zmq sockets in an event loop of your own, through zmq.integration.

``Loop`` stands for the event loop you integrate: it already knows how to
watch a file descriptor and how to run a callback soon, from any thread.
The integration is the rest: a waiter, and the few lines that give the
socket's readiness to the loop.
"""

from __future__ import annotations

import os
import selectors
import threading
from collections import deque
from typing import Callable

import zmq
from zmq.integration import Readiness, readiness_fd


class Loop:
    """A minimal event loop: readers on file descriptors, callbacks from any thread."""

    def __init__(self) -> None:
        self.selector = selectors.DefaultSelector()
        self.callbacks: deque[Callable[[], object]] = deque()
        self.wakeup, self.wake = os.pipe()
        self.add_reader(self.wakeup, lambda: os.read(self.wakeup, 4096))

    def add_reader(self, fd: int, callback: Callable[[], object]) -> None:
        self.selector.register(fd, selectors.EVENT_READ, callback)

    def remove_reader(self, fd: int) -> None:
        self.selector.unregister(fd)

    def call_soon_threadsafe(self, callback: Callable[[], object]) -> None:
        self.callbacks.append(callback)
        os.write(self.wake, b"!")

    def run_until(self, done: Callable[[], bool]) -> None:
        while not done():
            for key, _ in self.selector.select(0 if self.callbacks else None):
                key.data()
            while self.callbacks:
                self.callbacks.popleft()()

    def close(self) -> None:
        self.selector.close()
        os.close(self.wakeup)
        os.close(self.wake)


class Receive:
    """A waiter: receives one message, for a callback."""

    def __init__(self, socket: zmq.Socket[bytes], callback: Callable[[bytes], object]) -> None:
        self.socket = socket
        self.callback = callback

    def serve(self, events: int) -> bool:
        try:
            message = self.socket.recv(zmq.DONTWAIT)
        except zmq.Again:
            return False  # not there after all: wait on
        self.callback(message)
        return True


def watch(loop: Loop, socket: zmq.Socket[bytes]) -> Readiness:
    """Serve ``socket``'s waiters in ``loop``."""
    fd = readiness_fd(socket)
    readiness = Readiness(socket, loop.call_soon_threadsafe, lambda: loop.remove_reader(fd))
    loop.add_reader(fd, readiness.look)
    readiness.schedule()  # what arrived before the loop watched signals nothing
    return readiness


def recv(readiness: Readiness, callback: Callable[[bytes], object]) -> None:
    """Receive a message now if one is there and nobody waits before us; else when it comes."""
    socket = readiness.socket
    if not readiness.queue(zmq.POLLIN):
        try:
            message = socket.recv(zmq.DONTWAIT)
        except zmq.Again:
            pass
        else:
            callback(message)
            return
    readiness.wait(Receive(socket, callback), zmq.POLLIN)


def main() -> None:
    ctx = zmq.Context()
    pull = ctx.socket(zmq.PULL)
    push = ctx.socket(zmq.PUSH)
    port = pull.bind_to_random_port("tcp://127.0.0.1")
    push.connect(f"tcp://127.0.0.1:{port}")
    loop = Loop()
    readiness = watch(loop, pull)
    received: list[bytes] = []

    def got(message: bytes) -> None:
        print(f"received {message.decode()}")
        received.append(message)
        if len(received) < 3:
            recv(readiness, got)

    def send() -> None:  # in another thread, while the loop waits
        for i in range(3):
            push.send(b"hello %d" % i)

    recv(readiness, got)
    sender = threading.Thread(target=send)
    sender.start()
    loop.run_until(lambda: len(received) == 3)
    sender.join()
    loop.remove_reader(readiness_fd(pull))  # before closing: the FD goes with the socket
    pull.close()
    push.close()
    ctx.term()
    loop.close()


if __name__ == "__main__":
    main()

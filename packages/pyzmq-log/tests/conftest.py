"""Fixtures for pyzmq-log's tests: real sockets, handlers, loggers and subprocesses,
always cleaned up."""

from __future__ import annotations

import logging
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import zmq
from zmq.log.handlers import PUBHandler
from zmq.testing import TEST_TIMEOUT_MS, TEST_TIMEOUT_S

_SYNC_TOPIC = b"test-sync"


@pytest.fixture
def subscriber(context: zmq.Context[Any]) -> Callable[[str], zmq.Socket[Any]]:
    """Make SUB sockets connected to an address, subscribed to every topic."""

    def make(address: str) -> zmq.Socket[Any]:
        sub: zmq.Socket[Any] = context.socket(zmq.SUB)
        sub.rcvtimeo = TEST_TIMEOUT_MS
        sub.subscribe(b"")
        sub.connect(address)
        return sub

    return make


def _wait_until_subscribed(pub: zmq.Socket[Any], sub: zmq.Socket[Any]) -> None:
    """Return once messages sent on ``pub`` reach ``sub``, with nothing left to read.

    Subscriptions take effect some time after connecting, so send probes until
    one arrives, then a last marker: everything before it is then read.
    """
    deadline = time.monotonic() + TEST_TIMEOUT_S
    while not sub.poll(20):
        assert time.monotonic() < deadline, "the subscriber never received a probe"
        pub.send_multipart([_SYNC_TOPIC, b"probe"])
    pub.send_multipart([_SYNC_TOPIC, b"last"])
    while sub.recv_multipart() != [_SYNC_TOPIC, b"last"]:
        pass


@pytest.fixture
def notice_level(monkeypatch: pytest.MonkeyPatch) -> int:
    """A custom level, 25, named NOTICE for this test only."""
    # logging can register a level name but not remove one: undo it by hand
    monkeypatch.setitem(logging._levelToName, 25, "NOTICE")
    monkeypatch.setitem(logging._nameToLevel, "NOTICE", 25)
    return 25


@pytest.fixture
def wait_until_subscribed() -> Callable[[zmq.Socket[Any], zmq.Socket[Any]], None]:
    """``wait_until_subscribed(pub, sub)``: return once what ``pub`` sends reaches ``sub``."""
    return _wait_until_subscribed


@dataclass
class Published:
    """A logger whose records a PUBHandler publishes to a subscriber."""

    logger: logging.Logger
    handler: PUBHandler
    sub: zmq.Socket[Any]

    def recv(self) -> list[bytes]:
        """The next record received: ``[topic, message]``."""
        frames: list[bytes] = self.sub.recv_multipart()
        return frames

    def nothing_left(self) -> bool:
        """Whether every record published so far has been received."""
        return not self.sub.poll(100)


@pytest.fixture
def logger(request: pytest.FixtureRequest) -> Iterator[logging.Logger]:
    """A logger of its own for the test, passing every level, not propagating."""
    log = logging.getLogger(f"test.{request.node.name}")
    log.setLevel(logging.DEBUG)
    log.propagate = False
    yield log
    for handler in list(log.handlers):
        log.removeHandler(handler)


@pytest.fixture
def published(
    context: zmq.Context[Any],
    subscriber: Callable[[str], zmq.Socket[Any]],
    logger: logging.Logger,
) -> Iterator[Published]:
    """A PUBHandler on a PUB socket bound to tcp, added to ``logger``, with a
    subscriber that already receives."""
    pub: zmq.Socket[Any] = context.socket(zmq.PUB)
    port = pub.bind_to_random_port("tcp://127.0.0.1")
    sub = subscriber(f"tcp://127.0.0.1:{port}")
    _wait_until_subscribed(pub, sub)
    handler = PUBHandler(pub)
    logger.addHandler(handler)
    yield Published(logger, handler, sub)
    handler.close()


class LogCommand:
    """A running ``python -m zmq.log``, whose output is read line by line."""

    def __init__(self, *args: str) -> None:
        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "zmq.log", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self._buffer = b""

    def read_line(self) -> str:
        """The next line printed, without its line break; fails after a timeout."""
        assert self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + TEST_TIMEOUT_S
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                assert left > 0 and selector.select(left), f"no line printed: {self._buffer!r}"
                chunk = os.read(self.process.stdout.fileno(), 4096)
                assert chunk, f"the command ended: {self.finish()}"
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode()

    def read_lines_until(self, last: str) -> list[str]:
        """The lines printed up to the first that ends with ``last`` (or, for an
        error, with ``last - None``, PyZMQ's format), included."""
        lines = [self.read_line()]
        while not lines[-1].endswith((last, f"{last} - None")):
            lines.append(self.read_line())
        return lines

    def interrupt(self) -> tuple[int, str]:
        """Press Ctrl-C; return the exit status and what went to stderr."""
        self.process.send_signal(signal.SIGINT)
        return self.finish()

    def finish(self) -> tuple[int, str]:
        """Wait for the command to end; return its exit status and stderr."""
        _, stderr = self.process.communicate(timeout=TEST_TIMEOUT_S)
        return self.process.returncode, stderr.decode()

    def stop(self) -> None:
        """End the command if it still runs, and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


@pytest.fixture
def log_command() -> Iterator[Callable[..., LogCommand]]:
    """Start ``python -m zmq.log`` with the given arguments; stopped after the test."""
    started: list[LogCommand] = []

    def start(*args: str) -> LogCommand:
        command = LogCommand(*args)
        started.append(command)
        return command

    yield start
    for command in started:
        command.stop()


@pytest.fixture
def xpub(context: zmq.Context[Any]) -> tuple[zmq.Socket[Any], str]:
    """An XPUB socket bound to tcp, and its address.

    It receives the subscriptions of its subscribers, so a test can wait
    until a subscriber's subscription is in effect instead of guessing.
    """
    sock: zmq.Socket[Any] = context.socket(zmq.XPUB)
    sock.rcvtimeo = TEST_TIMEOUT_MS
    port = sock.bind_to_random_port("tcp://127.0.0.1")
    return sock, f"tcp://127.0.0.1:{port}"

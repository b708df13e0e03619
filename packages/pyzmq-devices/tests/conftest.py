"""Fixtures for zmq.devices' tests, besides zmq.testing's (``context``, ``socket``...):
connected peers, and devices always stopped after a test."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import zmq
from zmq.devices import ProcessDevice

#: seconds a stopping device may take before the test fails
STOP_TIMEOUT = 10.0


@pytest.fixture
def peer(socket: Callable[..., zmq.Socket[Any]]) -> Callable[..., zmq.Socket[Any]]:
    """Make a socket (as ``socket`` does) connected to ``addr``."""

    def make(socket_type: int, addr: str, **options: Any) -> zmq.Socket[Any]:
        sock = socket(socket_type, **options)
        sock.connect(addr)
        return sock

    return make


class Devices:
    """Makes a test's devices, and stops them all after it.

    Thread devices get contexts of their own, whose termination stops them
    (the device closes its sockets, which lets the termination finish);
    process devices are terminated.
    """

    def __init__(self) -> None:
        self.contexts: list[zmq.Context[Any]] = []
        self.devices: list[Any] = []

    def context(self) -> zmq.Context[Any]:
        """A ``context_factory``: a fresh context, terminated after the test."""
        ctx: zmq.Context[Any] = zmq.Context()
        ctx.linger = 0  # the devices' sockets drop what they could not deliver
        self.contexts.append(ctx)
        return ctx

    def thread(self, cls: type[Any], *args: Any, **kwargs: Any) -> Any:
        """A thread device (or a Device run by the test) with a context of its own."""
        device = cls(*args, **kwargs)
        device.context_factory = self.context
        self.devices.append(device)
        return device

    def process(self, cls: type[ProcessDevice], *args: Any, **kwargs: Any) -> Any:
        """A process device."""
        device = cls(*args, **kwargs)
        self.devices.append(device)
        return device

    def stop(self) -> list[Any]:
        """Stop every device, and return those still running after STOP_TIMEOUT."""
        for ctx in self.contexts:
            ctx.term()
        launchers = [getattr(device, "launcher", None) for device in self.devices]
        for device, launcher in zip(self.devices, launchers):
            if isinstance(device, ProcessDevice) and launcher is not None:
                launcher.terminate()
        running = []
        for device, launcher in zip(self.devices, launchers):
            if launcher is not None:
                launcher.join(STOP_TIMEOUT)
                if launcher.is_alive():
                    running.append(device)
        return running


@pytest.fixture
def devices() -> Iterator[Devices]:
    """Make devices that are stopped and joined after the test."""
    made = Devices()
    yield made
    running = made.stop()
    assert not running, f"devices still running after the test: {running}"


@pytest.fixture(params=["default", "spawn"])
def start_method(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test with multiprocessing's default start method, then with 'spawn'."""
    previous = multiprocessing.get_start_method(allow_none=True)
    if request.param != "default":
        multiprocessing.set_start_method(request.param, force=True)
    yield request.param
    multiprocessing.set_start_method(previous, force=True)


@pytest.fixture
def tcp() -> Callable[..., list[str]]:
    """Bind sides of a device to random ports of 127.0.0.1; return their addresses."""

    def bind(device: Any, *sides: str) -> list[str]:
        return [
            f"tcp://127.0.0.1:{getattr(device, f'bind_{side}_to_random_port')('tcp://127.0.0.1')}"
            for side in sides
        ]

    return bind

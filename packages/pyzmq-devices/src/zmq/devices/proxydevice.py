"""Proxy, ThreadProxy and ProcessProxy: devices running zmq.proxy, with a monitor socket."""

from __future__ import annotations

from typing import Any

import zmq
from zmq.devices.basedevice import Device, ProcessDevice, ThreadDevice

__all__ = ["ProcessProxy", "Proxy", "ThreadProxy"]


class ProxyBase(Device):
    """The monitor socket of the proxy devices, which gets a copy of every message."""

    def __init__(self, in_type: int, out_type: int, mon_type: int | None = zmq.PUB) -> None:
        super().__init__(zmq.QUEUE, in_type, out_type)
        self.mon_type = self._add_socket("mon", mon_type)

    def bind_mon(self, addr: str) -> None:
        """Bind the monitor socket to ``addr`` when the device starts."""
        self._plan("mon").binds.append(addr)

    def connect_mon(self, addr: str) -> None:
        """Connect the monitor socket to ``addr`` when the device starts."""
        self._plan("mon").connects.append(addr)

    def setsockopt_mon(self, opt: int, value: Any) -> None:
        """Set an option of the monitor socket when the device starts."""
        self._plan("mon").sockopts.append((opt, value))

    def bind_mon_to_random_port(
        self, addr: str, min_port: int = 49152, max_port: int = 65536, max_tries: int = 100
    ) -> int:
        """bind_mon_to_random_port(addr, min_port=49152, max_port=65536, max_tries=100)

        Choose a free port of ``addr`` now, for the monitor socket to bind
        when the device starts.

        Returns
        -------
        int
            The port.

        Raises
        ------
        zmq.ZMQBindError
            If no port of the range was free in ``max_tries`` tries.
        """
        return self._bind_to_random_port("mon", addr, min_port, max_port, max_tries)

    def run_device(self) -> None:
        ins, outs, mons = self._setup_sockets()
        zmq.proxy(ins, outs, mons)


class Proxy(ProxyBase, Device):
    """Proxy(in_type, out_type, mon_type=PUB)

    A device running :func:`zmq.proxy` in the thread that starts it: the
    monitor socket gets a copy of every message forwarded. ``mon_type=None``
    leaves the monitor socket out.
    """


class ThreadProxy(ProxyBase, ThreadDevice):
    """ThreadProxy(in_type, out_type, mon_type=PUB)

    A :class:`Proxy` that runs in a thread (see :class:`ThreadDevice`).
    """


class ProcessProxy(ProxyBase, ProcessDevice):
    """ProcessProxy(in_type, out_type, mon_type=PUB)

    A :class:`Proxy` that runs in a process of its own (see :class:`ProcessDevice`).
    """

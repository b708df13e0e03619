"""ProxySteerable and its thread and process versions: proxies with a control socket."""

from __future__ import annotations

from typing import Any

import zmq
from zmq.devices.proxydevice import ProcessProxy, Proxy, ProxyBase, ThreadProxy

__all__ = ["ProcessProxySteerable", "ProxySteerable", "ThreadProxySteerable"]


class ProxySteerableBase(ProxyBase):
    """The control socket of the steerable proxies.

    It takes the commands of :func:`zmq.proxy_steerable`: ``PAUSE``,
    ``RESUME``, ``TERMINATE`` (the device then stops) and ``STATISTICS``.
    """

    def __init__(
        self,
        in_type: int,
        out_type: int,
        mon_type: int | None = zmq.PUB,
        ctrl_type: int | None = None,
    ) -> None:
        super().__init__(in_type, out_type, mon_type)
        self.ctrl_type = self._add_socket("ctrl", ctrl_type)

    def bind_ctrl(self, addr: str) -> None:
        """Bind the control socket to ``addr`` when the device starts."""
        self._plan("ctrl").binds.append(addr)

    def connect_ctrl(self, addr: str) -> None:
        """Connect the control socket to ``addr`` when the device starts."""
        self._plan("ctrl").connects.append(addr)

    def setsockopt_ctrl(self, opt: int, value: Any) -> None:
        """Set an option of the control socket when the device starts."""
        self._plan("ctrl").sockopts.append((opt, value))

    def bind_ctrl_to_random_port(
        self, addr: str, min_port: int = 49152, max_port: int = 65536, max_tries: int = 100
    ) -> int:
        """bind_ctrl_to_random_port(addr, min_port=49152, max_port=65536, max_tries=100)

        Choose a free port of ``addr`` now, for the control socket to bind
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
        return self._bind_to_random_port("ctrl", addr, min_port, max_port, max_tries)

    def run_device(self) -> None:
        ins, outs, mons, ctrls = self._setup_sockets()
        zmq.proxy_steerable(ins, outs, mons, ctrls)


class ProxySteerable(ProxySteerableBase, Proxy):
    """ProxySteerable(in_type, out_type, mon_type=PUB, ctrl_type=None)

    A device running :func:`zmq.proxy_steerable` in the thread that starts
    it. Without ``ctrl_type`` it has no control socket, and runs like a
    :class:`Proxy`.
    """


class ThreadProxySteerable(ProxySteerableBase, ThreadProxy):
    """ThreadProxySteerable(in_type, out_type, mon_type=PUB, ctrl_type=None)

    A :class:`ProxySteerable` that runs in a thread (see :class:`ThreadDevice`).
    """


class ProcessProxySteerable(ProxySteerableBase, ProcessProxy):
    """ProcessProxySteerable(in_type, out_type, mon_type=PUB, ctrl_type=None)

    A :class:`ProxySteerable` that runs in a process of its own (see
    :class:`ProcessDevice`).
    """

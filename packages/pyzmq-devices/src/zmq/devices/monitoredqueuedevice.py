"""MonitoredQueue and its thread and process versions: devices running monitored_queue."""

from __future__ import annotations

import zmq
from zmq.devices._queuerules import warn_prefix, warn_socket_types
from zmq.devices.basedevice import _is_shared_side
from zmq.devices.monitoredqueue import monitored_queue
from zmq.devices.proxydevice import ProcessProxy, Proxy, ProxyBase, ThreadProxy

__all__ = ["MonitoredQueue", "ProcessMonitoredQueue", "ThreadMonitoredQueue"]


class MonitoredQueueBase(ProxyBase):
    """The prefixes of the monitored queues, and their device: :func:`monitored_queue`."""

    def __init__(
        self,
        in_type: int,
        out_type: int,
        mon_type: int = zmq.PUB,
        in_prefix: bytes = b"in",
        out_prefix: bytes = b"out",
    ) -> None:
        if mon_type is None:
            raise TypeError("mon_type must be specified: a monitored queue needs its monitor")
        super().__init__(in_type, out_type, mon_type)
        out_side = self.in_type if _is_shared_side(self.out_type) else self.out_type
        # PyZMQ takes them here, and fails where the device runs
        warn_socket_types(self.in_type, out_side, mon_type)
        warn_prefix(in_prefix, "in_prefix")
        warn_prefix(out_prefix, "out_prefix")
        self._in_prefix = in_prefix
        self._out_prefix = out_prefix

    def run_device(self) -> None:
        ins, outs, mons = self._setup_sockets()
        monitored_queue(ins, outs, mons, self._in_prefix, self._out_prefix)


class MonitoredQueue(MonitoredQueueBase, Proxy):
    """MonitoredQueue(in_type, out_type, mon_type=PUB, in_prefix=b'in', out_prefix=b'out')

    A device running :func:`monitored_queue` in the thread that starts it:
    the monitor socket gets ``[in_prefix, *parts]`` for each message from
    the in socket, and ``[out_prefix, *parts]`` for each from the out socket.
    """


class ThreadMonitoredQueue(MonitoredQueueBase, ThreadProxy):
    """ThreadMonitoredQueue(in_type, out_type, mon_type=PUB, in_prefix=b'in', out_prefix=b'out')

    A :class:`MonitoredQueue` that runs in a thread (see :class:`ThreadDevice`).
    """


class ProcessMonitoredQueue(MonitoredQueueBase, ProcessProxy):
    """ProcessMonitoredQueue(in_type, out_type, mon_type=PUB, in_prefix=b'in', out_prefix=b'out')

    A :class:`MonitoredQueue` that runs in a process of its own (see
    :class:`ProcessDevice`).
    """

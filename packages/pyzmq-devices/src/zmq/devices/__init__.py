"""zmq.devices: background devices, steerable proxies and monitored queues.

A device forwards messages between two sockets. The classes here make the
sockets and run the device in the calling thread (``Device``), in a thread
(``ThreadDevice``) or in a process of its own (``ProcessDevice``)::

    from zmq.devices import ThreadDevice

    device = ThreadDevice(zmq.QUEUE, zmq.ROUTER, zmq.DEALER)
    device.bind_in("tcp://127.0.0.1:5555")
    device.bind_out("tcp://127.0.0.1:5556")
    device.start()

Part of the pyzmq-devices distribution, which installs into the ``zmq``
package of ``pyzmq-core``.
"""

try:
    from zmq import Context as _Context  # noqa: F401
except ImportError as _error:  # zmq is then an empty namespace: the core is missing
    raise ImportError(
        "zmq.devices needs the pyzmq-core distribution; install it with 'pip install pyzmq-core'"
    ) from _error

__version__ = "0.1.0"

# PyZMQ has these here too (not in __all__), and its users may import them from here
from zmq import DeviceType, proxy  # noqa: F401

# importing the classes makes the submodules (basedevice, proxydevice,
# proxysteerabledevice, monitoredqueue, monitoredqueuedevice) attributes too
from zmq.devices.basedevice import Device, ProcessDevice, ThreadDevice
from zmq.devices.monitoredqueue import monitored_queue
from zmq.devices.monitoredqueuedevice import (
    MonitoredQueue,
    ProcessMonitoredQueue,
    ThreadMonitoredQueue,
)
from zmq.devices.proxydevice import ProcessProxy, Proxy, ThreadProxy
from zmq.devices.proxysteerabledevice import (
    ProcessProxySteerable,
    ProxySteerable,
    ThreadProxySteerable,
)

__all__ = [
    "Device",
    "MonitoredQueue",
    "ProcessDevice",
    "ProcessMonitoredQueue",
    "ProcessProxy",
    "ProcessProxySteerable",
    "Proxy",
    "ProxySteerable",
    "ThreadDevice",
    "ThreadMonitoredQueue",
    "ThreadProxy",
    "ThreadProxySteerable",
    "monitored_queue",
]

"""zmq.devices: background devices, steerable proxies and monitored queues.

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

__all__: list[str] = []

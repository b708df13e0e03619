"""zmq.log: Python logging over PUB/SUB.

- :mod:`zmq.log.handlers`: ``PUBHandler`` publishes log records on a PUB
  socket; ``TopicLogger`` is a logger whose methods take a topic.
- ``python -m zmq.log ENDPOINT``: subscribes to records and prints them.

Part of the pyzmq-log distribution, which installs into the ``zmq``
package of ``pyzmq-core``.
"""

try:
    from zmq import Context as _Context  # noqa: F401
except ImportError as _error:  # zmq is then an empty namespace: the core is missing
    raise ImportError(
        "zmq.log needs the pyzmq-core distribution; install it with 'pip install pyzmq-core'"
    ) from _error

__version__ = "0.1.0"

__all__: list[str] = []

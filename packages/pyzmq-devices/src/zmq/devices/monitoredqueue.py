"""monitored_queue: a queue device that copies each message to a monitor socket."""

from __future__ import annotations

try:
    from zmq.devices._monitoredqueue import monitored_queue
except ImportError as _error:
    raise ImportError(
        "zmq.devices.monitoredqueue is compiled, and its compiled module could not be "
        f"loaded ({_error}). Build it: 'pip install pyzmq-devices', or in a clone of the "
        "repository, 'tools/setup' (or 'pip install --no-build-isolation -e "
        "packages/pyzmq-devices' once pyzmq-core is installed)"
    ) from _error

__all__ = ["monitored_queue"]

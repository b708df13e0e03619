"""zmq.backend with pyzmq-devices installed, and without: monitored_queue,
PyZMQ's backend name for the function pyzmq-devices provides."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import zmq.backend
import zmq.devices
from zmq.backend.select import public_api, select_backend


def test_select_backend_gives_pyzmqs_namespace():
    namespace = select_backend("zmq.backend.cython")
    assert set(namespace) == {*public_api, "monitored_queue"}
    assert namespace["Socket"] is zmq.backend.Socket
    assert namespace["monitored_queue"] is zmq.devices.monitored_queue
    assert zmq.backend.select_backend is select_backend
    assert zmq.backend.select.public_api is public_api


def test_monitored_queue_is_pyzmq_devices():
    from zmq.backend import monitored_queue

    assert monitored_queue is zmq.devices.monitored_queue
    assert "monitored_queue" in dir(zmq.backend)
    with pytest.raises(AttributeError):
        zmq.backend.no_such_name  # noqa: B018


WITHOUT_DEVICES = """
import sys
sys.path.remove({src!r})
import zmq.backend
assert "monitored_queue" not in zmq.backend.__all__
assert "monitored_queue" not in dir(zmq.backend)
assert "monitored_queue" not in zmq.backend.select_backend("zmq.backend.cython")
from zmq.backend import *
try:
    from zmq.backend import monitored_queue
except ImportError as error:
    print(error)
"""


def test_without_pyzmq_devices_monitored_queue_says_what_to_install():
    # uninstalled, as far as imports can tell: the development environment
    # installs each distribution from a sys.path entry of its own
    src = str(Path(zmq.devices.__file__).parents[2])
    assert src in sys.path, "pyzmq-devices is not installed from a directory of its own"
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_DEVICES.format(src=src)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "monitored_queue is in pyzmq-devices, which is not installed: pip install pyzmq-devices"
    )

"""zmq.backend: the compiled layer's namespace, with PyZMQ's backend names."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from zmq.backend.select import public_api, select_backend


def test_select_backend_gives_pyzmqs_namespace():
    import zmq.devices

    namespace = select_backend("zmq.backend.cython")
    assert set(namespace) == {*public_api, "monitored_queue"}
    assert namespace["Socket"] is zmq.backend.Socket
    assert namespace["monitored_queue"] is zmq.devices.monitored_queue
    assert zmq.backend.select_backend is select_backend
    assert zmq.backend.select.public_api is public_api


def test_select_backend_of_a_missing_backend_raises_importerror():
    with pytest.raises(ImportError):
        select_backend("zmq.backend.cffi")


def test_monitored_queue_is_pyzmq_devices():
    import zmq.devices
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
    import zmq.devices

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


def test_importing_zmq_imports_no_extension():
    code = "import sys, zmq, zmq.backend; print(sorted(m for m in sys.modules if 'devices' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_compiled_layer_imports_nothing_above_it():
    """The binding is the bottom layer: what the Python layer gives it
    (MessageTracker) is handed down, never imported from zmq.sugar & co."""
    folder = Path(__file__).parents[1] / "src" / "zmq" / "backend" / "cython"
    sources = sorted(path for path in folder.iterdir() if path.suffix in (".pyx", ".pxi", ".pxd"))
    assert {path.name for path in sources} >= {"_zmq.pyx", "frame.pxi", "socket.pxi"}
    above = re.compile(
        r"^\s*(from|import)\s+zmq\.(sugar|asyncio|_future|eventloop|integration)\b", re.M
    )
    reaching_up = [
        f"{path.name}: {match.group(0).strip()}"
        for path in sources
        for match in above.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not reaching_up

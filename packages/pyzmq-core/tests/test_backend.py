"""zmq.backend: the compiled layer's namespace, with PyZMQ's backend names."""

from __future__ import annotations

import subprocess
import sys

import pytest

import zmq.backend
from zmq.backend.select import public_api, select_backend


def test_select_backend_gives_the_compiled_layers_public_names():
    # with pyzmq-devices installed, also monitored_queue (tests/test_backend_devices.py)
    namespace = select_backend("zmq.backend.cython")
    assert set(public_api) <= set(namespace)
    assert namespace["Socket"] is zmq.backend.Socket
    assert zmq.backend.select_backend is select_backend


def test_select_backend_of_a_missing_backend_raises_importerror():
    with pytest.raises(ImportError):
        select_backend("zmq.backend.cffi")


def test_importing_zmq_imports_no_extension():
    code = "import sys, zmq, zmq.backend; print(sorted(m for m in sys.modules if 'devices' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

"""zmq.backend: the compiled layer's namespace, with PyZMQ's backend names."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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

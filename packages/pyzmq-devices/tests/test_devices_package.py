"""zmq.devices: a typed subpackage of the zmq namespace, with PyZMQ's names."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest

import zmq
import zmq.devices

PROJECT = Path(__file__).resolve().parent.parent


def test_devices_lives_in_the_zmq_namespace():
    assert zmq.devices.__name__ == "zmq.devices"
    assert Path(zmq.devices.__file__).parent == PROJECT / "src" / "zmq" / "devices"
    assert (PROJECT / "src" / "zmq" / "devices" / "py.typed").is_file()


def test_devices_version_and_core_range():
    assert metadata.version("pyzmq-devices") == zmq.devices.__version__
    requires = metadata.requires("pyzmq-devices") or []
    assert any(req.startswith("pyzmq-core") and ">=27.3" in req for req in requires)


PYZMQ_ALL = [
    "Device",
    "ThreadDevice",
    "ProcessDevice",
    "Proxy",
    "ThreadProxy",
    "ProcessProxy",
    "ProxySteerable",
    "ThreadProxySteerable",
    "ProcessProxySteerable",
    "monitored_queue",
    "MonitoredQueue",
    "ThreadMonitoredQueue",
    "ProcessMonitoredQueue",
]

SUBMODULES = {
    "basedevice": ["Device", "ThreadDevice", "ProcessDevice"],
    "proxydevice": ["Proxy", "ThreadProxy", "ProcessProxy"],
    "proxysteerabledevice": ["ProxySteerable", "ThreadProxySteerable", "ProcessProxySteerable"],
    "monitoredqueue": ["monitored_queue"],
    "monitoredqueuedevice": ["MonitoredQueue", "ThreadMonitoredQueue", "ProcessMonitoredQueue"],
}


def test_public_names_are_pyzmq_s():
    assert sorted(zmq.devices.__all__) == sorted(PYZMQ_ALL)
    for name in PYZMQ_ALL:
        assert getattr(zmq.devices, name) is not None
    # not in __all__, but importable from here in PyZMQ
    assert zmq.devices.proxy is zmq.proxy
    assert zmq.devices.DeviceType is zmq.DeviceType


@pytest.mark.parametrize("name", sorted(SUBMODULES))
def test_submodules_hold_their_classes(name):
    module = importlib.import_module(f"zmq.devices.{name}")
    assert getattr(zmq.devices, name) is module
    assert sorted(module.__all__) == sorted(SUBMODULES[name])
    for attr in SUBMODULES[name]:
        assert getattr(module, attr) is getattr(zmq.devices, attr)


def test_the_compiled_module_has_a_stub():
    assert (PROJECT / "src" / "zmq" / "devices" / "_monitoredqueue.pyi").is_file()


def test_an_unbuilt_monitored_queue_says_how_to_build_it(tmp_path):
    # an import hook stands in for a source tree where the extension was never built
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import sys\n"
        "class Unbuilt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'zmq.devices._monitoredqueue':\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Unbuilt())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import zmq.devices"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("ImportError: zmq.devices.monitoredqueue is compiled")
    assert "tools/setup" in last_line
    assert "pip install pyzmq-devices" in last_line


DEVICE_METHODS = {
    "bind_in",
    "bind_in_to_random_port",
    "bind_out",
    "bind_out_to_random_port",
    "connect_in",
    "connect_out",
    "context_factory",
    "join",
    "run",
    "run_device",
    "setsockopt_in",
    "setsockopt_out",
    "start",
}
MON_METHODS = {"bind_mon", "bind_mon_to_random_port", "connect_mon", "setsockopt_mon"}
CTRL_METHODS = {"bind_ctrl", "bind_ctrl_to_random_port", "connect_ctrl", "setsockopt_ctrl"}


@pytest.mark.parametrize(
    ("name", "methods"),
    [
        ("Device", DEVICE_METHODS),
        ("ThreadDevice", DEVICE_METHODS | {"launcher"}),
        ("ProcessDevice", DEVICE_METHODS | {"launcher"}),
        ("Proxy", DEVICE_METHODS | MON_METHODS),
        ("ThreadProxy", DEVICE_METHODS | MON_METHODS | {"launcher"}),
        ("ProxySteerable", DEVICE_METHODS | MON_METHODS | CTRL_METHODS),
        ("ProcessProxySteerable", DEVICE_METHODS | MON_METHODS | CTRL_METHODS | {"launcher"}),
        ("MonitoredQueue", DEVICE_METHODS | MON_METHODS),
        ("ThreadMonitoredQueue", DEVICE_METHODS | MON_METHODS | {"launcher"}),
    ],
)
def test_classes_have_pyzmq_s_public_methods(name, methods):
    cls = getattr(zmq.devices, name)
    assert {attr for attr in dir(cls) if not attr.startswith("_")} == methods


@pytest.mark.skipif(
    not sysconfig.get_config_var("Py_GIL_DISABLED"), reason="the GIL is on in this build of Python"
)
def test_importing_zmq_devices_keeps_the_gil_off():
    environment = {key: value for key, value in os.environ.items() if key != "PYTHON_GIL"}
    result = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            "import sys, zmq.devices; print(sys._is_gil_enabled())",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"

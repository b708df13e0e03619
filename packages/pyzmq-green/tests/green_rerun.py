"""Run pyzmq-core's behaviour tests again, against zmq.green.

A core test module is loaded from its file, its global ``zmq`` is rebound
to ``zmq.green``, and its names (tests, their helpers and fixtures) are
handed to the calling test module, where this folder's green fixtures
(``context``, ``socket``, ``pair``) serve them. Tests that cannot apply to
gevent are skipped by name, each with its reason.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import zmq.green

CORE_TESTS = Path(__file__).resolve().parents[2] / "pyzmq-core" / "tests"
TIMEOS_IGNORED = "TIMEO socket options have no effect in zmq.green"


def load_core(filename: str) -> ModuleType:
    """Load a module of pyzmq-core's tests folder from its file, as it is.

    Parameters
    ----------
    filename : str
        A module of pyzmq-core's tests folder.

    Returns
    -------
    module
        The loaded module, registered in ``sys.modules`` as ``green_rerun.<stem>``.
    """
    path = CORE_TESTS / filename
    name = f"green_rerun.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def rerun(filename: str, skip: dict[str, str]) -> dict[str, Any]:
    """The tests of the core's ``filename``, using zmq.green.

    Parameters
    ----------
    filename : str
        A test module of pyzmq-core's tests folder.
    skip : dict
        Test name -> why it cannot apply to zmq.green.

    Returns
    -------
    dict
        Names for the calling module's globals: everything the core module
        defines (tests, fixtures, ``pytestmark``...) but its dunder names,
        with the warning that TIMEO options have no effect ignored.

    Raises
    ------
    LookupError
        If ``skip`` names a test the module does not have (so that a renamed
        test is not silently run, nor silently forgotten).
    """
    module = load_core(filename)
    module.zmq = zmq.green  # type: ignore[attr-defined]
    names = {key: value for key, value in vars(module).items() if not key.startswith("__")}
    unknown = {key for key in skip if not (key.startswith("test_") and callable(names.get(key)))}
    if unknown:
        raise LookupError(f"{filename} has no tests named {sorted(unknown)}")
    for key, reason in skip.items():
        names[key] = pytest.mark.skip(reason=f"not for zmq.green: {reason}")(names[key])
    # the core's tests set RCVTIMEO and SNDTIMEO as a guard against hangs,
    # which green sockets ignore (and say so); pytest-timeout guards them here
    marks = names.get("pytestmark", [])
    names["pytestmark"] = [
        *(marks if isinstance(marks, list) else [marks]),
        pytest.mark.filterwarnings(f"ignore:{TIMEOS_IGNORED}:UserWarning"),
    ]
    return names

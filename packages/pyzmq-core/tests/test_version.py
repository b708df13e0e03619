"""Versions of pyzmq-core and libzmq."""

from __future__ import annotations

import re

import zmq


def test_zmq_version_is_linked_libzmq():
    info = zmq.zmq_version_info()
    assert info >= (4, 3, 0)
    assert zmq.zmq_version() == "{}.{}.{}".format(*info)


def test_pyzmq_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", zmq.pyzmq_version())
    assert zmq.__version__ == zmq.pyzmq_version()
    assert zmq.pyzmq_version_info()[:3] == tuple(int(x) for x in zmq.__version__.split("."))

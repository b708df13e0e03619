"""import zmq.green as zmq: the whole zmq API, five names made cooperative."""

from __future__ import annotations

import importlib
import inspect
import sys
import warnings

import pytest

import zmq
import zmq.green
import zmq.green.core
import zmq.green.poll

REPLACED = {"Context", "Socket", "Poller", "select", "device"}


def test_all_is_zmqs():
    assert zmq.green.__all__ == zmq.__all__
    for name in zmq.green.__all__:
        assert hasattr(zmq.green, name), name


def test_every_other_name_is_the_very_same_object():
    for name in set(zmq.__all__) - REPLACED:
        assert getattr(zmq.green, name) is getattr(zmq, name), name
    assert zmq.green.PUSH is zmq.PUSH
    assert zmq.green.RCVTIMEO is zmq.RCVTIMEO
    assert zmq.green.ZMQError is zmq.ZMQError
    assert zmq.green.Again is zmq.Again
    assert zmq.green.Frame is zmq.Frame
    assert zmq.green.proxy is zmq.proxy


def test_replaced_names_are_green_subclasses():
    for name in REPLACED:
        assert getattr(zmq.green, name) is not getattr(zmq, name), name
    assert issubclass(zmq.green.Context, zmq.Context)
    assert issubclass(zmq.green.Socket, zmq.Socket)
    assert issubclass(zmq.green.Poller, zmq.Poller)
    assert zmq.green.Context._socket_class is zmq.green.Socket
    # the Sync names stay the blocking classes, as in PyZMQ
    assert zmq.green.SyncContext is zmq.Context
    assert zmq.green.SyncSocket is zmq.Socket


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("zmq.green.core", ["Context", "Socket"]),
        ("zmq.green.poll", ["Poller", "select"]),
        ("zmq.green.device", ["device"]),
    ],
)
def test_submodules(module, names):
    imported = importlib.import_module(module)
    for name in names:
        assert getattr(imported, name) is getattr(zmq.green, name)
    # importing the device module leaves zmq.green.device the function
    assert callable(zmq.green.device) and zmq.green.device.__name__ == "device"


def test_green_sockets_from_green_contexts(context):
    sock = context.socket(zmq.PUSH)
    assert type(sock) is zmq.green.Socket
    assert type(zmq.green.Socket.shadow(sock.underlying)) is zmq.green.Socket
    plain = zmq.Context.shadow(context)
    with plain.socket(zmq.PUSH) as plain_sock:
        assert type(plain_sock) is zmq.Socket
    assert type(context.socket(zmq.PUSH, socket_class=zmq.Socket)) is zmq.Socket


def test_reprs_say_green(context):
    assert repr(context).startswith("<zmq.green.Context() at 0x")
    sock = context.socket(zmq.PUSH)
    assert repr(sock).startswith("<zmq.green.Socket(zmq.PUSH) at 0x")
    assert "(1 socket)" in repr(context)
    sock.close()
    assert repr(sock).endswith(" closed>")


def test_instance_is_green_and_its_own():
    green = zmq.green.Context.instance()
    try:
        assert type(green) is zmq.green.Context
        assert green is zmq.green.Context.instance()
        assert green is not zmq.Context.instance()
    finally:
        green.term()
    assert zmq.green.Context.instance() is not green


def test_timeout_options_warn_that_they_have_no_effect(socket):
    """As in PyZMQ: get, set and the attributes warn; getsockopt and setsockopt do not."""
    sock = socket(zmq.PULL)
    warns = [
        lambda: setattr(sock, "rcvtimeo", 10),
        lambda: setattr(sock, "SNDTIMEO", 20),
        lambda: sock.set(zmq.RCVTIMEO, 30),
        lambda: sock.get(zmq.RCVTIMEO),
        lambda: sock.get(zmq.SNDTIMEO),
        lambda: sock.rcvtimeo,
        lambda: sock.SNDTIMEO,
    ]
    for action in warns:
        with pytest.warns(UserWarning, match="TIMEO socket options have no effect in zmq.green"):
            action()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sock.setsockopt(zmq.RCVTIMEO, 40)
        assert sock.getsockopt(zmq.RCVTIMEO) == 40
        sock.linger = 0
        assert sock.get(zmq.LINGER) == 0
    with pytest.warns(UserWarning):
        assert (sock.rcvtimeo, sock.sndtimeo) == (40, 20)


def test_pyzmq_names_of_the_green_classes():
    assert zmq.green.core._Socket is zmq.green.Socket
    assert zmq.green.core._Context is zmq.green.Context
    assert zmq.green.poll._Poller is zmq.green.Poller
    assert zmq.green.core.TIMEOS == (zmq.RCVTIMEO, zmq.SNDTIMEO)


def test_pyzmq_parameter_names(socket):
    """Code written for PyZMQ's green socket and device passes these by keyword."""
    sock = socket(zmq.PULL)
    sock.set(opt=zmq.LINGER, val=5)
    assert sock.get(opt=zmq.LINGER) == 5
    with pytest.warns(UserWarning, match="TIMEO"):
        sock.set(opt=zmq.RCVTIMEO, val=1)
    assert list(inspect.signature(zmq.green.device).parameters) == [
        "device_type",
        "isocket",
        "osocket",
    ]


def test_device_module_has_the_green_poller():
    module = sys.modules["zmq.green.device"]
    assert module.Poller is zmq.green.Poller
    assert sorted(module.__all__) == ["Poller", "device"]

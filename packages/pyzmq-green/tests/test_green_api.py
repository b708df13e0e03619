"""import zmq.green as zmq: the whole zmq API, five names made cooperative."""

from __future__ import annotations

import importlib

import pytest

import zmq
import zmq.green

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


def test_timeout_options_work_without_warnings(recwarn, socket):
    sock = socket(zmq.PULL)
    sock.rcvtimeo = 10
    sock.sndtimeo = 20
    assert (sock.rcvtimeo, sock.sndtimeo) == (10, 20)
    with pytest.raises(zmq.Again):
        sock.recv()
    assert not recwarn.list

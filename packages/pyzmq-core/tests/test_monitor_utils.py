"""zmq.utils.monitor: decoding monitor events, good and bad."""

from __future__ import annotations

import struct

import pytest

import zmq
from zmq.utils.monitor import parse_monitor_message, recv_monitor_message


def test_parse():
    event = parse_monitor_message([struct.pack("=HI", zmq.EVENT_CONNECTED, 7), b"tcp://x:1"])
    assert event == {"event": zmq.EVENT_CONNECTED, "value": 7, "endpoint": b"tcp://x:1"}
    assert isinstance(event["event"], zmq.Event)
    assert isinstance(event["value"], zmq.Event)  # as PyZMQ gives it, equal to the int
    frames = [zmq.Frame(struct.pack("=HI", zmq.EVENT_CLOSED, 0)), zmq.Frame(b"e")]
    assert parse_monitor_message(frames)["event"] == zmq.EVENT_CLOSED


def test_unknown_event_is_kept_as_int():
    event = parse_monitor_message([struct.pack("=HI", 0x8000, 1), b""])
    assert event["event"] == 0x8000


@pytest.mark.parametrize(
    "message",
    [[], [b"123456"], [b"12345", b"e"], [b"1234567", b"e"], [b"123456", b"e", b"extra"]],
)
def test_malformed_messages(message):
    with pytest.raises(ValueError, match="monitor event"):
        parse_monitor_message(message)
    with pytest.raises(RuntimeError, match="monitor event"):  # what PyZMQ raises
        parse_monitor_message(message)


def test_parts_that_are_not_bytes():
    with pytest.raises(TypeError, match="bytes or Frames"):
        parse_monitor_message(["x", "y"])
    with pytest.raises(RuntimeError):  # what PyZMQ raises
        parse_monitor_message(["123456", "y"])


@pytest.mark.parametrize("message", [None, b"123456", 5])
def test_messages_that_are_no_list(message):
    with pytest.raises(TypeError, match="a monitor event is a list of 2 parts"):
        parse_monitor_message(message)


def test_recv_monitor_message(socket):
    sock = socket(zmq.PULL)
    monitor = sock.get_monitor_socket(zmq.EVENT_LISTENING)
    monitor.rcvtimeo = 5000
    sock.bind("tcp://127.0.0.1:*")
    event = recv_monitor_message(monitor)
    assert event["event"] == zmq.EVENT_LISTENING
    assert event["endpoint"] == sock.last_endpoint
    with pytest.raises(zmq.Again):
        recv_monitor_message(monitor, zmq.NOBLOCK)
    sock.disable_monitor()
    monitor.close()

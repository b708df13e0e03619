"""zmq.Frame: construction from buffers, content access, properties, repr."""

from __future__ import annotations

import copy
import sys

import pytest

import zmq


@pytest.mark.parametrize(
    "data", [b"bytes", bytearray(b"bytearray"), memoryview(b"memoryview"), b""]
)
def test_from_buffers(data):
    frame = zmq.Frame(data)
    assert frame.bytes == bytes(data)
    assert len(frame) == len(data)
    assert bytes(frame.buffer) == bytes(data)
    assert bytes(memoryview(frame)) == bytes(data)


def test_message_is_frame():
    assert zmq.Message is zmq.Frame
    assert zmq.sugar.frame.Frame is zmq.Frame


@pytest.mark.parametrize("bad", ["str", 5, object(), [b"list"]])
def test_refuses_non_buffers(bad):
    with pytest.raises(TypeError):
        zmq.Frame(bad)


def test_refuses_non_contiguous():
    with pytest.raises(BufferError, match="contiguous") as info:
        zmq.Frame(memoryview(b"abcdef")[::2])
    # PyZMQ's class, and the TypeError this project raised before
    assert isinstance(info.value, TypeError)


def test_empty_frame():
    frame = zmq.Frame()
    assert frame.bytes == b""
    assert len(frame) == 0
    assert frame.tracker is None


def test_bytes_is_cached():
    frame = zmq.Frame(b"x" * 100)
    assert frame.bytes is frame.bytes
    assert frame.buffer is frame.buffer


def test_buffer_protocol_shape():
    frame = zmq.Frame(b"abcd")
    view = memoryview(frame)
    assert view.ndim == 1
    assert view.shape == (4,)
    assert view.tobytes() == b"abcd"


def test_zero_copy_frame_holds_its_source():
    # made at run time: free-threaded Python makes constants immortal (no refcount)
    data = bytes(bytearray(b"z" * 64))
    before = sys.getrefcount(data)
    frame = zmq.Frame(data, copy=False)
    # one reference for the Frame, one for the buffer libzmq shares
    assert sys.getrefcount(data) == before + 2
    duplicate = copy.copy(frame)
    assert sys.getrefcount(data) == before + 3
    assert frame.bytes is data  # no copy needed
    assert duplicate.bytes is data
    assert memoryview(frame).readonly
    del frame, duplicate
    zmq.Frame(b"")  # any call into the core drops released references
    assert sys.getrefcount(data) == before


def test_copied_frame_is_writable():
    frame = zmq.Frame(bytearray(b"abc"))
    memoryview(frame)[0] = ord("x")
    assert frame.bytes == b"xbc"


def test_equality_is_identity_as_in_pyzmq():
    frame = zmq.Frame(b"same")
    assert frame == frame
    assert frame != zmq.Frame(b"same")
    assert frame != b"same"
    assert frame.bytes == b"same"
    assert len({frame, zmq.Frame(b"same")}) == 2


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (9, "<zmq.Frame(b'yyyyyyyyy')>"),
        (16, "<zmq.Frame(b'yyyyyyyyyyyyyyyy')>"),
        (20, "<zmq.Frame(b'yyyyyyyyyyyy'...20B)>"),
        (2000, "<zmq.Frame(b'yyyyyyyyyyyy'...2kB)>"),
        (2_000_000, "<zmq.Frame(b'yyyyyyyyyyyy'...2MB)>"),
    ],
)
def test_repr(size, expected):
    frame = zmq.Frame(b"y" * size)
    assert repr(frame) == expected
    assert str(frame) == expected


def test_more_and_get(pair):
    a, b = pair()
    a.send_multipart([b"first", b"last"])
    first = b.recv(copy=False)
    assert first.more
    assert first.get(zmq.MORE) == 1
    last = b.recv(copy=False)
    assert not last.more
    assert last.get(zmq.MORE) == 0


def test_metadata_properties(pair):
    server, client = pair(zmq.ROUTER, zmq.DEALER, transport="tcp")
    client.send(b"hello")
    _identity, message = server.recv_multipart(copy=False)
    assert message.get("Socket-Type") == "DEALER"
    assert message.get(b"Socket-Type") == "DEALER"
    assert message.get("Peer-Address") == "127.0.0.1"
    with pytest.raises(zmq.ZMQError, match="No-Such-Property"):
        message.get("No-Such-Property")
    with pytest.raises(zmq.ZMQError):
        message.get(999)
    with pytest.raises(zmq.ZMQError):
        message.set(zmq.MORE, 1)


def test_sending_a_frame_twice(pair):
    a, b = pair()
    frame = zmq.Frame(b"again" * 20000)
    for copy_mode in (True, False, True):
        a.send(frame, copy=copy_mode)
        assert b.recv() == b"again" * 20000
    assert frame.bytes == b"again" * 20000


def test_tracked_frame(pair):
    a, b = pair()
    frame = zmq.Frame(b"t" * 100, track=True, copy=False)
    assert isinstance(frame.tracker, zmq.MessageTracker)
    assert not frame.tracker.done
    tracker = a.send(frame, copy=False, track=True)
    assert tracker is frame.tracker
    del frame
    assert b.recv() == b"t" * 100
    tracker.wait(5)
    assert tracker.done


def test_untracked_frame_cannot_be_tracked():
    frame = zmq.Frame(b"x" * 100)
    assert frame.tracker is None
    with pytest.raises(ValueError, match="track"):
        zmq.MessageTracker(frame)


def test_copied_tracked_frame_is_already_done():
    frame = zmq.Frame(b"small", track=True, copy=True)
    assert frame.tracker.done


def test_item_access_is_get(pair):
    server, client = pair(zmq.ROUTER, zmq.DEALER, transport="tcp")
    client.send(b"hello")
    _identity, message = server.recv_multipart(copy=False)
    assert message["Socket-Type"] == "DEALER"
    assert message[b"Peer-Address"] == "127.0.0.1"
    assert message[zmq.MORE] == 0
    assert message[True] == message.get(zmq.MORE)
    # what PyZMQ raises for what libzmq does not have, or cannot be a key
    with pytest.raises(zmq.ZMQError) as info:
        message["User-Id"]  # no security mechanism set it
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError):
        message[99]
    with pytest.raises(zmq.ZMQError):
        message[-1]
    with pytest.raises(OverflowError):
        message[2**40]
    for key in (1.5, None, object()):
        with pytest.raises(TypeError):
            message[key]
    assert isinstance(message["routing_id"], int)
    assert isinstance(message["group"], str)


def test_options_as_attributes():
    frame = zmq.Frame(b"x")
    assert frame.MORE == 0 and frame.shared == 0
    # an option a message does not have reads as a missing attribute
    for name in ("srcfd", "linger", "not_an_option"):
        assert not hasattr(frame, name)
    with pytest.raises(AttributeError, match=r"write-only|not readable"):
        frame.linger  # noqa: B018
    if not zmq.DRAFT_API:
        # PyZMQ raises RuntimeError: this is one, and an AttributeError
        with pytest.raises(RuntimeError):
            frame.group  # noqa: B018
        assert not hasattr(frame, "routing_id")


@pytest.mark.skipif(
    zmq.DRAFT_API,
    reason="with the draft API, routing_id of a frame without one raises ZMQError, as in "
    "PyZMQ, so that the frame cannot be a Mock's spec there either",
)
def test_mock_with_a_frame_as_spec():
    from unittest import mock

    frame = zmq.Frame(b"x")
    double = mock.Mock(spec=frame)
    double.get.return_value = "alice"
    assert double.get("User-Id") == "alice"
    with pytest.raises(AttributeError):
        double.not_an_attribute_of_frames  # noqa: B018


def test_unknown_arguments_are_ignored_with_a_warning():
    with pytest.warns(DeprecationWarning, match="flavour"):
        frame = zmq.Frame(b"x", flavour="mint")
    assert frame.bytes == b"x"

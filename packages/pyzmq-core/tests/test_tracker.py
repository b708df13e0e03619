"""MessageTracker and zero-copy sends: buffers live exactly as long as libzmq uses them."""

from __future__ import annotations

import gc
import sys
import threading

import numpy
import pytest

import zmq


def test_tracker_of_events():
    event = threading.Event()
    tracker = zmq.MessageTracker(event)
    assert not tracker.done
    with pytest.raises(zmq.NotDone, match=r"after 0\.01 s"):
        tracker.wait(0.01)
    event.set()
    assert tracker.done
    tracker.wait()
    assert tracker.wait(-1) is None


@pytest.mark.parametrize(
    ("timeout", "error", "match"),
    [
        ("1", TypeError, "number or None, got str"),
        (float("nan"), ValueError, "not NaN"),
        (float("inf"), OverflowError, "finite"),
    ],
)
def test_bad_timeouts_are_refused(context, timeout, error, match):
    sock = context.socket(zmq.PUSH)
    sock.connect("inproc://tracker-nobody-binds")
    tracker = sock.send(b"x" * 100_000, copy=False, track=True)
    assert not tracker.done
    (event,) = tracker.events  # the compiled event of the frame
    for wait in (tracker.wait, event.wait):
        with pytest.raises(error, match=match):
            wait(timeout)


def test_an_untracked_frame_cannot_be_sent_tracked(pair):
    a, b = pair()
    for send in (
        lambda: a.send(zmq.Frame(b"x"), track=True),
        lambda: a.send(zmq.Frame(b"x"), copy=False, track=True),
        lambda: a.send_multipart([b"first", zmq.Frame(b"x")], copy=False, track=True),
    ):
        with pytest.raises(ValueError, match="Not a tracked message"):
            send()
    assert not b.poll(50)  # nothing was sent, not even a first part
    tracker = a.send(zmq.Frame(b"y" * 100_000, track=True), copy=False, track=True)
    assert b.recv() == b"y" * 100_000
    tracker.wait(5)


def test_tracker_of_trackers():
    first, second = threading.Event(), threading.Event()
    combined = zmq.MessageTracker(zmq.MessageTracker(first), second)
    first.set()
    assert not combined.done
    second.set()
    assert combined.done


def test_tracker_refuses_other_objects():
    with pytest.raises(TypeError):
        zmq.MessageTracker("not an event")


def test_finished_tracker():
    assert zmq._FINISHED_TRACKER.done
    zmq._FINISHED_TRACKER.wait(0)


def test_copied_messages_get_the_finished_tracker(pair):
    # PyZMQ returns the very object for a message it copied: code calls .done on it
    a, b = pair()
    finished = zmq._FINISHED_TRACKER
    small = b"small"
    assert a.send(small, copy=False, track=True) is finished
    assert a.send(bytearray(small), copy=False, track=True) is finished
    assert a.send_multipart([small, small], copy=False, track=True) is finished
    assert a.send_string("text", copy=False, track=True) is finished
    assert a.send_pyobj("obj", copy=False, track=True) is finished
    assert a.send_serialized("x", lambda m: [small, small], copy=False, track=True) is finished
    frame = zmq.Frame(small, track=True)  # copied: below the copy threshold
    assert frame.tracker is finished and frame.tracker_event is None
    assert a.send(frame, copy=False, track=True) is finished
    assert a.send(small, copy=True, track=True) is None
    for _ in range(8):
        b.recv_multipart()


def test_multipart_tracker_follows_the_zero_copy_parts(pair):
    a, b = pair()
    big = b"B" * (zmq.COPY_THRESHOLD + 1)
    only = a.send_multipart([b"small", big], copy=False, track=True)
    assert isinstance(only, zmq.MessageTracker) and only is not zmq._FINISHED_TRACKER
    both = a.send_multipart([big, b"small", big], copy=False, track=True)
    assert isinstance(both, zmq.MessageTracker)
    assert b.recv_multipart() == [b"small", big]
    assert b.recv_multipart() == [big, b"small", big]
    only.wait(5)
    both.wait(5)
    assert only.done and both.done


def test_copy_threshold_zero_tracks_even_small_messages(context):
    a = context.socket(zmq.PAIR, copy_threshold=0)
    b = context.socket(zmq.PAIR)
    a.bind("inproc://threshold-zero")
    b.connect("inproc://threshold-zero")
    tracker = a.send(b"tiny", copy=False, track=True)
    assert tracker is not zmq._FINISHED_TRACKER
    frame = zmq.Frame(b"tiny", track=True, copy_threshold=0)
    assert frame.tracker is not zmq._FINISHED_TRACKER
    assert b.recv() == b"tiny"
    tracker.wait(5)
    del frame
    assert tracker.done


def test_zero_copy_buffer_released_after_delivery(pair):
    a, b = pair()
    a.copy_threshold = 0
    # made at run time: free-threaded Python makes constants immortal (no refcount)
    data = bytes(bytearray(b"d" * 1000))
    before = sys.getrefcount(data)
    tracker = a.send(data, copy=False, track=True)
    assert sys.getrefcount(data) > before
    received = b.recv(copy=False)
    assert received.bytes == data
    del received
    tracker.wait(5)
    assert sys.getrefcount(data) == before


def test_wait_from_another_thread(pair):
    a, b = pair()
    a.copy_threshold = 0
    tracker = a.send(b"w" * 100, copy=False, track=True)
    results = []
    waiter = threading.Thread(target=lambda: results.append(tracker.wait(10)))
    waiter.start()
    b.recv()
    waiter.join(10)
    assert results == [None]


def test_numpy_round_trip_without_copies(pair):
    a, b = pair()
    array = numpy.arange(100_000, dtype=numpy.float64)
    tracker = a.send(array, copy=False, track=True)
    frame = b.recv(copy=False)
    received = numpy.frombuffer(frame, dtype=numpy.float64)
    assert numpy.array_equal(received, array)
    # over inproc, the receiver sees the very memory the sender gave
    assert received.ctypes.data == array.ctypes.data
    del received, frame
    tracker.wait(5)


def test_numpy_multidimensional_and_fortran(pair):
    a, b = pair()
    for array in (numpy.ones((30, 40)), numpy.asfortranarray(numpy.ones((30, 40)))):
        a.send(array, copy=False)
        assert b.recv() == array.tobytes(order="A")
    with pytest.raises(BufferError, match="contiguous"):
        a.send(numpy.ones((30, 40))[:, ::2], copy=False)


def test_nothing_stays_referenced(pair):
    a, b = pair()
    a.copy_threshold = 0
    buffers = [bytearray(b"%d" % i * 100) for i in range(50)]
    counts = [sys.getrefcount(buf) for buf in buffers]
    trackers = [a.send(buf, copy=False, track=True) for buf in buffers]
    for _ in range(len(buffers)):
        b.recv()
    zmq.MessageTracker(*trackers).wait(5)
    gc.collect()
    assert [sys.getrefcount(buf) for buf in buffers] == counts


def test_unsent_zero_copy_is_released_at_close(context):
    sock = context.socket(zmq.PUSH)
    sock.copy_threshold = 0
    sock.connect("tcp://127.0.0.1:1")
    data = b"u" * 500
    before = sys.getrefcount(data)
    tracker = sock.send(data, copy=False, track=True)
    assert not tracker.done
    sock.close(linger=0)
    tracker.wait(5)
    assert sys.getrefcount(data) == before

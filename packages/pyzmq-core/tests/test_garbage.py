"""zmq.utils.garbage: PyZMQ's collector names, over the release queue."""

from __future__ import annotations

import gc as python_gc
import os
import sys
import threading

import zmq
from zmq.utils.garbage import GarbageCollector, GarbageCollectorThread, gc, gcref


def test_refs_show_the_buffers_libzmq_still_uses(pair):
    a, b = pair()
    a.copy_threshold = 0
    data = bytearray(b"held" * 100)
    before = len(gc.refs)
    tracker = a.send(data, copy=False, track=True)
    held = [ref for ref in gc.refs.values() if ref.obj is data]
    assert len(held) == 1 and isinstance(held[0], gcref)
    assert held[0].event is not None
    assert len(gc.refs) == before + 1
    del held
    assert b.recv() == bytes(data)
    tracker.wait(5)
    assert not any(ref.obj is data for ref in gc.refs.values())
    assert len(gc.refs) == before


def test_stop_and_start_leave_sends_working(pair):
    a, b = pair()
    a.copy_threshold = 0
    gc.stop()
    assert not gc.is_alive()
    tracker = a.send(b"x" * 100, copy=False, track=True)
    assert b.recv() == b"x" * 100
    tracker.wait(5)
    gc.start()
    assert gc.is_alive()
    gc.stop()
    assert not gc.is_alive()


def test_store_holds_until_stop():
    obj = object()
    count = sys.getrefcount(obj)
    key = gc.store(obj)
    assert gc.refs[key].obj is obj and gc.is_alive()
    gc.stop()
    assert key not in gc.refs
    python_gc.collect()
    assert sys.getrefcount(obj) == count


def test_context_is_made_when_asked_and_terminated_by_stop():
    collector = GarbageCollector()
    ctx = collector.context
    assert isinstance(ctx, zmq.Context) and collector.context is ctx
    collector.stop()
    assert ctx.closed
    given = zmq.Context()
    collector.context = given
    assert collector.context is given
    collector.stop()
    assert not given.closed  # not the collector's own: left to its owner
    given.term()
    assert collector.url == "inproc://pyzmq.gc.01"


def test_refs_is_a_dict_taken_at_each_access(pair):
    a, b = pair()
    a.copy_threshold = 0
    data = bytearray(b"dict" * 100)
    tracker = a.send(data, copy=False, track=True)
    refs = gc.refs
    assert type(refs) is dict
    assert refs is not gc.refs  # a new one each time: changing it changes nothing
    (key,) = (key for key, ref in refs.items() if ref.obj is data)
    refs.clear()
    assert gc.refs[key].obj is data
    assert b.recv() == bytes(data)
    tracker.wait(5)
    assert key not in gc.refs


def test_garbage_collector_thread_is_ready_once_started():
    collector = GarbageCollector()
    thread = GarbageCollectorThread(collector)
    assert isinstance(thread, threading.Thread)
    assert thread.gc is collector and thread.daemon and thread.pid == os.getpid()
    assert not thread.ready.is_set()
    thread.start()
    assert thread.ready.wait(5)
    thread.join(5)
    assert not thread.is_alive()

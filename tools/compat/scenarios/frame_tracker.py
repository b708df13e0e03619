"""Frame (and Message) and MessageTracker: construction, attributes, item access, tracking."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, copy, threading, sys")
    c("zmq.Message is zmq.Frame")
    for data in [
        "b''",
        "b'123456789'",
        "b'x' * 20",
        "b'x' * 2048",
        "bytearray(b'ba')",
        "memoryview(b'mv')",
        "'str'",
        "5",
        "object()",
        "None",
        "memoryview(b'abcdef')[::2]",
    ]:
        c(f"f = zmq.Frame({data})")
        c("(f.bytes, len(f), str(f), f.more, f.tracker)")
    c("f = zmq.Frame(b'abc', track=True)")
    c("(type(f.tracker), f.tracker.done)")
    c("f.tracker_event", norm="type")
    c("f = zmq.Frame(b'x' * 100, copy=False)")
    c("f.bytes is f.bytes")
    c("f.buffer", norm="type")
    c("(memoryview(f).shape, memoryview(f).readonly, bytes(memoryview(f))[:3])")
    c("g = copy.copy(f)")
    c("(type(g), g.bytes == f.bytes)")
    c("f.get(zmq.MORE)")
    c("f.get('more')")
    c("f['more']")
    c("f.get('User-Id')")
    c("f['User-Id']")
    c("f.get(9999)")
    c("f.set(zmq.MORE, 1)")
    c("f.set(9999, 1)")
    c("f.routing_id")
    c("f.group")
    c("f.routing_id = 5")
    c("f.group = 'g'")
    c("f.more = True")
    c("f.nope")
    c("f == zmq.Frame(b'x' * 100)")
    c("hash(f)", norm="type")
    c("zmq.Frame(b'x', copy_threshold=0).bytes")
    c("zmq.MessageTracker()")
    c("t = zmq.MessageTracker()")
    c("(t.done, t.wait(0))")
    c("zmq.MessageTracker(zmq.Frame(b'x'))")
    c("zmq.MessageTracker(zmq.Frame(b'x', track=True)).done")
    c("ev = threading.Event()")
    c("t = zmq.MessageTracker(ev)")
    c("t.done")
    c("t.wait(0.01)")
    c("t.wait(0)")
    c("ev.set()")
    c("(t.done, t.wait(), t.wait(1))")
    c("zmq.MessageTracker(zmq.MessageTracker(ev)).done")
    c("zmq.MessageTracker(5)")
    c("zmq.MessageTracker('x')")
    c("done = zmq._FINISHED_TRACKER")
    c("(type(done), done.done, done.wait())")
    c("ctx = zmq.Context()")
    c("a = ctx.socket(zmq.PAIR)")
    c("b = ctx.socket(zmq.PAIR)")
    c("a.linger = b.linger = 0")
    c("b.rcvtimeo = 2000")
    c("a.bind('inproc://frames')", norm="type")
    c("b.connect('inproc://frames')", norm="type")
    c("tracker = a.send(b'small', copy=False, track=True)")
    c("(type(tracker), tracker.done, tracker is zmq._FINISHED_TRACKER)")
    c("tracker.wait(1)")
    c("b.recv()")
    c("tracker = a.send_multipart([b'p1', b'p2'], copy=False, track=True)")
    c("(type(tracker), tracker.done)")
    c("b.recv_multipart()")
    c("a.copy_threshold = 0")
    c("tracker = a.send(b'tracked', copy=False, track=True)")
    c("type(tracker)")
    c("b.recv()")
    c("tracker.wait(2)")
    c("tracker.done")
    c("a.send(b'untracked', copy=False)")
    c("a.send(b'copied', track=True)")
    c("b.recv_multipart()")
    c("b.recv()")
    c("fr = zmq.Frame(b'again', track=True)")
    c("a.send(fr, copy=False)")
    c("a.send(fr, copy=True)")
    c("(b.recv(), b.recv())")
    c("fr.tracker.wait(2)")
    c("a.send(b'x', zmq.SNDMORE)")
    c("a.send(b'y')")
    c("got = b.recv(copy=False)")
    c("(got.more, got.get(zmq.MORE), got.bytes)")
    c("got = b.recv(copy=False, track=True)")
    c("(got.more, got.tracker)")
    c("got.get('Socket-Type')")
    c("got['Socket-Type']")
    c("got.get('Peer-Address')")
    c("got.get('Nope')")
    c("got.get(b'Socket-Type')")
    c("a.close(); b.close(); ctx.term()")

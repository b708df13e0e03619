"""Blocking calls release the GIL, and signals interrupt them promptly."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

import zmq

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX signals")


def interrupt_after(seconds):
    """Send SIGINT to this process after ``seconds``, from another thread."""
    timer = threading.Timer(seconds, os.kill, args=(os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.parametrize("call", ["recv", "recv_multipart", "recv_into", "poll", "send"])
def test_ctrl_c_interrupts_blocking_calls(socket, call):
    sock = socket(zmq.PUSH if call == "send" else zmq.PULL, rcvtimeo=-1, sndtimeo=-1)
    sock.bind(f"inproc://interrupt-{call}")
    actions = {
        "recv": lambda: sock.recv(),
        "recv_multipart": lambda: sock.recv_multipart(),
        "recv_into": lambda: sock.recv_into(bytearray(10)),
        "poll": lambda: _poll_forever(sock),
        "send": lambda: sock.send(b"nobody receives this"),
    }
    timer = interrupt_after(0.1)
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        actions[call]()
    assert time.monotonic() - start < 1.0
    timer.join()
    # the socket is still usable
    assert sock.poll(0, zmq.POLLIN | zmq.POLLOUT) in (0, zmq.POLLOUT)


def _poll_forever(sock):
    poller = zmq.Poller()
    poller.register(sock, zmq.POLLIN)
    return poller.poll()


def test_ctrl_c_interrupts_tracker_wait(pair):
    a, _b = pair()
    a.copy_threshold = 0
    tracker = a.send(b"x" * 10, copy=False, track=True)
    timer = interrupt_after(0.1)
    with pytest.raises(KeyboardInterrupt):
        tracker.wait()
    timer.join()


def test_ctrl_c_interrupts_proxy(context):
    frontend, backend = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    frontend.bind("inproc://proxy-interrupt")
    timer = interrupt_after(0.1)
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        zmq.proxy(frontend, backend)
    assert time.monotonic() - start < 1.0
    timer.join()


def test_ctrl_c_interrupts_term():
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PUSH)  # left open: term waits for it
    timer = interrupt_after(0.1)
    with pytest.raises(KeyboardInterrupt):
        ctx.term()
    timer.join()
    assert not ctx.closed
    sock.close()
    ctx.term()
    assert ctx.closed


def test_other_handlers_run_and_the_call_resumes(socket):
    sock = socket(zmq.PULL, rcvtimeo=-1)
    sock.bind("inproc://resume")
    pusher = socket(zmq.PUSH)
    pusher.connect("inproc://resume")
    calls = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: calls.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        sender = threading.Timer(0.3, pusher.send, args=(b"after the signal",))
        sender.start()
        assert sock.recv() == b"after the signal"  # EINTR was retried
        sender.join()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert calls == [signal.SIGALRM]


def test_blocking_recv_releases_the_gil(pair):
    a, b = pair()
    b.rcvtimeo = 5000
    counter = 0
    stop = threading.Event()

    def count():
        nonlocal counter
        while not stop.is_set():
            counter += 1

    counting = threading.Thread(target=count)
    counting.start()
    try:
        timer = threading.Timer(0.2, a.send, args=(b"x",))
        timer.start()
        before = counter
        assert b.recv() == b"x"
        progress = counter - before
        timer.join()
    finally:
        stop.set()
        counting.join()
    # while recv waited, the other thread kept running Python code
    assert progress > 1000

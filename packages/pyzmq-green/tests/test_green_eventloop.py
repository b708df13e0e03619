"""zmq.green.eventloop: tornado's IOLoop and ZMQStream, waiting in gevent's hub."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import warnings

import gevent
import pytest
import tornado.ioloop

import zmq
import zmq.green

with warnings.catch_warnings():
    # deprecated, as in PyZMQ (test_importing_the_ioloop_warns_as_in_pyzmq)
    warnings.simplefilter("ignore", DeprecationWarning)
    from zmq.green.eventloop import ioloop, zmqstream


@pytest.fixture
def loop():
    """A fresh green IOLoop, current in this thread, closed after the test."""
    io_loop = ioloop.IOLoop()
    yield io_loop
    io_loop.close(all_fds=False)


def run_until(loop, done, timeout=10):
    """Run ``loop`` in a greenlet until ``done()``, checked by a callback."""

    def check():
        if done():
            loop.stop()

    checker = tornado.ioloop.PeriodicCallback(check, 5)
    checker.start()
    runner = gevent.spawn(loop.start)
    try:
        with gevent.Timeout(timeout, AssertionError("the loop never got there")):
            runner.get()
    finally:
        checker.stop()


def test_names():
    assert zmq.green.eventloop.IOLoop is ioloop.IOLoop
    assert issubclass(ioloop.IOLoop, tornado.ioloop.IOLoop)
    assert ioloop.ZMQIOLoop is ioloop.IOLoop
    assert ioloop.PeriodicCallback is tornado.ioloop.PeriodicCallback
    assert issubclass(zmqstream.ZMQStream, zmq.eventloop.zmqstream.ZMQStream)
    with pytest.warns(DeprecationWarning, match="IOLoop.current"):
        ioloop.install()


def test_importing_the_ioloop_warns_as_in_pyzmq():
    # PyZMQ's is zmq.eventloop.ioloop, whose import warns; this one keeps working
    code = textwrap.dedent(
        """
        import warnings
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import zmq.green.eventloop.zmqstream
        for warning in caught:
            print(warning.category.__name__, warning.filename, warning.message)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("DeprecationWarning ")
    assert "zmq.green.eventloop.ioloop is deprecated" in lines[0]
    # attributed to the module that imports it, not to the import machinery
    assert "importlib" not in lines[0].split()[1]


def test_current_is_a_green_loop_of_this_thread():
    loop = ioloop.IOLoop.current()
    try:
        assert isinstance(loop, ioloop.IOLoop)
        assert ioloop.IOLoop.current() is loop
        assert ioloop.IOLoop.instance() is loop
        assert tornado.ioloop.IOLoop.current() is loop  # it is made current
    finally:
        loop.close()
    assert ioloop.IOLoop.current() is not loop
    ioloop.IOLoop.current().close()
    assert ioloop.IOLoop.current(instance=False) is None


def test_the_loop_lets_greenlets_run_while_it_waits(loop):
    ticks = []

    def tick():
        while len(ticks) < 20:
            gevent.sleep(0.001)
            ticks.append(1)

    ticker = gevent.spawn(tick)
    fired = []
    loop.call_later(0.05, fired.append, True)
    run_until(loop, lambda: fired and ticker.dead)
    assert len(ticks) == 20


@pytest.mark.parametrize("green", [True, False], ids=["green socket", "plain socket"])
def test_stream_echoes_to_a_greenlet(context, loop, green):
    ctx = context if green else zmq.Context.shadow(context)
    server, client = ctx.socket(zmq.DEALER), context.socket(zmq.DEALER)
    server.bind("inproc://stream-echo")
    client.connect("inproc://stream-echo")
    stream = zmqstream.ZMQStream(server)
    assert stream.io_loop is loop
    stream.on_recv(lambda msg: stream.send_multipart([b"echo", *msg]))
    answers = []

    def ask():
        for number in range(200):
            client.send_multipart([b"%d" % number, b"x" * number])
            answers.append(client.recv_multipart())

    asking = gevent.spawn(ask)
    run_until(loop, lambda: asking.dead)
    asking.get()
    assert answers == [[b"echo", b"%d" % n, b"x" * n] for n in range(200)]
    stream.close()
    assert server.closed


def test_stream_sends_what_greenlets_queue(context, loop):
    push, pull = context.socket(zmq.PUSH), context.socket(zmq.PULL)
    push.sndhwm = pull.rcvhwm = 2
    pull.bind("inproc://stream-send")
    push.connect("inproc://stream-send")
    stream = zmqstream.ZMQStream(push)
    sent = []
    stream.on_send(lambda msg, status: sent.append(msg))
    for number in range(50):
        stream.send(b"%d" % number)
    received = gevent.spawn(lambda: [pull.recv() for _ in range(50)])
    run_until(loop, lambda: received.dead)
    assert received.get() == [b"%d" % n for n in range(50)]
    assert len(sent) == 50
    stream.close()


def test_stream_of_another_loop_keeps_it(context, loop):
    other = ioloop.IOLoop(make_current=False)
    try:
        stream = zmqstream.ZMQStream(context.socket(zmq.PULL), other)
        assert stream.io_loop is other
        stream.close()
    finally:
        other.close()


def test_without_tornado_the_import_says_what_to_install():
    code = textwrap.dedent(
        """
        import sys
        sys.modules["tornado"] = None  # as if tornado were not installed
        try:
            import zmq.green.eventloop
        except ImportError as error:
            print(error)
        """
    )
    with warnings.catch_warnings():
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 0, result.stderr
    message = result.stdout.strip()
    assert message.startswith("zmq.green.eventloop cannot be used")
    assert "pip install pyzmq-core[tornado]" in message

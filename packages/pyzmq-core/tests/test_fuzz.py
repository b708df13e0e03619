"""Fuzzed inputs: every entry point that takes user data either works or raises
a Python exception with a message; none crashes, hangs or spoils later calls.

The number of examples is small by default; tools/hardening runs many more
(HYPOTHESIS_PROFILE=long).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import pickle
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zmq
import zmq.asyncio
from zmq.utils.monitor import parse_monitor_message

# every test runs with each implementation of zmq's API (zmq.green too) as ``zmq``
pytestmark = pytest.mark.zmq_implementations

settings.register_profile(
    "quick", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

# what user data can be: anything
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.binary(max_size=2000),
    st.text(max_size=50),
    st.lists(st.binary(max_size=10), max_size=3),
    st.builds(bytearray, st.binary(max_size=100)),
    st.builds(memoryview, st.binary(max_size=100)),
    st.builds(object),
)
# what an exception may be, when the input is wrong
# what PyZMQ raises for bad input too
EXPECTED = (
    TypeError,
    ValueError,
    OverflowError,
    BufferError,
    IndexError,
    zmq.ZMQError,
    zmq.ZMQVersionError,
)
# options that act on the process itself when set to an arbitrary value
DANGEROUS_OPTIONS = {int(zmq.USE_FD)}


@pytest.fixture(scope="module")
def ctx(zmq):
    context = zmq.Context()
    yield context
    context.destroy(linger=0)


_endpoint_ids = itertools.count()


def _pair(ctx):
    a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
    url = f"inproc://fuzz-{next(_endpoint_ids)}"
    a.bind(url)
    b.connect(url)
    b.rcvtimeo = 1000
    return a, b


def _still_works(a, b):
    """The pair still delivers a known message, whole."""
    a.send(b"still alive")
    while True:
        parts = b.recv_multipart()
        if parts[-1] == b"still alive":
            return


@given(
    data=values,
    flags=st.integers(min_value=-(2**40), max_value=2**40),
    copy=st.booleans(),
    track=st.booleans(),
)
def test_send(ctx, data, flags, copy, track):
    a, b = _pair(ctx)
    try:
        with contextlib.suppress(EXPECTED):
            a.send(data, flags, copy, track)
        _still_works(a, b)
    finally:
        a.close(linger=0)
        b.close(linger=0)


@given(parts=st.lists(values, max_size=5), copy=st.booleans())
def test_send_multipart(ctx, parts, copy):
    a, b = _pair(ctx)
    try:
        with contextlib.suppress(EXPECTED):
            a.send_multipart(parts, copy=copy)
        _still_works(a, b)
    finally:
        a.close(linger=0)
        b.close(linger=0)


# besides EXPECTED, what each helper may raise for data it cannot take
HELPER_ERRORS = {
    "send_string": (),
    "send_json": (),
    "send_pyobj": (pickle.PicklingError,),
    "recv_into": (BufferError,),
}


@given(method=st.sampled_from(sorted(HELPER_ERRORS)), data=values)
def test_helpers(ctx, method, data):
    a, b = _pair(ctx)
    try:
        with contextlib.suppress(*EXPECTED, *HELPER_ERRORS[method]):
            if method == "recv_into":
                a.send(b"0123456789")
                b.recv_into(data)
            else:
                getattr(a, method)(data)
        _still_works(a, b)
    finally:
        a.close(linger=0)
        b.close(linger=0)


@given(
    data=st.one_of(st.binary(max_size=200), st.text(max_size=50).map(str.encode)),
    method=st.sampled_from(["recv_string", "recv_json"]),
    encoding=st.sampled_from(["utf-8", "ascii", "latin-1", "utf-16"]),
)
def test_receive_helpers_on_arbitrary_bytes(ctx, data, method, encoding):
    # (recv_pyobj is left out: unpickling data from anyone is unsafe by design)
    a, b = _pair(ctx)
    try:
        a.send(data)
        # UnicodeDecodeError and JSONDecodeError are ValueErrors
        with contextlib.suppress(ValueError):
            if method == "recv_string":
                assert b.recv_string(encoding=encoding) == data.decode(encoding)
            else:
                b.recv_json()
        _still_works(a, b)
    finally:
        a.close(linger=0)
        b.close(linger=0)


@pytest.mark.not_for("zmq.green", "it fuzzes zmq.asyncio")
@given(data=values, flags=st.integers(min_value=-(2**40), max_value=2**40))
def test_asyncio_send_and_recv(zmq, data, flags):
    async def exchange():
        actx = zmq.asyncio.Context()
        a, b = actx.socket(zmq.PAIR), actx.socket(zmq.PAIR)
        url = f"inproc://fuzz-async-{next(_endpoint_ids)}"
        try:
            a.bind(url)
            b.connect(url)
            b.rcvtimeo = 1000
            with contextlib.suppress(*EXPECTED):
                await a.send(data, flags)
            await a.send(b"ready")
            with contextlib.suppress(*EXPECTED):
                await b.recv(flags)
            await a.send(b"still alive")
            while (await b.recv_multipart())[-1] != b"still alive":
                pass
        finally:
            a.close(linger=0)
            b.close(linger=0)
            actx.term()

    asyncio.run(exchange())


@given(flags=values, copy=values)
def test_recv_arguments(ctx, flags, copy):
    a, b = _pair(ctx)
    try:
        a.send(b"x")
        with contextlib.suppress(EXPECTED):
            b.recv(flags, copy)
        _still_works(a, b)
    finally:
        a.close(linger=0)
        b.close(linger=0)


@given(option=st.integers(min_value=-5, max_value=300), value=values)
def test_setsockopt_getsockopt(ctx, option, value):
    if option in DANGEROUS_OPTIONS:
        return
    a, b = _pair(ctx)
    try:
        with contextlib.suppress(EXPECTED):
            a.setsockopt(option, value)
        with contextlib.suppress(EXPECTED):
            a.getsockopt(option)
        a.linger = 0
        b.linger = 0
        _still_works(a, b)
    finally:
        a.close(linger=0)
        b.close(linger=0)


@pytest.mark.not_for("zmq.green", "it fuzzes no socket")
@given(data=values, track=values, copy=values, copy_threshold=values)
def test_frame(zmq, data, track, copy, copy_threshold):
    try:
        frame = zmq.Frame(data, track=track, copy=copy, copy_threshold=copy_threshold)
    except EXPECTED:
        return
    assert frame.bytes == bytes(memoryview(frame))
    repr(frame)


@given(data=st.binary(max_size=100), text=values)
def test_z85(data, text):
    from zmq.utils import z85

    if len(data) % 4 == 0:
        assert z85.decode(z85.encode(data)) == data
    else:
        with pytest.raises(ValueError):
            z85.encode(data)
    with contextlib.suppress(TypeError, ValueError):
        z85.decode(text)


@given(message=st.lists(st.one_of(st.binary(max_size=12), values), max_size=4))
def test_monitor_messages(message):
    with contextlib.suppress(TypeError, ValueError):
        parse_monitor_message(message)


def test_well_formed_monitor_message_parses():
    parsed = parse_monitor_message([struct.pack("=HI", 1, 2), b"tcp://a:1"])
    assert parsed["value"] == 2


@given(option=st.integers(min_value=-5, max_value=20), value=values)
def test_context_options(zmq, option, value):
    context = zmq.Context()
    try:
        with contextlib.suppress(EXPECTED):
            context.set(option, value)
        with contextlib.suppress(EXPECTED):
            context.get(option)
        sock = context.socket(zmq.PUSH)
        sock.close()
    finally:
        context.destroy(linger=0)


@given(endpoint=values)
def test_endpoints(zmq, ctx, endpoint):
    sock = ctx.socket(zmq.PUSH)
    try:
        for method in (sock.bind, sock.connect, sock.unbind, sock.disconnect):
            with contextlib.suppress(EXPECTED):
                method(endpoint)
    finally:
        sock.close(linger=0)

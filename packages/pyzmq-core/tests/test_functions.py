"""Module functions: capabilities, CURVE keys, includes, Stopwatch."""

from __future__ import annotations

import os
import time

import pytest

import zmq


def test_has():
    for capability in ("ipc", "curve"):
        assert zmq.has(capability) is True
    assert zmq.has("no such capability") is False
    assert isinstance(zmq.has("draft"), bool)
    assert (zmq.PYZMQ_DRAFT_API and zmq.has("draft")) == zmq.DRAFT_API
    with pytest.raises(TypeError):
        zmq.has(5)
    with pytest.raises(TypeError, match="str"):  # as PyZMQ's
        zmq.has(b"curve")


def test_curve_keys():
    public, secret = zmq.curve_keypair()
    assert len(public) == len(secret) == 40
    assert zmq.curve_public(secret) == public
    assert zmq.curve_public(secret.decode()) == public
    assert zmq.curve_keypair() != (public, secret)


@pytest.mark.parametrize("bad", [b"short", b"x" * 41, "é" * 40])
def test_curve_public_bad_keys(bad):
    with pytest.raises((ValueError, zmq.ZMQError)):
        zmq.curve_public(bad)
    with pytest.raises(TypeError):
        zmq.curve_public(None)


def test_a_bad_secret_key_is_not_repeated_in_the_error():
    secret = "SECRET-key-" + "é" + "x" * 28
    with pytest.raises(ValueError, match="position 11") as info:
        zmq.curve_public(secret)
    assert "SECRET" not in repr(info.value) and info.value.__context__ is None


def test_includes_and_library_dirs():
    includes = zmq.get_includes()
    assert len(includes) >= 2
    assert os.path.basename(includes[1]) == "utils"
    assert os.path.isfile(os.path.join(includes[0], "zmq", "__init__.pxd"))
    assert os.path.isfile(os.path.join(includes[1], "zmq_compat.h"))
    library_dirs = zmq.get_library_dirs()
    assert os.path.basename(library_dirs[0]) == "zmq"
    # a pyzmq-core built with ZMQ_PREFIX=bundled: its libzmq's folders too
    bundle = os.path.join(library_dirs[0], ".libzmq")
    if os.path.isdir(bundle):
        assert includes[2:] == [os.path.join(bundle, "include")]
        assert library_dirs[1:] == [os.path.join(bundle, "lib")]
        assert os.path.isfile(os.path.join(includes[2], "zmq.h"))
    else:
        assert len(includes) == 2 and len(library_dirs) == 1


def test_ipc_path_max_len():
    assert zmq.IPC_PATH_MAX_LEN == 107  # Linux's sun_path, less its NUL


def test_stopwatch_warns_when_made_and_measures_from_its_start():
    # as PyZMQ's: deprecated when made, and stop() leaves it running
    with pytest.warns(DeprecationWarning, match="Stopwatch is deprecated"):
        watch = zmq.Stopwatch()
    watch.start()
    first = watch.stop()
    assert isinstance(first, int) and 0 <= first < 1_000_000
    time.sleep(0.002)  # a span to measure, not a wait for a socket
    second = watch.stop()
    assert first + 2000 <= second < 1_000_000


def test_stopwatch_stopped_before_start_counts_from_the_clock_origin():
    with pytest.warns(DeprecationWarning):
        watch = zmq.Stopwatch()
    elapsed = watch.stop()
    assert isinstance(elapsed, int)
    assert elapsed >= time.monotonic_ns() // 1000 - 1_000_000


def test_zmq_errno_and_strerror():
    assert isinstance(zmq.zmq_errno(), int)
    assert zmq.strerror(zmq.EAGAIN) == os.strerror(zmq.EAGAIN)

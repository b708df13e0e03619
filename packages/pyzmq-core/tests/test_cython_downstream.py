"""Downstream Cython code cimports zmq: a small extension built against pyzmq-core.

The extension is compiled the way a third party would: cythonize and
setuptools' build_ext, with ``zmq.get_includes()`` and libzmq to link with.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import zmq

HELPERS = "raise_zmq_error, socket_claim, socket_handle, socket_release"
CIMPORTS = {
    "package": f"from zmq cimport Context, Frame, Socket, libzmq, {HELPERS}",
    "backend": (
        "from zmq.backend.cython cimport libzmq\n"
        f"from zmq.backend.cython._zmq cimport Context, Frame, Socket, {HELPERS}"
    ),
}

# Uses the compiled classes through their C declarations: typed constructors,
# the cpdef send/recv, the Frame's zmq_msg_t and the Socket's libzmq handle;
# and the C API for extensions, with the bad inputs it must refuse.
# Untyped arguments and b"" literals read the same at language levels 2 and 3.
DOWNSTREAM_PYX = """\
{cimports}


def round_trip(payload, endpoint):
    cdef Context ctx = Context()
    cdef Socket push = Socket(ctx, libzmq.ZMQ_PUSH)
    cdef Socket pull = Socket(ctx, libzmq.ZMQ_PULL)
    cdef Frame received
    cdef char raw[16]
    cdef int size, again
    try:
        pull.rcvtimeo = 10000
        pull.bind(endpoint)
        push.connect(endpoint)
        with nogil:
            size = libzmq.zmq_send(push.handle, b"raw", 3, 0)
        assert size == 3, size
        push.send(Frame(payload))
        with nogil:
            size = libzmq.zmq_recv(pull.handle, raw, sizeof(raw), 0)
        assert size == 3, size
        received = pull.recv(flags=0, copy=False)
        assert libzmq.zmq_msg_size(&received.zmq_msg) == len(payload)
        assert not received.more
        with nogil:
            again = libzmq.zmq_recv(pull.handle, raw + size, 1, libzmq.ZMQ_DONTWAIT)
        assert again == -1 and libzmq.zmq_errno() == libzmq.EAGAIN
        assert libzmq.ZMQ_EVENT_CONNECTED == 1 and libzmq.ZMQ_IDENTITY == libzmq.ZMQ_ROUTING_ID
        return raw[:size], received.bytes
    finally:
        push.close(linger=0)
        pull.close(linger=0)
        ctx.term()


def check_helpers():
    # the C API for extensions: the handle, claiming, the exceptions for errnos
    import errno

    import zmq

    cdef Context ctx = Context()
    cdef Socket push = Socket(ctx, libzmq.ZMQ_PUSH)
    cdef Socket nothing = None
    try:
        assert socket_handle(push) == push.handle
        socket_claim(push)
        try:
            push.send(b"refused", flags=libzmq.ZMQ_DONTWAIT)
        except zmq.ZMQError as error:
            assert error.errno == errno.EBUSY, error
        else:
            raise AssertionError("a claimed socket took a call")
        finally:
            socket_release(push)
        try:
            push.send(b"taken again", flags=libzmq.ZMQ_DONTWAIT)
        except zmq.Again:
            pass
        try:
            socket_handle(nothing)
        except TypeError as error:
            assert "None" in str(error), error
        else:
            raise AssertionError("None gave a handle")
        try:
            socket_claim(nothing)
        except TypeError as error:
            assert "None" in str(error), error
        else:
            raise AssertionError("None was claimed")
        socket_release(nothing)
        for errnum, cls, text in (
            (libzmq.EAGAIN, zmq.Again, zmq.strerror(zmq.EAGAIN)),
            (libzmq.ETERM, zmq.ContextTerminated, zmq.strerror(zmq.ETERM)),
            (libzmq.EINVAL, zmq.ZMQError, zmq.strerror(zmq.EINVAL) + " (in a test)"),
        ):
            try:
                raise_zmq_error(errnum, "in a test")
            except zmq.ZMQError as error:
                assert type(error) is cls and error.errno == errnum, error
                assert str(error) == text, error
    finally:
        push.close(linger=0)
    try:
        socket_handle(push)
    except zmq.ZMQError as error:
        assert error.errno == zmq.ENOTSOCK and "closed" in str(error), error
    else:
        raise AssertionError("a closed socket gave its handle")
    try:
        socket_claim(push)
    except zmq.ZMQError as error:
        assert error.errno == zmq.ENOTSOCK, error
    else:
        raise AssertionError("a closed socket was claimed")
    ctx.term()
    return "helpers checked"
"""

BUILD = """\
import sys

import zmq
from Cython.Build import cythonize
from setuptools import Distribution, Extension
from setuptools.command.build_ext import build_ext

language_level = int(sys.argv[1])
extension = Extension(
    "downstream",
    ["downstream.pyx"],
    include_dirs=zmq.get_includes(),
    libraries=["zmq"],
    # where the libzmq of a pyzmq-core built with ZMQ_PREFIX=bundled is
    library_dirs=zmq.get_library_dirs(),
    runtime_library_dirs=zmq.get_library_dirs(),
)
modules = cythonize(
    [extension], compiler_directives={"language_level": language_level}, quiet=True
)
command = build_ext(Distribution({"ext_modules": modules}))
command.build_lib = "."
command.build_temp = "build"
command.ensure_finalized()
command.run()
"""

RUN = """\
import downstream

print(downstream.round_trip(b"through a downstream extension", b"inproc://downstream"))
print(downstream.check_helpers())
"""


def python(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter, in ``cwd`` (first on its sys.path)."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=280,
    )


def test_headers_are_found() -> None:
    includes = [Path(path) for path in zmq.get_includes()]
    assert (includes[0] / "zmq" / "__init__.pxd").is_file()
    assert (includes[0] / "zmq" / "backend" / "cython" / "libzmq.pxd").is_file()
    assert (includes[0] / "zmq" / "backend" / "cython" / "_zmq.pxd").is_file()
    assert includes[1].name == "utils"
    assert (includes[1] / "zmq_compat.h").is_file()


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("language_level", [3, 2])
@pytest.mark.parametrize("cimports", sorted(CIMPORTS))
def test_downstream_extension(tmp_path: Path, cimports: str, language_level: int) -> None:
    (tmp_path / "downstream.pyx").write_text(DOWNSTREAM_PYX.format(cimports=CIMPORTS[cimports]))
    built = python(BUILD, str(language_level), cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    ran = python(RUN, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == [
        repr((b"raw", b"through a downstream extension")),
        "helpers checked",
    ]

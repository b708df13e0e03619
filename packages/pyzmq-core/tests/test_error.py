"""zmq.error: the exception classes, errno mapping and messages."""

from __future__ import annotations

import errno as errno_module
import pickle

import pytest

import zmq


def test_hierarchy():
    assert issubclass(zmq.ZMQError, zmq.ZMQBaseError)
    assert issubclass(zmq.Again, zmq.ZMQError)
    assert issubclass(zmq.ContextTerminated, zmq.ZMQError)
    assert issubclass(zmq.InterruptedSystemCall, zmq.ZMQError)
    assert issubclass(zmq.InterruptedSystemCall, InterruptedError)
    assert issubclass(zmq.NotDone, zmq.ZMQBaseError)
    assert issubclass(zmq.ZMQBindError, zmq.ZMQBaseError)
    assert issubclass(zmq.ZMQVersionError, NotImplementedError)
    assert issubclass(zmq.DraftFDWarning, RuntimeWarning)


def test_zmqerror_attributes():
    error = zmq.ZMQError(zmq.EINVAL)
    assert error.errno == zmq.EINVAL
    assert error.strerror == zmq.strerror(zmq.EINVAL)
    assert str(error) == zmq.strerror(zmq.EINVAL)
    assert error.args == (zmq.EINVAL,)
    custom = zmq.ZMQError(zmq.EINVAL, "my message")
    assert str(custom) == "my message"
    assert custom.args == (zmq.EINVAL, "my message")


def test_default_errno_is_libzmqs_last(context):
    with pytest.raises(zmq.ZMQError):
        context.socket(9999)
    assert isinstance(zmq.ZMQError().errno, int)


def test_a_message_alone_makes_an_error_without_errno():
    error = zmq.ZMQError("boom")
    assert error.errno is None
    assert str(error) == error.strerror == "boom"
    assert repr(error) == "ZMQError('boom')"


@pytest.mark.parametrize(
    ("cls", "errno"),
    [
        (zmq.Again, zmq.EAGAIN),
        (zmq.ContextTerminated, zmq.ETERM),
        (zmq.InterruptedSystemCall, errno_module.EINTR),
    ],
)
def test_subclasses_made_without_errno_have_their_own(context, cls, errno):
    with pytest.raises(zmq.ZMQError):
        context.socket(9999)  # libzmq's last error is now EINVAL
    error = cls()
    assert error.errno == errno
    assert str(error) == zmq.strerror(errno)
    assert error.args == ()


@pytest.mark.parametrize(
    ("cls", "errno"),
    [
        (zmq.Again, zmq.EAGAIN),
        (zmq.ContextTerminated, zmq.ETERM),
        (zmq.InterruptedSystemCall, errno_module.EINTR),
    ],
)
def test_subclasses_ignore_their_arguments(cls, errno):
    # as PyZMQ's: the errno and message are the class's; args what was given
    # (an OSError, InterruptedSystemCall keeps none, as PyZMQ's)
    error = cls(zmq.EINVAL, "custom text")
    assert error.errno == errno
    assert error.strerror == str(error) == zmq.strerror(errno)
    assert repr(error) == f"{cls.__name__}({zmq.strerror(errno)!r})"
    given = () if cls is zmq.InterruptedSystemCall else (zmq.EINVAL, "custom text")
    assert error.args == given


@pytest.mark.parametrize(
    ("make", "member"),
    [
        (zmq.Again, zmq.Errno.EAGAIN),
        (lambda: zmq.Again(zmq.EAGAIN, "x"), zmq.Errno.EAGAIN),
        (zmq.ContextTerminated, zmq.Errno.ETERM),
        (lambda: zmq.ZMQError(zmq.EAGAIN), zmq.Errno.EAGAIN),
    ],
)
def test_errno_is_an_errno_member_as_in_pyzmq(make, member):
    error = make()
    assert type(error.errno) is zmq.Errno
    assert error.errno is member


def test_an_int_errno_given_stays_an_int():
    error = zmq.ZMQError(int(zmq.EINVAL))
    assert type(error.errno) is int and error.errno == zmq.EINVAL


def test_zmq_own_errors_have_text():
    assert zmq.strerror(zmq.ETERM) == "Context was terminated"
    assert "current state" in zmq.strerror(zmq.EFSM)


def test_errors_raised_by_calls_are_the_subclasses(pair):
    _a, b = pair()
    with pytest.raises(zmq.Again) as info:
        b.recv(zmq.NOBLOCK)
    assert type(info.value) is zmq.Again
    assert info.value.errno is zmq.Errno.EAGAIN  # as PyZMQ's, an Errno member
    assert info.value.strerror == zmq.strerror(zmq.EAGAIN)
    assert info.value.args == (zmq.EAGAIN,)


def test_errors_raised_by_calls_keep_args_to_the_errno(socket):
    sock = socket(zmq.PULL)
    with pytest.raises(zmq.ZMQError) as info:
        sock.bind("nope://x")
    assert info.value.args == (zmq.EPROTONOSUPPORT,)
    assert "nope://x" in str(info.value)  # the message says more, args as PyZMQ's


def test_pickle(socket):
    with pytest.raises(zmq.ZMQError) as info:
        socket(zmq.PULL).bind("nope://x")
    for error in (
        zmq.ZMQError(zmq.EINVAL),
        zmq.Again(zmq.EAGAIN),
        zmq.Again(),
        zmq.ZMQError(5, "text"),
        zmq.ZMQError("text"),
        info.value,
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert copy.errno == error.errno
        assert type(copy.errno) is type(error.errno)
        assert str(copy) == str(error)
        assert copy.args == error.args


def test_version_error():
    error = zmq.ZMQVersionError("4.5", "Some feature")
    assert error.min_version == "4.5"
    assert "Some feature" in str(error) and "4.5" in str(error)
    assert zmq.zmq_version() in str(error)
    draft = zmq.ZMQVersionError("draft", "SERVER sockets")
    assert "draft" in str(draft)


def test_repr():
    assert repr(zmq.Again(zmq.EAGAIN)) == f"Again({zmq.strerror(zmq.EAGAIN)!r})"
    assert repr(zmq.NotDone()) == "NotDone()"


def test_strerror_of_unknown_errno():
    assert isinstance(zmq.strerror(123456), str)
    with pytest.raises(TypeError):
        zmq.strerror("x")


def test_module_has_pyzmqs_eintr():
    # PyZMQ's zmq.error imports errno's EINTR, and code imports it from there
    from zmq.error import EINTR

    assert EINTR == errno_module.EINTR
    assert type(EINTR) is int

# Turning libzmq's errno into the exceptions of zmq.error, cheaply: the
# exception object is made without running Python code, and raised by the
# method the user called, so a failed call costs one traceback entry.

from libc.errno cimport EAGAIN, EINTR, EINVAL, EFAULT, ENOTSOCK

cdef extern from "errno.h":
    enum: ENOTSUP
from cpython.exc cimport PyErr_CheckSignals

from zmq.backend.cython.libzmq cimport EFSM, ETERM, ZMQ_REP, ZMQ_REQ, zmq_strerror
from zmq.backend.cython.libzmq cimport PYZMQ_DRAFT_API as _DRAFT_BUILD
from zmq.backend.cython.libzmq cimport (
    ZMQ_CURVE_PUBLICKEY, ZMQ_CURVE_SECRETKEY, ZMQ_CURVE_SERVERKEY, ZMQ_EVENT_ALL, ZMQ_EVENTS,
    ZMQ_POLLIN,
    ZMQ_POLLOUT, ZMQ_ROUTING_ID,
)
from zmq.backend.cython.libzmq cimport zmq_errno as c_zmq_errno

import zmq.error as _errors
from warnings import warn as _warn

cdef object ZMQError = _errors.ZMQError
cdef object Again = _errors.Again
cdef object ContextTerminated = _errors.ContextTerminated
cdef object InterruptedSystemCall = _errors.InterruptedSystemCall
cdef object ZMQVersionError = _errors.ZMQVersionError
cdef object _DraftAPIError = _errors._DraftAPIError
cdef object DraftFDWarning = _errors.DraftFDWarning
cdef object ZMQBindError = _errors.ZMQBindError
cdef object _NotAZMQObjectError = _errors._NotAZMQObjectError
cdef object _UnusableContextError = _errors._UnusableContextError
cdef object _NothingToShadowError = _errors._NothingToShadowError
cdef object _new_exception = BaseException.__new__
# what Again and ContextTerminated hold as errno, as in PyZMQ: the Errno member
cdef object _EAGAIN_MEMBER = Again._own_errno
cdef object _ETERM_MEMBER = ContextTerminated._own_errno


cdef inline object _error_class(int errnum):
    """The class zmq.error has for ``errnum``."""
    if errnum == EAGAIN:
        return Again
    if errnum == ETERM:
        return ContextTerminated
    if errnum == EINTR:
        return InterruptedSystemCall
    return ZMQError


cdef object _error(int errnum, object msg=None, object cls=None):
    """The exception for ``errnum`` (not raised), with an optional message;
    of class ``cls`` if given, else of the class zmq.error has for ``errnum``."""
    if cls is None:
        cls = _error_class(errnum)
    exc = _new_exception(cls, errnum)
    if cls is Again:
        exc.errno = _EAGAIN_MEMBER
    elif cls is ContextTerminated:
        exc.errno = _ETERM_MEMBER
    else:
        exc.errno = errnum
    if msg is not None:
        exc._msg = f"{zmq_strerror(errnum).decode('utf-8', 'replace')} ({msg})"
    return exc


cdef int raise_zmq_error(int errnum, object detail=None) except -1:
    cls = _error_class(errnum)
    # a class that stands for one error ignores a message, as its constructor does
    raise _error(errnum, None if cls._own_errno is not None else detail, cls)


cdef inline object _closed_error():
    return _error(ENOTSOCK, "the socket is closed")


def strerror(int errno):
    """strerror(errno)

    Return the description of an error number, libzmq's own included.

    Parameters
    ----------
    errno : int
        The error number.

    Returns
    -------
    str
    """
    return zmq_strerror(errno).decode("utf-8", "replace")


def zmq_errno():
    """zmq_errno()

    Return libzmq's last error number in this thread (its ``zmq_errno()``).
    """
    return c_zmq_errno()

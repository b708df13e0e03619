# Devices: libzmq's built-in proxies, waiting without the GIL.

from zmq.backend.cython.libzmq cimport (
    ZMQ_FORWARDER, ZMQ_QUEUE, ZMQ_STREAMER, zmq_proxy, zmq_proxy_steerable,
)


cdef void *_socket_ptr(object socket, str role, bint optional=True) except? NULL:
    if socket is None and optional:
        return NULL
    if not isinstance(socket, Socket):
        raise TypeError(f"the {role} must be a zmq.Socket, got {type(socket).__name__}")
    return socket_handle(socket)


cdef int _claim_all(tuple sockets) except -1:
    """Claim each socket (None: none) for a call that waits (see socket.pxi)."""
    cdef list claimed = []
    try:
        for socket in sockets:
            if socket is not None and (<Socket>socket)._h not in claimed:
                _claim((<Socket>socket)._h)
                claimed.append((<Socket>socket)._h)
    except BaseException:
        for handle in claimed:
            _release(handle)
        raise
    return 0


cdef void _release_all(tuple sockets) noexcept:
    cdef list released = []
    for socket in sockets:
        if socket is not None and (<Socket>socket)._h not in released:
            _release((<Socket>socket)._h)
            released.append((<Socket>socket)._h)


def proxy(frontend, backend, capture=None):
    """proxy(frontend, backend, capture=None)

    Forward messages between two sockets (and copy them to a third), until
    the context is terminated.

    Parameters
    ----------
    frontend, backend : Socket
        The sockets to connect.
    capture : Socket, optional
        A socket that receives a copy of every message.

    Raises
    ------
    zmq.ContextTerminated
        When the context is terminated (the usual way for a proxy to end).
    """
    cdef void *front = _socket_ptr(frontend, "frontend", False)
    cdef void *back = _socket_ptr(backend, "backend", False)
    cdef void *copy_to = _socket_ptr(capture, "capture socket")
    cdef int rc
    cdef int errnum = 0
    cdef tuple sockets = (frontend, backend, capture)
    _claim_all(sockets)
    try:
        while True:
            with nogil:
                rc = zmq_proxy(front, back, copy_to)
                errnum = c_zmq_errno()
            if errnum != EINTR:
                break
            PyErr_CheckSignals()
    finally:
        _release_all(sockets)
    raise _error(errnum, "in proxy")


def proxy_steerable(frontend, backend, capture=None, control=None):
    """proxy_steerable(frontend, backend, capture=None, control=None)

    A :func:`proxy` that a control socket can steer: send it ``PAUSE``,
    ``RESUME``, ``TERMINATE`` or ``STATISTICS`` (answered with 8 counters).

    Parameters
    ----------
    frontend, backend : Socket
        The sockets to connect.
    capture : Socket, optional
        A socket that receives a copy of every message.
    control : Socket, optional
        The socket commands arrive on.

    Returns
    -------
    int
        0, after a TERMINATE command (libzmq's result, as PyZMQ returns it).
    """
    cdef void *front = _socket_ptr(frontend, "frontend", False)
    cdef void *back = _socket_ptr(backend, "backend", False)
    cdef void *copy_to = _socket_ptr(capture, "capture socket")
    cdef void *steer = _socket_ptr(control, "control socket")
    cdef int rc
    cdef int errnum = 0
    cdef tuple sockets = (frontend, backend, capture, control)
    _claim_all(sockets)
    try:
        while True:
            with nogil:
                rc = zmq_proxy_steerable(front, back, copy_to, steer)
                if rc != 0:
                    errnum = c_zmq_errno()
            if rc == 0:
                return rc
            if errnum != EINTR:
                break
            PyErr_CheckSignals()
    finally:
        _release_all(sockets)
    raise _error(errnum, "in proxy_steerable")


def device(int device_type, frontend, backend):
    """device(device_type, frontend, backend)

    The legacy name of :func:`proxy`: forward messages between two sockets
    until the context is terminated.

    Parameters
    ----------
    device_type : int
        ``zmq.QUEUE``, ``zmq.FORWARDER`` or ``zmq.STREAMER`` (all behave the
        same; another int warns, and behaves the same too).
    frontend, backend : Socket
        The sockets to connect.
    """
    if device_type not in (ZMQ_QUEUE, ZMQ_FORWARDER, ZMQ_STREAMER):
        # libzmq (and so PyZMQ) runs the proxy whatever the type says
        _warn(f"device_type {device_type!r} is none of QUEUE, FORWARDER and STREAMER: "
              "the device is a proxy all the same", DeprecationWarning, stacklevel=1)
    return proxy(frontend, backend)

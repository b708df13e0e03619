# cython: freethreading_compatible=True
"""The compiled monitored_queue: a queue device that copies each message to a monitor."""

# The loop talks to libzmq directly through pyzmq-core's declarations, and
# runs without the GIL, which it takes back only to run signal handlers. Its
# helpers return error numbers instead of raising, so that the C compiler can
# inline them: the loop costs little more than the libzmq calls it makes.

from cpython.bytes cimport PyBytes_AS_STRING
from libc.errno cimport EAGAIN, EINTR
from libc.string cimport memcpy

from zmq cimport Socket, libzmq, raise_zmq_error, socket_claim, socket_handle, socket_release
from zmq.backend.cython.libzmq cimport zmq_msg_t, zmq_pollitem_t

from zmq.devices._queuerules import check_prefix, check_socket_types
from zmq.error import ZMQError

cdef extern from "Python.h":
    # declared without cpython.exc's "except -1": the caller checks the result
    int PyErr_CheckSignals() nogil

__all__ = ["monitored_queue"]

cdef enum:
    # messages taken from one socket in a row before the other gets its turn:
    # one zmq_poll per burst instead of one per message
    BURST = 1000
    # results besides 0 (done) and libzmq's error numbers, which are positive
    INTERRUPTED = -1  # a signal handler raised: its exception is set
    IDLE = -2         # no message was waiting


cdef struct Relay:
    # the sockets and the message buffers of one direction of the queue
    void *source
    void *target
    void *monitor
    zmq_msg_t *prefix
    bint swap_ids
    zmq_msg_t *first
    zmq_msg_t *second
    zmq_msg_t *copy


cdef int _signal_raised() noexcept nogil:
    """Run the Python signal handlers after an interrupted call: did one raise?"""
    with gil:
        return PyErr_CheckSignals() < 0


cdef inline int _transfer(zmq_msg_t *msg, void *socket, int flags, bint sending) noexcept nogil:
    """Send or receive one part, again after a signal: 0, INTERRUPTED, or libzmq's errno."""
    cdef int errnum
    while (
        libzmq.zmq_msg_send(msg, socket, flags) if sending
        else libzmq.zmq_msg_recv(msg, socket, flags)
    ) < 0:
        errnum = libzmq.zmq_errno()
        if errnum != EINTR:
            return errnum
        if _signal_raised():
            return INTERRUPTED
    return 0


cdef inline int _recv(zmq_msg_t *msg, void *socket, int flags) noexcept nogil:
    """Receive one part: 0, INTERRUPTED, or libzmq's errno."""
    return _transfer(msg, socket, flags, False)


cdef inline int _send(zmq_msg_t *msg, void *socket, int flags) noexcept nogil:
    """Send one part, waiting if need be: 0, INTERRUPTED, or libzmq's errno."""
    return _transfer(msg, socket, flags, True)


cdef inline int _monitor(Relay *relay, zmq_msg_t *part, int flags) noexcept nogil:
    """Send the monitor a copy of ``part``, sharing its data."""
    if libzmq.zmq_msg_copy(relay.copy, part) < 0:
        return libzmq.zmq_errno()
    return _send(relay.copy, relay.monitor, flags)


cdef inline int _relay_part(Relay *relay, zmq_msg_t *part, int flags) noexcept nogil:
    """Send a part to the monitor, then to the target."""
    cdef int errnum = _monitor(relay, part, flags)
    if errnum:
        return errnum
    return _send(part, relay.target, flags)


cdef inline int _relay_message(Relay *relay) noexcept nogil:
    """Forward one whole message: 0, IDLE if none was waiting, INTERRUPTED, or an errno."""
    cdef int errnum = _recv(relay.first, relay.source, libzmq.ZMQ_DONTWAIT)
    cdef bint more
    if errnum:
        return IDLE if errnum == EAGAIN else errnum
    more = libzmq.zmq_msg_more(relay.first)
    errnum = _monitor(relay, relay.prefix, libzmq.ZMQ_SNDMORE)
    if errnum:
        return errnum
    if relay.swap_ids and more:
        # between two ROUTERs, the sender's identity (added by the source) and
        # the recipient's trade places, so that the target routes the message
        # and the reply finds its way back
        errnum = _recv(relay.second, relay.source, 0)
        if errnum:
            return errnum
        more = libzmq.zmq_msg_more(relay.second)
        errnum = _relay_part(relay, relay.second, libzmq.ZMQ_SNDMORE)
        if errnum:
            return errnum
    errnum = _relay_part(relay, relay.first, libzmq.ZMQ_SNDMORE if more else 0)
    while more and not errnum:
        errnum = _recv(relay.first, relay.source, 0)
        if errnum:
            return errnum
        more = libzmq.zmq_msg_more(relay.first)
        errnum = _relay_part(relay, relay.first, libzmq.ZMQ_SNDMORE if more else 0)
    return errnum


cdef int _run(Relay *relays, zmq_pollitem_t *items, int count) noexcept nogil:
    """Forward messages until an error: INTERRUPTED, or libzmq's errno (ETERM at the end)."""
    cdef int errnum, i, n
    while True:
        if libzmq.zmq_poll(items, count, -1) < 0:
            errnum = libzmq.zmq_errno()
            if errnum != EINTR:
                return errnum
            if _signal_raised():
                return INTERRUPTED
            continue
        for i in range(count):
            if not items[i].revents & libzmq.ZMQ_POLLIN:
                continue
            for n in range(BURST):
                errnum = _relay_message(&relays[i])
                if errnum == IDLE:
                    break
                if errnum:
                    return errnum


cdef int _init_prefix(zmq_msg_t *msg, bytes prefix) except -1:
    # a copy libzmq owns: the monitor's messages may outlive the bytes object
    if libzmq.zmq_msg_init_size(msg, <size_t>len(prefix)) < 0:
        libzmq.zmq_msg_init(msg)
        raise MemoryError("no memory for monitored_queue's prefixes")
    memcpy(libzmq.zmq_msg_data(msg), PyBytes_AS_STRING(prefix), len(prefix))
    return 0


cdef int _raise_pending() except -1:
    """Raise the exception a signal handler left set."""
    return -1


cdef void *_handle(object socket, str name) except NULL:
    """The libzmq socket of the argument ``name``, whose errors it names."""
    if not isinstance(socket, Socket):
        raise TypeError(f"{name} must be a zmq.Socket, not {type(socket).__name__}")
    try:
        return socket_handle(socket)
    except ZMQError as error:
        failure = type(error)(error.errno, f"{name}: {error}")
    raise failure


def monitored_queue(in_socket, out_socket, mon_socket, in_prefix=b"in", out_prefix=b"out"):
    """monitored_queue(in_socket, out_socket, mon_socket, in_prefix=b'in', out_prefix=b'out')

    Forward messages between two sockets, and copy each one to a monitor
    socket, until the context is terminated.

    A message received on ``in_socket`` goes out on ``out_socket``, and one
    received on ``out_socket`` goes out on ``in_socket``; ``mon_socket`` gets
    ``[in_prefix, *parts]`` or ``[out_prefix, *parts]``. When both sockets are
    ROUTERs, the first two parts (the sender's and the recipient's identities)
    trade places, so that replies find their way back.

    The loop is compiled and waits without holding the GIL.

    Parameters
    ----------
    in_socket, out_socket : Socket
        The two sides of the queue (they may be the same socket).
    mon_socket : Socket
        The socket that gets a copy of every message (a PUB, usually).
    in_prefix, out_prefix : bytes
        The first part of the monitor's copy of a message from ``in_socket``,
        and of one from ``out_socket``.

    Raises
    ------
    zmq.ContextTerminated
        When the context is terminated: the usual way for the queue to end.
    zmq.ZMQError
        When a socket is closed or fails.
    TypeError, ValueError
        For something other than sockets, sockets of types that cannot do
        their part, or prefixes that are not bytes.
    """
    cdef void *ins = _handle(in_socket, "in_socket")
    cdef void *outs = _handle(out_socket, "out_socket")
    cdef void *mons = _handle(mon_socket, "mon_socket")
    cdef int in_type = in_socket.type
    cdef int out_type = out_socket.type
    cdef bint swap = in_type == libzmq.ZMQ_ROUTER and out_type == libzmq.ZMQ_ROUTER
    # first, second, copy, in_prefix, out_prefix
    cdef zmq_msg_t msgs[5]
    cdef Relay relays[2]
    cdef zmq_pollitem_t items[2]
    cdef int errnum, i
    check_socket_types(in_type, out_type, mon_socket.type)
    check_prefix(in_prefix, "in_prefix")
    check_prefix(out_prefix, "out_prefix")

    relays[0] = Relay(ins, outs, mons, &msgs[3], swap, &msgs[0], &msgs[1], &msgs[2])
    relays[1] = Relay(outs, ins, mons, &msgs[4], swap, &msgs[0], &msgs[1], &msgs[2])
    items[0].socket = ins
    items[1].socket = outs
    for i in range(2):
        items[i].fd = 0
        items[i].events = libzmq.ZMQ_POLLIN
        items[i].revents = 0
    for i in range(5):
        libzmq.zmq_msg_init(&msgs[i])
    try:
        _init_prefix(&msgs[3], in_prefix)
        _init_prefix(&msgs[4], out_prefix)
        # claimed: a socket must not be closed or used by another thread under
        # the queue (Context.destroy ends the queue first)
        # (each libzmq socket once: the same may be on both sides)
        sockets = {sock.underlying: sock for sock in (in_socket, out_socket, mon_socket)}
        claimed = []
        try:
            for socket in sockets.values():
                socket_claim(socket)
                claimed.append(socket)
            with nogil:
                # the same socket on both sides is polled once
                errnum = _run(relays, items, 1 if ins == outs else 2)
        finally:
            for socket in claimed:
                socket_release(socket)
    finally:
        for i in range(5):
            libzmq.zmq_msg_close(&msgs[i])
    if errnum == INTERRUPTED:
        _raise_pending()
    raise_zmq_error(errnum, "in monitored_queue")

# cython: language_level=3
"""Calls to libzmq on zmq's own sockets, from Cython, without holding the GIL."""

from zmq cimport (
    Frame, Socket, libzmq, raise_zmq_error, socket_claim, socket_handle, socket_release,
)


def send_raw(Socket socket, bytes data, int flags=0):
    """Send ``data`` as one message with libzmq's zmq_send."""
    cdef void *handle = socket_handle(socket)  # raises if the socket is closed
    cdef const char *buffer = data
    cdef size_t size = len(data)
    cdef int rc
    cdef int errnum = 0
    # no other thread may use or close the socket while this call waits
    socket_claim(socket)
    try:
        with nogil:
            rc = libzmq.zmq_send(handle, buffer, size, flags)
            if rc < 0:
                errnum = libzmq.zmq_errno()
    finally:
        socket_release(socket)
    if rc < 0:
        raise_zmq_error(errnum, "in send_raw")


def received_size(Socket socket):
    """Receive one message as a Frame, through the compiled recv, and return its size."""
    cdef Frame frame = socket.recv(flags=0, copy=False)
    return libzmq.zmq_msg_size(&frame.zmq_msg)

# cython: language_level=3
"""Calls to libzmq on zmq's own sockets, from Cython, without holding the GIL."""

from zmq cimport Frame, Socket, libzmq


def send_raw(Socket socket, bytes data):
    """Send ``data`` as one message with libzmq's zmq_send."""
    cdef const char *buffer = data
    cdef size_t size = len(data)
    cdef int rc
    with nogil:
        rc = libzmq.zmq_send(socket.handle, buffer, size, 0)
    if rc < 0:
        raise OSError(libzmq.zmq_errno(), libzmq.zmq_strerror(libzmq.zmq_errno()).decode())


def received_size(Socket socket):
    """Receive one message as a Frame, through the compiled recv, and return its size."""
    cdef Frame frame = socket.recv(flags=0, copy=False)
    return libzmq.zmq_msg_size(&frame.zmq_msg)

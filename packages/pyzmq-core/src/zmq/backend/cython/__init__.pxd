from zmq.backend.cython cimport libzmq
from zmq.backend.cython._zmq cimport (
    Context, Frame, Socket, raise_zmq_error, socket_claim, socket_handle, socket_release,
)

# For downstream Cython code: from zmq cimport Context, Socket, Frame, libzmq,
# and the C API for extensions (see zmq/backend/cython/_zmq.pxd)
from zmq.backend.cython cimport libzmq
from zmq.backend.cython._zmq cimport (
    Context, Frame, Socket, raise_zmq_error, socket_claim, socket_handle, socket_release,
)

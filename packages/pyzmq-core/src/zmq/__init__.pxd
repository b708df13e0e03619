# For downstream Cython code: from zmq cimport Context, Socket, Frame, libzmq
from zmq.backend.cython cimport libzmq
from zmq.backend.cython._zmq cimport Context, Frame, Socket

from zmq.backend.cython cimport libzmq
from zmq.backend.cython._zmq cimport Context, Frame, Socket

# The compiled classes, declared for downstream Cython code:
#     from zmq cimport Context, Socket, Frame, libzmq
# The layout of these classes is part of pyzmq-core's C API.

cimport cython

from zmq.backend.cython.libzmq cimport zmq_msg_t


@cython.final
cdef class _Handle:
    """One libzmq context or socket, shared by the objects wrapping it."""
    cdef object __weakref__
    cdef void *ptr
    cdef bint closed
    cdef bint owned
    cdef int kind
    cdef unsigned long fork_generation
    cdef _Handle context          # a socket's context
    cdef Py_ssize_t open_sockets  # a context's sockets not closed yet
    cdef tuple on_edge            # a socket's edge hooks (see add_edge_hook)
    # A socket's count of calls in progress without the GIL (in other threads,
    # when one wants to close it): raise it before such a call, lower it after.
    cdef int busy
    cdef bint thread_safe         # a socket's: libzmq takes calls from several threads at once
    cdef bint shut_down           # a context's: zmq_ctx_shutdown was called
    cdef bint terminating         # a context's: zmq_ctx_term was called (and may have freed it)
    cdef void *draft_poller       # a thread-safe socket's: the poller whose FD it uses
    # EFAULT or ENOTSOCK for a shadow of an address that holds no libzmq object
    # of its kind (closed, unregistered: libzmq never sees it), else 0
    cdef int invalid_errno
    cdef void _forget(self)
    cdef bint usable(self)
    cdef void mark_closed(self)


cdef class Context:
    cdef object __weakref__
    cdef void *handle
    cdef readonly bint _shadow
    cdef _Handle _h            # shared with the context's other wrappers
    cdef object _shadowed      # the Context a shadow wraps, kept alive
    cdef bint _usable(self)
    cdef int _check(self) except -1


cdef class Frame:
    cdef zmq_msg_t zmq_msg
    cdef object _data          # the object whose buffer a zero-copy frame shares
    cdef object _bytes         # cached result of .bytes
    cdef object _buffer        # cached result of .buffer
    cdef public object tracker_event
    cdef public object tracker
    cdef public bint more
    cdef Frame fast_copy(self)


cdef class Socket:
    cdef object __weakref__
    cdef void *handle
    cdef readonly bint _shadow
    cdef public object context
    cdef _Handle _h            # shared with the socket's other wrappers
    cdef public int copy_threshold
    cdef int _type
    cdef object _unusable_error(self)
    cdef object _send_part(self, object data, int flags, bint copy, bint track)
    cdef int _set_attribute_option(self, int option, object value) except -1
    cpdef object send(self, object data, int flags=*, bint copy=*, bint track=*,
                      object routing_id=*, object group=*)
    cpdef object recv(self, int flags=*, bint copy=*, bint track=*)


# The C API for extensions (docs: Writing a Cython extension against the core).
# Given None instead of a Socket, each raises TypeError (socket_release,
# which cannot raise, does nothing).
#
# socket_handle: the libzmq socket of ``socket``, raising what zmq raises for a
# socket that takes no call (closed, of the parent process after fork, a
# shadow of an address that holds no socket).
cdef void *socket_handle(Socket socket) except NULL
# Downstream code that calls libzmq on a Socket's handle without the GIL claims
# the socket first (raising if it is closed, or if another thread waits in a
# call on it) and releases it after: no other thread can use or close the
# socket meanwhile, and its event-loop integration looks at it again after.
cdef int socket_claim(Socket socket) except -1
cdef void socket_release(Socket socket) noexcept
# raise_zmq_error: raise the exception zmq raises for libzmq's ``errnum``
# (Again, ContextTerminated, InterruptedSystemCall or ZMQError), its message
# libzmq's text followed by ``detail`` in parentheses; Again, ContextTerminated
# and InterruptedSystemCall keep libzmq's text alone, as their constructors do.
cdef int raise_zmq_error(int errnum, object detail=*) except -1

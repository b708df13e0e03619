# Shared ownership of libzmq objects.
#
# A Context or Socket may be wrapped by several Python objects: its owner and
# its shadows. They share one _Handle, found by address in a registry, which
# records whether the libzmq object is still open: closing through any wrapper
# closes it for all, and no wrapper ever hands a freed pointer to libzmq.
# The libzmq object is released when the last wrapper of an owned handle dies:
# a socket is closed, a context is terminated in a background thread so that
# garbage collection never blocks on lingering messages.
#
# Without the GIL (free-threaded Python), the state of a handle is guarded by
# a critical section on the handle (see socket.pxi), the registry by one on
# the registry, and a context's count of open sockets, changed by the
# sockets' threads, is atomic.

from cpython.exc cimport PyErr_WriteUnraisable as _write_unraisable
from cpython.pythread cimport PyThread_start_new_thread

import os as _os
from weakref import ref as _weak_ref

from zmq.backend.cython.libzmq cimport zmq_close, zmq_ctx_term, zmq_poller_destroy

cdef extern from *:
    """
    #if defined(_MSC_VER)
    #include <windows.h>
    #define pyzmq_atomic_add(ptr, change) \\
        (InterlockedExchangeAdd64((LONG64 volatile *)(ptr), (change)) + (change))
    #else
    #define pyzmq_atomic_add(ptr, change) __atomic_add_fetch((ptr), (change), __ATOMIC_SEQ_CST)
    #endif
    static void pyzmq_terminate_context(void *context)
    {
        while (zmq_ctx_term(context) == -1 && zmq_errno() == EINTR) {
        }
    }
    """
    void pyzmq_terminate_context(void *context) nogil
    Py_ssize_t pyzmq_atomic_add(Py_ssize_t *value, Py_ssize_t change) noexcept nogil

# address -> weak reference to the live _Handle at that address: weak, so
# that a handle another thread is deallocating is never revived by a lookup
cdef dict _handle_registry = {}

# Incremented in a forked child: objects made before the fork belong to the
# parent's libzmq, whose threads do not exist in the child.
cdef unsigned long _fork_generation = 0


def _after_fork_in_child():
    global _fork_generation
    _fork_generation += 1
    _handle_registry.clear()
    pyzmq_release_forget()
    # the parent's messages: the child never sees them released
    _live_holds.clear()


_os.register_at_fork(after_in_child=_after_fork_in_child)

cdef enum:
    CONTEXT_HANDLE = 0
    SOCKET_HANDLE = 1


@cython.freelist(8)
cdef class _Handle:

    def __dealloc__(self):
        if self.closed:
            return
        self.mark_closed()
        if not self.owned or self.fork_generation != _fork_generation:
            return
        if self.kind == SOCKET_HANDLE:
            _zmq_close(self)
        elif PyThread_start_new_thread(pyzmq_terminate_context, self.ptr) == <unsigned long>-1:
            # no thread to spare: leaking the context is better than blocking here
            pass

    cdef void _forget(self):
        cdef size_t address = <size_t>self.ptr
        if self.fork_generation != _fork_generation:
            return
        with cython.critical_section(_handle_registry):
            known = _handle_registry.get(address)
            # dead: this handle's, whose weak references are gone once it is deallocated
            if known is not None and known() in (self, None):
                del _handle_registry[address]

    cdef bint usable(self):
        return not self.closed and self.fork_generation == _fork_generation

    cdef void mark_closed(self):
        """Record that the libzmq object was closed (by the caller)."""
        if not self.closed:
            # closed first: forgetting may let other threads in (see socket.pxi)
            self.closed = True
            self._forget()
            self.on_edge = None
            if self.context is not None:
                pyzmq_atomic_add(&self.context.open_sockets, -1)
                self.context = None


cdef _Handle _handle_for(void *ptr, int kind, bint owned):
    """The shared handle of ``ptr``: the registered one, or a new one."""
    with cython.critical_section(_handle_registry):
        return _registered_handle(ptr, kind, owned)


cdef _Handle _registered_handle(void *ptr, int kind, bint owned):
    cdef size_t address = <size_t>ptr
    cdef object known = _handle_registry.get(address)
    cdef _Handle handle
    # libzmq just made an owned object: a handle still registered at its address
    # is one of a freed object that is not forgotten yet
    if known is not None and not owned:
        known = known()
        if known is not None and (<_Handle>known).kind == kind:
            return known
    handle = _Handle.__new__(_Handle)
    handle.ptr = ptr
    handle.kind = kind
    handle.owned = owned
    handle.fork_generation = _fork_generation
    _handle_registry[address] = _weak_ref(handle)
    return handle


# the handle of a wrapper whose __init__ has not run: closed, so unusable
cdef _Handle _UNSET_HANDLE = _Handle.__new__(_Handle)
_UNSET_HANDLE.closed = True


cdef list _registered_handles():
    """Every registered handle that is alive."""
    # dict.copy is atomic; looking through the weak references may let other
    # threads change the registry meanwhile
    handles = [known() for known in _handle_registry.copy().values()]
    return [handle for handle in handles if handle is not None]


cdef void _close_socket(_Handle handle) noexcept:
    """zmq_close a socket, telling its event-loop integration first.

    The hook runs while the socket already reads as closed but its FD is still
    open: libzmq closes the FD in its own thread right after zmq_close, and an
    event loop still watching it then (libuv's does) may abort the process.
    """
    cdef object hooks = handle.on_edge
    handle.mark_closed()
    _run_hooks(hooks)
    _zmq_close(handle)


cdef inline void _zmq_close(_Handle handle) noexcept:
    """zmq_close, after the poller of a thread-safe socket's FD, which refers to it."""
    if handle.draft_poller != NULL:
        zmq_poller_destroy(&handle.draft_poller)
    zmq_close(handle.ptr)


cdef void _edge_consumed(_Handle handle) noexcept:
    """Tell the socket's event loop integration that an operation may have
    consumed the edge of its ZMQ_FD.

    libzmq's FD is edge-triggered: reading EVENTS, sending or receiving
    processes the socket's pending commands and resets the FD, through any
    wrapper of the socket. A waiter that saw no event before would then never
    be woken by the FD; the hook lets the integration look again.
    """
    if handle.on_edge is not None:
        _run_hooks(handle.on_edge)


cdef void _run_hooks(tuple hooks) noexcept:
    if hooks is None:
        return
    for hook in hooks:
        try:
            hook()
        except BaseException:
            _write_unraisable(hook)

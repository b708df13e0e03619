# Context: a libzmq context, owned or shadowed.

from zmq.backend.cython.libzmq cimport (
    ZMQ_IO_THREADS, ZMQ_MAX_SOCKETS, ZMQ_SOCKET_LIMIT, ZMQ_THREAD_AFFINITY_CPU_ADD,
    ZMQ_THREAD_PRIORITY, ZMQ_THREAD_SCHED_POLICY, zmq_ctx_get, zmq_ctx_new, zmq_ctx_set,
    zmq_ctx_shutdown,
)
from zmq.constants import ContextOption as _ContextOption


cdef inline bint _wants_shadow(object shadow):
    """Whether a ``shadow`` argument asks for a shadow (0, False and None do not)."""
    return shadow is not None and not (isinstance(shadow, int) and shadow == 0)


# Bytes surely readable at a libzmq object's address: fewer than any context
# or socket of libzmq 4.x takes (about 650 and 1800), more than the offset of
# the tag by which libzmq tells its objects from other memory.
cdef dict _SHADOW_PROBE_SIZE = {"context": 256, "socket": 1536}


cdef void *_address_of(object obj, str what) except? NULL:
    """The libzmq pointer given as an int address (or an object with one).

    An address of no known object must have readable memory behind it, so
    that libzmq's tag check (made next, by the caller's first call) can refuse
    a wrong one instead of crashing on it. An address that holds no ``what``
    raises what PyZMQ raises at the first use of such a shadow (EFAULT for a
    context, ENOTSOCK for a socket), in a class that is also a ValueError.
    """
    from zmq.utils.interop import cast_int_addr

    cdef size_t address = cast_int_addr(obj)
    cdef int kind = CONTEXT_HANDLE if what == "context" else SOCKET_HANDLE
    cdef object known
    if address == 0:
        raise _not_a_zmq_object(what, f"cannot shadow a NULL {what}")
    known = _handle_registry.get(address)
    if known is not None:
        known = known()  # a weak reference (see handles.pxi)
    if known is not None:
        if (<_Handle>known).kind == kind:
            return <void *>address
    elif _readable(address, _SHADOW_PROBE_SIZE[what]) and (
        # a socket's tag is checked by the caller, which reads its type first
        what == "socket" or zmq_ctx_get(<void *>address, ZMQ_IO_THREADS) >= 0
    ):
        return <void *>address
    raise _not_a_zmq_object(
        what,
        f"cannot shadow {address:#x}: no libzmq {what} there "
        f"(pass a {what}'s .underlying, not its id())",
    )


cdef object _not_a_zmq_object(str what, str msg):
    return _error(EFAULT if what == "context" else ENOTSOCK, msg, _NotAZMQObjectError)


cdef bint _readable(size_t address, Py_ssize_t size) except -1:
    """Whether ``size`` bytes at ``address`` can be read, found without reading
    them here: the kernel refuses (EFAULT) to copy unmapped memory to a pipe."""
    import ctypes
    import os

    read_end, write_end = os.pipe()
    try:
        return os.write(write_end, (ctypes.c_char * size).from_address(address)) == size
    except OSError:
        return False
    finally:
        os.close(read_end)
        os.close(write_end)


cdef class Context:
    """Context(io_threads=1, shadow=0)

    The compiled part of :class:`zmq.Context`: a libzmq context.

    Parameters
    ----------
    io_threads : int or Context
        The number of I/O threads; given a Context, make a shadow of it.
    shadow : int or Context
        Wrap an existing libzmq context (by address, or another Context's)
        instead of making a new one. A shadow does not own the context.
    """

    def __cinit__(self, *args, **kwargs):
        self._h = _UNSET_HANDLE

    def __init__(self, io_threads=1, shadow=0):
        cdef _Handle handle
        cdef bint is_shadow = True
        if isinstance(io_threads, Context):
            shadow = io_threads
            io_threads = 1
        if isinstance(shadow, Context) and not (<Context>shadow)._usable():
            # PyZMQ shadows its address, 0 once terminated: a new context
            _warn("cannot shadow a terminated context: a new context is made instead",
                  DeprecationWarning, stacklevel=2)
            shadow = 0
        if isinstance(shadow, Context):
            self._shadowed = shadow
            handle = (<Context>shadow)._h
        elif _wants_shadow(shadow):
            handle = _handle_for(_address_of(shadow, "context"), CONTEXT_HANDLE, False)
        else:
            _check_context_option(NULL, ZMQ_IO_THREADS, io_threads)
            ptr = zmq_ctx_new()
            if ptr == NULL:
                raise _error(c_zmq_errno(), "creating a context")
            if zmq_ctx_set(ptr, ZMQ_IO_THREADS, io_threads) != 0:
                errnum = c_zmq_errno()
                zmq_ctx_term(ptr)
                raise _error(errnum, f"io_threads={io_threads!r}")
            handle = _handle_for(ptr, CONTEXT_HANDLE, True)
            is_shadow = False
        self._h = handle
        self.handle = handle.ptr
        self._shadow = is_shadow

    cdef bint _usable(self):
        return self._h.usable()

    cdef int _check(self) except -1:
        if self._h is _UNSET_HANDLE:
            raise _error(EFAULT, "the context was not initialized (Context.__init__ did not run)",
                         _UnusableContextError)
        if not self._h.usable():
            raise _error(EFAULT, self._unusable_reason(), _UnusableContextError)
        if self._h.terminating:
            # libzmq frees the context when zmq_ctx_term ends, in another thread
            raise _error(ETERM, "the context is being terminated")
        return 0

    def _unusable_reason(self):
        """_unusable_reason()

        Why the context cannot be used (it is :attr:`closed`).
        """
        if self._h.fork_generation != _fork_generation:
            return "the context belongs to the parent process (it was forked)"
        return "the context was terminated"

    @property
    def underlying(self):
        """The address of the libzmq context, for shadowing it elsewhere (0 once
        it is terminated)."""
        return <size_t>self.handle if self._h.usable() else 0

    @property
    def closed(self):
        """Whether the context was terminated (through this object or another)."""
        return not self._usable()

    def term(self):
        """term()

        Terminate the context.

        Blocks until every socket of the context is closed and their
        messages are sent or dropped (see LINGER); blocking calls on its
        sockets in other threads raise :class:`zmq.ContextTerminated`.
        Interruptible: a signal handler that raises (Ctrl-C) interrupts it.
        """
        cdef int rc
        cdef int errnum = 0
        cdef void *ptr
        if self._h.closed:
            return
        if self._h.fork_generation != _fork_generation:
            # the parent owns it; the child only forgets it
            self._h.mark_closed()
            return
        ptr = self._h.ptr
        _begin_termination(self._h)
        while True:
            with nogil:
                rc = zmq_ctx_term(ptr)
                if rc != 0:
                    errnum = c_zmq_errno()
            if rc == 0 or errnum != EINTR:
                break
            PyErr_CheckSignals()
        self._h.mark_closed()
        _drain_releases()
        if rc != 0 and errnum != EFAULT:
            raise _error(errnum, "terminating the context")

    def _close_sockets(self, linger=None):
        """Close every open socket of this libzmq context (after setting LINGER).

        Whichever wrapper made them, even one that failed before the
        Context could register it: term() would wait for each of them.
        """
        cdef _Handle handle
        self._check()
        sockets = [
            handle for handle in _registered_handles()
            if (<_Handle>handle).kind == SOCKET_HANDLE and (<_Handle>handle).context is self._h
        ]
        for handle in sockets:
            _close(handle, linger, -1)
        _drain_releases()

    def _interrupt_blocked_calls(self, linger=None):
        """End the calls other threads wait in on this context's sockets.

        If any waits, the context is shut down (``zmq_ctx_shutdown``): every
        call on its sockets fails with ETERM from then on, so that the sockets
        can be closed (see :meth:`destroy`). ``linger`` is set on every socket
        first, as it cannot be after. Else nothing changes.
        """
        cdef _Handle handle
        self._check()
        sockets = [
            handle for handle in _registered_handles()
            if (<_Handle>handle).kind == SOCKET_HANDLE and (<_Handle>handle).context is self._h
        ]
        if not any(_is_busy(handle) for handle in sockets):
            return
        if linger is not None:
            # LINGER is the one option libzmq lets other threads set under a call
            for handle in sockets:
                _set_option(handle.ptr, ZMQ_LINGER, linger, -1)
        _shut_down(self._h)

    def set(self, int option, optval):
        """set(option, optval)

        Set a context option (a :class:`zmq.ContextOption`).

        Parameters
        ----------
        option : int
            The option, e.g. ``zmq.IO_THREADS`` or ``zmq.MAX_SOCKETS``.
        optval : int
            Its value.
        """
        _context_set(self, option, optval)

    def get(self, int option):
        """get(option)

        Get a context option (a :class:`zmq.ContextOption`).

        Returns
        -------
        int
        """
        return _context_get(self, option)


# A context's calls into libzmq are made in a critical section on its handle,
# after Context._check, so that none reaches a context that term() (which
# marks it terminating first) may have freed in another thread.

@cython.critical_section
cdef void _begin_termination(_Handle context) noexcept:
    context.terminating = True


@cython.critical_section
cdef int _shut_down(_Handle context) except -1:
    if context.usable() and not context.terminating:
        if zmq_ctx_shutdown(context.ptr) != 0:
            raise _error(c_zmq_errno(), "shutting the context down")
        context.shut_down = True
    return 0


@cython.critical_section
cdef bint _is_busy(_Handle socket) noexcept:
    return socket.busy != 0


cdef int _context_set(Context context, int option, object optval) except -1:
    with cython.critical_section(context._h):
        context._check()
        _check_context_option(context._h.ptr, option, optval)
        if zmq_ctx_set(context._h.ptr, option, optval) != 0:
            raise _error(c_zmq_errno(), f"setting context option {_context_option_name(option)}")
    return 0


cdef object _context_get(Context context, int option):
    cdef int value
    with cython.critical_section(context._h):
        context._check()
        value = zmq_ctx_get(context._h.ptr, option)
        if value == -1:
            raise _error(c_zmq_errno(), f"getting context option {_context_option_name(option)}")
    return value


cdef str _context_option_name(int option):
    try:
        return _ContextOption(option).name
    except ValueError:
        return str(option)


# libzmq applies some context options only when it starts its threads (at the
# first socket), and aborts the process if the system refuses them then; so
# they are checked here, when they are set, against what the system allows.
# Values PyZMQ takes and the system allows pass, even where they are unusual.

# the size of the socket table beyond which libzmq's allocation of it fails
cdef long long _MAX_SOCKETS_ALLOCATABLE = 1 << 30


cdef long long _max_io_threads():
    """The most I/O threads libzmq can start here: each takes two descriptors
    (its poller and its mailbox) and a thread, and libzmq aborts without them.
    Some descriptors and threads are left for the rest of the process."""
    import resource

    descriptors = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    threads = resource.getrlimit(resource.RLIMIT_NPROC)[0]
    limit = 1 << 20
    if descriptors != resource.RLIM_INFINITY:
        try:
            open_now = len(_os.listdir("/proc/self/fd"))
        except OSError:
            open_now = descriptors // 4
        limit = (descriptors - open_now - 256) // 2
    if threads != resource.RLIM_INFINITY:
        limit = min(limit, threads // 2)
    return max(limit, 1)


cdef int _check_context_option(void *context, int option, object value) except -1:
    """Refuse a value libzmq would accept now but abort on later."""
    if not PyIndex_Check(value):
        raise TypeError(f"context options take an int, got {type(value).__name__}: {value!r}")
    cdef long long number = value
    cdef long long limit
    if option == ZMQ_IO_THREADS:
        limit = _max_io_threads()
        if not 0 <= number <= limit:
            raise _error(EINVAL, f"io_threads={number}: it must be between 0 and {limit} "
                                 "(the limits of open files and threads allow no more)")
    if option == ZMQ_MAX_SOCKETS and context != NULL:
        limit = zmq_ctx_get(context, ZMQ_SOCKET_LIMIT)
        if not 1 <= number <= _MAX_SOCKETS_ALLOCATABLE:
            raise _error(EINVAL, f"max_sockets={number}: it must be between 1 and "
                                 f"{_MAX_SOCKETS_ALLOCATABLE} (libzmq's limit is {limit})")
        if number > limit:
            _warn(f"max_sockets={number} is above libzmq's socket limit ({limit})",
                  DeprecationWarning, stacklevel=1)
    if option == ZMQ_THREAD_AFFINITY_CPU_ADD and number not in _os.sched_getaffinity(0):
        raise _error(EINVAL, f"CPU {number} is not one this process may run on "
                             f"({sorted(_os.sched_getaffinity(0))})")
    if option == ZMQ_THREAD_SCHED_POLICY and context != NULL:
        _check_scheduling(number, zmq_ctx_get(context, ZMQ_THREAD_PRIORITY))
    if option == ZMQ_THREAD_PRIORITY and context != NULL:
        _check_scheduling(zmq_ctx_get(context, ZMQ_THREAD_SCHED_POLICY), number)
    return 0


def _try_scheduling(policy, priority, failures):
    """In a throwaway thread: what libzmq's threads will do with these settings."""
    try:
        if policy != -1:
            rt = policy in (_os.SCHED_FIFO, _os.SCHED_RR)
        else:
            rt = _os.sched_getscheduler(0) in (_os.SCHED_FIFO, _os.SCHED_RR)
        param = _os.sched_getparam(0)
        if priority != -1:
            param = _os.sched_param(priority if rt else 0)
        _os.sched_setscheduler(0, _os.sched_getscheduler(0) if policy == -1 else policy, param)
        if priority != -1 and not rt:
            _os.nice(-priority)
    except (OSError, ValueError, OverflowError) as error:
        failures.append(error)


cdef int _check_scheduling(long long policy, long long priority) except -1:
    import threading

    if policy == -1 and priority == -1:
        return 0
    if not hasattr(_os, "sched_setscheduler"):
        raise _error(ENOTSUP, "thread scheduling options need a POSIX system")
    failures = []
    trial = threading.Thread(target=_try_scheduling, args=(policy, priority, failures))
    trial.start()
    trial.join()
    if failures:
        raise _error(EINVAL, f"thread scheduling policy={policy} priority={priority} is "
                             f"refused by the system: {failures[0]}")
    return 0

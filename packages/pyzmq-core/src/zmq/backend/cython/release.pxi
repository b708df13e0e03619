# Zero-copy sends: keeping a buffer alive until libzmq releases it.
#
# The buffer is exported into a _ZeroCopyHold, which a release record (see
# release_queue.h) keeps alive from the GIL-free side; libzmq's free function
# queues the record and wakes the message's tracker, and the references are
# dropped under the GIL the next time the compiled layer runs.

from cpython.buffer cimport PyBUF_ANY_CONTIGUOUS, PyBUF_WRITABLE, PyObject_GetBuffer, PyBuffer_Release
from cpython.pythread cimport (
    PY_LOCK_ACQUIRED, PY_LOCK_INTR, PyLockStatus, PyThread_release_lock, PyThread_type_lock,
)
from libc.string cimport memcpy

from zmq.backend.cython.libzmq cimport zmq_free_fn, zmq_msg_init_data, zmq_msg_t

cdef extern from "pythread.h":
    PyLockStatus PyThread_acquire_lock_timed(PyThread_type_lock lock, long long microseconds,
                                             int intr_flag) nogil

cdef extern from "release_queue.h":
    ctypedef struct pyzmq_tracking:
        PyThread_type_lock lock
    ctypedef struct pyzmq_release:
        pass
    pyzmq_tracking *pyzmq_tracking_new()
    void pyzmq_tracking_release(pyzmq_tracking *tracking)
    bint pyzmq_tracking_done(pyzmq_tracking *tracking) nogil
    void pyzmq_release_free(void *data, void *hint) nogil
    pyzmq_release *pyzmq_release_new(object hold, pyzmq_tracking *tracking)
    void pyzmq_release_discard(pyzmq_release *record)
    bint pyzmq_release_pending() nogil
    void pyzmq_release_drain()
    void pyzmq_release_forget()

from time import monotonic as _monotonic


cdef inline void _drain_releases():
    if pyzmq_release_pending():
        pyzmq_release_drain()


@cython.final
cdef class _TrackerEvent:
    """Set when libzmq releases the message it was made for.

    Behaves like :class:`threading.Event` for :class:`zmq.MessageTracker`.
    """

    cdef pyzmq_tracking *tracking

    def __cinit__(self):
        self.tracking = pyzmq_tracking_new()
        if self.tracking == NULL:
            raise MemoryError("cannot allocate a MessageTracker")

    def __dealloc__(self):
        if self.tracking != NULL:
            pyzmq_tracking_release(self.tracking)

    def is_set(self):
        """True once libzmq has released the message."""
        _drain_releases()
        return pyzmq_tracking_done(self.tracking)

    def wait(self, timeout=None):
        """wait(timeout=None)

        Wait until libzmq has released the message.

        Parameters
        ----------
        timeout : float, optional
            Seconds to wait at most; None (or a negative number) waits forever.

        Returns
        -------
        bool
            Whether the message was released.
        """
        cdef PyLockStatus status
        cdef long long micros = -1
        cdef double deadline = 0
        if pyzmq_tracking_done(self.tracking):
            _drain_releases()
            return True
        if not waits_forever(timeout):
            micros = <long long>(timeout * 1e6)
            deadline = _monotonic() + timeout
        while True:
            with nogil:
                status = PyThread_acquire_lock_timed(self.tracking.lock, micros, 1)
            if status == PY_LOCK_ACQUIRED:
                # let every other waiter through too
                PyThread_release_lock(self.tracking.lock)
                _drain_releases()
                return True
            if status != PY_LOCK_INTR:
                return pyzmq_tracking_done(self.tracking)
            PyErr_CheckSignals()
            if micros >= 0:
                micros = <long long>((deadline - _monotonic()) * 1e6)
                if micros < 0:
                    micros = 0

    def __repr__(self):
        return f"<zmq._TrackerEvent {'set' if pyzmq_tracking_done(self.tracking) else 'pending'}>"


# address -> borrowed pointer to each _ZeroCopyHold libzmq has not released
# yet: what zmq.utils.garbage.gc.refs shows (the holds are owned by their
# release records, so this registry keeps none alive)
cdef dict _live_holds = {}


@cython.final
cdef class _ZeroCopyHold:
    """The exported buffer of a zero-copy message (and its tracker event)."""

    cdef Py_buffer view
    cdef bint has_view
    cdef _TrackerEvent event

    def __dealloc__(self):
        _live_holds.pop(<size_t><void *>self, None)
        if self.has_view:
            PyBuffer_Release(&self.view)


def _zero_copy_refs():
    """_zero_copy_refs()

    The zero-copy messages libzmq still uses, after dropping those it has
    released: a list of ``(key, object, event)``, where ``object`` is the
    message's buffer owner and ``event`` its tracker event (or None).
    """
    cdef _ZeroCopyHold hold
    _drain_releases()
    refs = []
    for address in list(_live_holds.values()):
        hold = <_ZeroCopyHold><void *><size_t>address
        refs.append((<size_t><void *>hold, <object>hold.view.obj, hold.event))
    return refs


cdef int _get_buffer(object data, Py_buffer *view, int flags) except -1:
    """Export ``data``'s buffer (contiguous, and writable if ``flags`` say so).

    Raises TypeError for an object that has no buffer, and BufferError for a
    buffer that is not contiguous (or not writable), as PyZMQ does (in a class
    that is a TypeError too, as this project raised before).
    """
    if isinstance(data, str):
        raise TypeError(
            "str is not allowed as message data: encode it to bytes first, "
            "or use send_string"
        )
    try:
        PyObject_GetBuffer(data, view, flags | PyBUF_ANY_CONTIGUOUS)
    except (BufferError, ValueError) as e:
        raise _errors._UnusableBufferError(
            f"{type(data).__name__} object is not a "
            f"{'writable, ' if flags & PyBUF_WRITABLE else ''}contiguous buffer: {e}"
        ) from None
    except TypeError:
        raise TypeError(
            f"expected bytes or an object supporting the buffer protocol, "
            f"got {type(data).__name__}"
        ) from None
    return 0


cdef int _init_zero_copy(zmq_msg_t *msg, object data, _TrackerEvent event) except -1:
    """Make ``msg`` share ``data``'s buffer until libzmq releases it."""
    cdef _ZeroCopyHold hold = _ZeroCopyHold.__new__(_ZeroCopyHold)
    cdef pyzmq_release *record
    cdef int rc
    _get_buffer(data, &hold.view, 0)
    hold.has_view = True
    hold.event = event
    _live_holds[<size_t><void *>hold] = <size_t><void *>hold
    _drain_releases()
    record = pyzmq_release_new(hold, NULL if event is None else event.tracking)
    if record == NULL:
        raise MemoryError()
    rc = zmq_msg_init_data(msg, hold.view.buf, hold.view.len,
                           <zmq_free_fn *>pyzmq_release_free, record)
    if rc != 0:
        pyzmq_release_discard(record)
        raise _error(c_zmq_errno())
    return 0

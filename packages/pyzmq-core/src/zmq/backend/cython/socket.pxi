# Socket: a libzmq socket, with the hot paths (send, recv, their multipart
# forms, options) done here, in one C call each.
#
# A call first tries with ZMQ_DONTWAIT and the GIL held; only if that would
# block (and the caller did not ask for DONTWAIT) does it release the GIL and
# wait, retrying after the signal handlers have run when libzmq reports EINTR.

from cpython.buffer cimport PyObject_CheckBuffer
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE
from libc.errno cimport EBUSY, EMFILE, ENOENT
from cpython.exc cimport PyErr_SetObject
from cpython.list cimport PyList_New, PyList_Append
from cpython.object cimport PyObject_GenericSetAttr, PyTypeObject, Py_TYPE
from cpython.sequence cimport (
    PySequence_Check, PySequence_Fast, PySequence_Fast_GET_SIZE, PySequence_Fast_GET_ITEM,
)

from zmq.backend.cython.libzmq cimport (
    ZMQ_DONTWAIT, ZMQ_FD, ZMQ_LINGER, ZMQ_SNDMORE, ZMQ_SUBSCRIBE, ZMQ_THREAD_SAFE, ZMQ_TYPE,
    ZMQ_UNSUBSCRIBE,
    zmq_bind, zmq_connect, zmq_connect_peer, zmq_disconnect, zmq_join, zmq_leave,
    zmq_msg_recv, zmq_msg_send, zmq_poller_add, zmq_poller_destroy, zmq_poller_event_t,
    zmq_poller_fd, zmq_poller_new, zmq_poller_wait_all, zmq_recv, zmq_socket,
    zmq_socket_monitor, zmq_unbind,
)
from zmq.backend.cython.libzmq cimport ZMQ_MAX_SOCKETS

from time import monotonic as _poll_clock, sleep as _sleep

# seconds to wait for libzmq to reap closed sockets before reporting EMFILE
cdef double _REAP_PATIENCE = 2.0

cdef enum:
    # from this size on, copying and sending a message releases the GIL
    _LARGE_MESSAGE = 65536

cdef extern from "Python.h":
    PyObject *_PyType_Lookup(PyTypeObject *type, object name)
    # declared without an exception clause: the callers report its failure
    int _run_signal_handlers "PyErr_CheckSignals" ()

cdef extern from *:
    """
    #include <errno.h>
    static inline void pyzmq_set_errno(int value) { errno = value; }
    """
    void _set_errno "pyzmq_set_errno" (int value) noexcept

cdef extern from *:
    """
    #include <sys/un.h>
    #define PYZMQ_IPC_PATH_MAX_LEN (sizeof(((struct sockaddr_un *)0)->sun_path) - 1)
    """
    size_t PYZMQ_IPC_PATH_MAX_LEN

#: the longest path an ipc:// endpoint may have on this platform
IPC_PATH_MAX_LEN = PYZMQ_IPC_PATH_MAX_LEN


cdef inline int _set_exception(int errnum, int socket_type, bint sending) noexcept:
    """Set the exception for ``errnum`` as the current one; return -1.

    The helpers below report failure this way, without a traceback entry of
    their own, after which their caller cleans up and calls _reraise()."""
    exc = _error(errnum, _fsm_hint(socket_type, sending) if errnum == EFSM else None)
    PyErr_SetObject(type(exc), exc)
    return -1


cdef str _fsm_hint(int socket_type, bint sending):
    """Why a REQ or REP socket refused to send or receive now (EFSM)."""
    if socket_type == ZMQ_REQ:
        if sending:
            return "a REQ socket must receive the reply before it sends another request"
        return "a REQ socket must send a request before it receives"
    if socket_type == ZMQ_REP:
        if sending:
            return "a REP socket must receive a request before it sends a reply"
        return "a REP socket must send its reply before it receives the next request"
    return None


cdef inline int _reraise() except -1:
    """Propagate the exception set by a helper, from the calling function."""
    return -1


cdef enum _Transfer:
    SEND_MESSAGE
    RECV_MESSAGE
    RECV_BUFFER


# One call at a time on a libzmq socket, and never a call on a socket that is
# closed or that another thread waits in. Every call into libzmq on a socket is
# made in a critical section on its shared handle (on free-threaded Python, a
# lock of the handle's own; otherwise the GIL already gives as much), right
# after _check_ready and with no Python code between the two. A call that
# waits leaves the critical section while it waits (the interpreter suspends
# it with the thread) and counts itself busy meanwhile; calls from other
# threads are then refused (EBUSY) rather than run into libzmq at the same time.
#
# PYZMQ_UNSAFE_CONCURRENT_CALLS=1 lets those calls in, as PyZMQ does, for
# programs written for it that rely on libzmq surviving them (closing a socket
# under a waiting call stays refused: libzmq aborts then).
cdef bint _concurrent_calls_allowed = _os.environ.get("PYZMQ_UNSAFE_CONCURRENT_CALLS") == "1"


cdef inline bint _ready(_Handle socket) noexcept:
    # libzmq's thread-safe (draft) sockets take calls while others wait
    return socket.usable() and (
        socket.busy == 0 or socket.thread_safe or _concurrent_calls_allowed
    )


cdef bint _is_thread_safe(void *ptr) noexcept:
    cdef int thread_safe = 0
    cdef size_t size = sizeof(int)
    return zmq_getsockopt(ptr, ZMQ_THREAD_SAFE, &thread_safe, &size) == 0 and thread_safe


cdef object _socket_refusal(_Handle socket):
    """Why ``socket`` takes no call now (the exception, not raised)."""
    if socket.invalid_errno:
        return _invalid_handle_error(socket)
    if socket is _UNSET_HANDLE:
        return _error(ENOTSOCK, "the socket was not initialized (Socket.__init__ did not run)")
    if socket.fork_generation != _fork_generation:
        return _error(ENOTSOCK, "the socket belongs to the parent process: "
                                "make a new Context and sockets after fork")
    if socket.closed:
        return _closed_error()
    return _error(
        EBUSY,
        "another thread waits in a call on this socket, and a libzmq socket takes one "
        "call at a time: use each socket from one thread at a time (or set "
        "PYZMQ_UNSAFE_CONCURRENT_CALLS=1 to let the call in, as PyZMQ does)",
    )


cdef inline int _check_ready(_Handle socket) except -1:
    if not _ready(socket):
        raise _socket_refusal(socket)
    return 0


@cython.critical_section
cdef int _claim(_Handle socket) except -1:
    """Count a call that waits without the critical section (see _release)."""
    _check_ready(socket)
    socket.busy += 1
    return 0


@cython.critical_section
cdef void _release(_Handle socket) noexcept:
    """End a call counted by _claim, and tell the socket's event-loop integration."""
    socket.busy -= 1
    _edge_consumed(socket)


cdef inline int _check_not_none(Socket socket) except -1:
    if socket is None:
        raise TypeError("a zmq.Socket is needed, not None")
    return 0


cdef void *socket_handle(Socket socket) except NULL:
    _check_not_none(socket)
    if not socket._h.usable():
        raise socket._unusable_error()
    return socket._h.ptr


cdef int socket_claim(Socket socket) except -1:
    _check_not_none(socket)
    return _claim(socket._h)


cdef void socket_release(Socket socket) noexcept:
    if socket is not None:
        _release(socket._h)


@cython.critical_section
cdef object _socket_get(_Handle socket, int option, int socket_type, bint warn_fd=True):
    _check_ready(socket)
    return _socket_option(socket, option, socket_type, warn_fd)


@cython.critical_section
cdef int _socket_set(_Handle socket, int option, object value, int socket_type) except -1:
    _check_ready(socket)
    return _set_option(socket.ptr, option, value, socket_type)


ctypedef int (*_text_call)(void *socket, const char *text) noexcept nogil


@cython.critical_section
cdef int _socket_call(_Handle socket, _text_call call, bytes text) except -1:
    """A libzmq call taking a string (bind, connect, join...): 0, or its errno
    (read in the critical section, whose end may change errno)."""
    _check_ready(socket)
    if call(socket.ptr, text) != 0:
        return c_zmq_errno()
    return 0


cdef inline int _call(_Transfer kind, void *handle, void *target, size_t size,
                      int flags) noexcept nogil:
    if kind == SEND_MESSAGE:
        return zmq_msg_send(<zmq_msg_t *>target, handle, flags)
    if kind == RECV_MESSAGE:
        return zmq_msg_recv(<zmq_msg_t *>target, handle, flags)
    return zmq_recv(handle, target, size, flags)


cdef int _transfer(_Handle socket, _Transfer kind, void *target, size_t size, int flags,
                   int socket_type, bint large=False) noexcept:
    """Send or receive, waiting without the GIL if it must; the caller holds
    the socket's critical section (for a whole multipart message).

    A large message is sent without the GIL from the start: libzmq's work on
    it is long enough that other threads should run meanwhile.

    Returns libzmq's result (>= 0), or -1 with an exception set; a message that
    was not sent is still the caller's."""
    cdef void *handle = socket.ptr
    cdef int rc
    cdef int errnum = EAGAIN
    if not _ready(socket):
        exc = _socket_refusal(socket)
        PyErr_SetObject(type(exc), exc)
        return -1
    if large:
        rc = -1
    else:
        rc = _call(kind, handle, target, size, flags | ZMQ_DONTWAIT)
    if rc < 0:
        if not large:
            errnum = c_zmq_errno()
        if large or errnum == EAGAIN and not flags & ZMQ_DONTWAIT:
            while True:
                socket.busy += 1
                with nogil:
                    rc = _call(kind, handle, target, size, flags)
                    if rc < 0:
                        errnum = c_zmq_errno()
                socket.busy -= 1
                if rc >= 0 or errnum != EINTR:
                    break
                if _run_signal_handlers() != 0:
                    return -1
    _edge_consumed(socket)
    if rc >= 0:
        return rc
    return _set_exception(errnum, socket_type, kind == SEND_MESSAGE)


cdef inline int _send_message(_Handle socket, zmq_msg_t *msg, int flags,
                              int socket_type, bint large) noexcept:
    return -1 if _transfer(socket, SEND_MESSAGE, msg, 0, flags, socket_type, large) < 0 else 0


cdef inline int _recv_message(_Handle socket, zmq_msg_t *msg, int flags,
                              int socket_type) noexcept:
    return -1 if _transfer(socket, RECV_MESSAGE, msg, 0, flags, socket_type) < 0 else 0


cdef int _copy_message(zmq_msg_t *msg, const char *data, size_t size) except -1:
    """Initialize ``msg`` with a copy of ``data`` (copied without the GIL when large)."""
    if zmq_msg_init_size(msg, size) != 0:
        raise _error(c_zmq_errno())
    if size >= _LARGE_MESSAGE:
        with nogil:
            memcpy(zmq_msg_data(msg), data, size)
    else:
        memcpy(zmq_msg_data(msg), data, size)
    return 0


cdef object _bytes_of(zmq_msg_t *msg):
    """A copy of a received message as bytes (copied without the GIL when large)."""
    cdef size_t size = zmq_msg_size(msg)
    cdef object data
    cdef char *target
    if size < _LARGE_MESSAGE:
        return PyBytes_FromStringAndSize(<char *>zmq_msg_data(msg), size)
    data = PyBytes_FromStringAndSize(NULL, size)
    target = PyBytes_AS_STRING(data)
    with nogil:
        memcpy(target, zmq_msg_data(msg), size)
    return data


cdef int _check_trackable(Frame frame) except -1:
    """Refuse to track a Frame that was made untracked, as PyZMQ does."""
    if frame.tracker is None:
        raise ValueError(
            "Not a tracked message: a Frame sent with track=True must be made with "
            "zmq.Frame(data, track=True)"
        )
    return 0


cdef int _check_part(object part, Py_ssize_t index, bint track) except -1:
    """Refuse a message part that is neither bytes, a Frame nor a buffer."""
    if type(part) is bytes:
        return 0
    if isinstance(part, Frame):
        if track:
            _check_trackable(<Frame>part)
        return 0
    if isinstance(part, str):
        raise TypeError(
            f"message part {index} is str ({part!r:.40}): encode it to bytes first"
        )
    if not PyObject_CheckBuffer(part):
        raise TypeError(
            f"message part {index} ({type(part).__name__}: {part!r:.40}) "
            "does not support the buffer interface"
        )
    # a part that cannot be sent must fail here, before the parts ahead of it
    # are queued, or they would begin a message that never ends
    cdef Py_buffer view
    _get_buffer(part, &view, 0)
    PyBuffer_Release(&view)
    return 0


cdef object _address_bytes(object addr):
    cdef bytes encoded
    if isinstance(addr, str):
        encoded = (<str>addr).encode("utf-8")
    elif isinstance(addr, bytes):
        encoded = addr
    else:
        raise TypeError(f"an endpoint must be str, got {type(addr).__name__}: {addr!r}")
    # libzmq reads a C string: it would use the endpoint cut at the NUL
    if b"\0" in encoded:
        raise ValueError(f"an endpoint cannot contain a NUL character: {addr!r}")
    return encoded


cdef object _endpoint_error(int errnum, object addr):
    """The exception for a failed bind/connect/unbind/disconnect of ``addr``."""
    cdef str text = addr.decode("utf-8", "replace") if isinstance(addr, bytes) else str(addr)
    if text.startswith("ipc://"):
        path = text[len("ipc://"):]
        if len(path.encode("utf-8")) > PYZMQ_IPC_PATH_MAX_LEN:
            return _error(errnum, f"ipc path {path!r} is {len(path)} bytes long; "
                                  f"at most {PYZMQ_IPC_PATH_MAX_LEN} are allowed")
        if errnum == ENOENT:
            return _error(errnum, f"the directory of ipc path {path!r} does not exist")
    return _error(errnum, f"addr={text!r}")


cdef object _socket_option(_Handle socket, int option, int socket_type, bint warn_fd):
    """A socket option's value, as Socket.get gives it.

    EVENTS and FD are more than zmq_getsockopt: reading EVENTS may consume
    the edge of the socket's FD (the event-loop integrations are told), and a
    thread-safe socket's FD is that of a poller (see _socket_fd).
    """
    if option == ZMQ_FD:
        return _socket_fd(socket, socket_type, warn_fd)
    if option != ZMQ_EVENTS:
        return _get_option(socket.ptr, option, socket_type)
    _take_poller_wakeup(socket)
    try:
        return _get_option(socket.ptr, option, socket_type)
    finally:
        _edge_consumed(socket)


cdef object _socket_fd(_Handle socket, int socket_type, bint warn):
    """The FD an event loop watches for a socket.

    Thread-safe (draft) sockets have no ZMQ_FD. Their FD is that of a
    zmq_poller watching only them, made once: libzmq signals it when a
    command reaches the socket while nothing was waiting to process one, as
    it signals ZMQ_FD. The signal stays until taken, so reading EVENTS takes
    it first (_take_poller_wakeup): the FD then behaves as ZMQ_FD does,
    readable until EVENTS is read, and again on the next change.
    """
    cdef pyzmq_fd_t fd
    if socket.draft_poller == NULL:
        if not _get_option(socket.ptr, ZMQ_THREAD_SAFE, socket_type):
            return _get_option(socket.ptr, ZMQ_FD, socket_type)
        _open_draft_poller(socket, socket_type)
        if warn:
            _warn(DraftFDWarning(), stacklevel=1)
    if zmq_poller_fd(socket.draft_poller, &fd) != 0:
        raise _error(c_zmq_errno(), "getting the FD of a thread-safe socket's poller")
    return fd


cdef int _open_draft_poller(_Handle socket, int socket_type) except -1:
    """Make the poller whose FD stands for a thread-safe socket's (_socket_fd)."""
    cdef void *poller
    cdef int errnum
    if not (_DRAFT_BUILD and c_zmq_has("draft")):
        raise _DraftAPIError(
            EINVAL, f"The FD of a thread-safe ({_socket_type_name(socket_type)}) socket"
        )
    poller = zmq_poller_new()
    if poller == NULL:
        raise _error(c_zmq_errno(), "making the poller of a thread-safe socket's FD")
    if zmq_poller_add(poller, socket.ptr, NULL, ZMQ_POLLIN | ZMQ_POLLOUT) != 0:
        errnum = c_zmq_errno()
        zmq_poller_destroy(&poller)
        raise _error(errnum, "making the poller of a thread-safe socket's FD")
    socket.draft_poller = poller
    return 0


cdef inline void _take_poller_wakeup(_Handle socket) noexcept:
    """Take the signal of a thread-safe socket's FD, if it has one (_socket_fd).

    Called with the GIL held, which keeps two threads out of the poller (it is
    not thread-safe itself); it does not wait.
    """
    cdef zmq_poller_event_t event
    if socket.draft_poller != NULL:
        zmq_poller_wait_all(socket.draft_poller, &event, 1, 0)


@cython.final
cdef class _SocketTypeAttribute:
    """The socket's type, a :class:`zmq.SocketType`.

    Not a property: in PyZMQ, ``type`` is an attribute of the instance, which
    code may set (``s.type = ...``, a mock's way); that value is read back
    from then on.
    """

    def __get__(self, obj, objtype):
        cdef Socket socket
        if obj is None:
            return self
        socket = <Socket?>obj
        if socket._type < 0 and socket._h.invalid_errno:
            # a shadow of an address that holds no socket has no type
            raise socket._unusable_error()
        try:
            return _SocketType(socket._type)
        except ValueError:
            return socket._type


# The methods are the interpreter's own method descriptors, not Cython's
# function objects: free-threaded CPython 3.13 makes its descriptors immortal
# once a second thread starts, so that threads calling a method at once (each
# on its own socket) do not all change one shared reference count with atomic
# instructions, bouncing its cache line between cores. Their signatures, for
# inspect, come from a text signature Cython writes for each.
@cython.binding(False)
@cython.embedsignature(True)
@cython.embedsignature.format("clinic")
cdef class Socket:
    """Socket(context=None, socket_type=-1, *, shadow=0, copy_threshold=None)

    The compiled part of :class:`zmq.Socket`: a libzmq socket.

    Parameters
    ----------
    context : Context
        The context to make the socket in.
    socket_type : int
        A :class:`zmq.SocketType` (``zmq.PUSH``, ``zmq.SUB``...).
    shadow : int or Socket, optional
        Wrap an existing libzmq socket (by address, or another Socket's)
        instead of making a new one.
    copy_threshold : int, optional
        Messages shorter than this are copied even when sent with copy=False
        (default: :data:`zmq.COPY_THRESHOLD`).
    """

    def __cinit__(self, *args, **kwargs):
        self._h = _UNSET_HANDLE
        self._type = -1
        self.copy_threshold = COPY_THRESHOLD

    def __init__(self, context=None, socket_type=-1, *, shadow=0, copy_threshold=None):
        cdef void *ptr
        cdef _Handle handle
        cdef int errnum
        if copy_threshold is not None:
            self.copy_threshold = copy_threshold
        if _wants_shadow(shadow):
            if isinstance(shadow, Socket):
                handle = (<Socket>shadow)._h
                if not handle.usable() and not handle.invalid_errno:
                    # a TypeError too: PyZMQ shadows address 0, so makes a
                    # socket without a context
                    raise _error(ENOTSOCK, "cannot shadow a socket that is closed "
                                 "(or of the parent process)", _NothingToShadowError)
            else:
                handle = _shadow_handle(shadow, SOCKET_HANDLE)
            self._shadow = True
            self._h = handle
            self.handle = handle.ptr
            if not handle.invalid_errno:
                self._type = _get_option(handle.ptr, ZMQ_TYPE, -1)
                handle.thread_safe = _is_thread_safe(handle.ptr)
            self.context = context
            return
        if not isinstance(context, Context):
            raise TypeError(
                f"a Socket needs a zmq.Context, got {type(context).__name__}: {context!r}"
            )
        (<Context>context)._check()
        if not PyIndex_Check(socket_type):
            raise TypeError(f"socket_type must be an int, got {type(socket_type).__name__}")
        if socket_type < 0:
            raise TypeError("socket_type must be specified (zmq.PUSH, zmq.SUB...)")
        ptr = _new_socket((<Context>context)._h, socket_type)
        if ptr == NULL:
            errnum = c_zmq_errno()
            if errnum == EINVAL:
                raise _error(errnum, f"{socket_type!r} is not a socket type")
            raise _error(errnum, f"creating a {_socket_type_name(socket_type)} socket")
        self._h = _handle_for(ptr, SOCKET_HANDLE, True)
        self._h.thread_safe = _is_thread_safe(ptr)
        self._h.context = (<Context>context)._h
        pyzmq_atomic_add(&self._h.context.open_sockets, 1)
        self.handle = ptr
        self._type = socket_type
        self.context = context

    def __del__(self):
        if not self._shadow and self._h.usable() and self._h.owned and _warn is not None:
            _warn(f"Unclosed socket {self!r}", ResourceWarning, stacklevel=2, source=self)

    cdef object _unusable_error(self):
        return _socket_refusal(self._h)

    @property
    def closed(self):
        """Whether the socket is closed (through this object or another), or
        is a shadow of an address that holds no socket (as in PyZMQ)."""
        return not self._h.usable()

    @property
    def _busy(self):
        """How many calls on the socket are in progress without the GIL."""
        return self._h.busy

    @property
    def underlying(self):
        """The address of the libzmq socket, for shadowing it elsewhere (0 once
        it is closed; a shadow of an address that holds no socket keeps it)."""
        return <size_t>self.handle if self._h.usable() or self._h.invalid_errno else 0

    type = _SocketTypeAttribute()

    def close(self, linger=None):
        """close(linger=None)

        Close the socket.

        Messages not yet sent are kept for LINGER milliseconds (forever by
        default) and dropped after. Closing a closed socket does nothing.

        Parameters
        ----------
        linger : int, optional
            A LINGER value to set first (0 drops unsent messages at once).
        """
        _close(self._h, linger, self._type)
        _drain_releases()

    # options

    def set(self, int option, optval):
        """set(option, optval)

        Set a socket option.

        Parameters
        ----------
        option : int
            A :class:`zmq.SocketOption` (``zmq.LINGER``, ``zmq.SUBSCRIBE``...).
        optval : int or bytes
            The value: bytes for the options that take bytes (use
            :meth:`set_string` for text), an int for the others.
        """
        _socket_set(self._h, option, optval, self._type)

    def get(self, int option):
        """get(option)

        Get a socket option.

        Parameters
        ----------
        option : int
            A :class:`zmq.SocketOption`.

        Returns
        -------
        int or bytes
            bytes for the options that hold bytes, an int for the others.
        """
        return _socket_get(self._h, option, self._type)

    def fileno(self):
        """fileno()

        Return the socket's FD (the ZMQ_FD option), for event loops.

        It is edge-triggered: it becomes readable when the socket's events
        may have changed; check the EVENTS option to know which. A
        thread-safe (draft) socket has no FD of its own: it gets the FD of a
        poller watching it, which works the same way (with a
        :class:`zmq.DraftFDWarning`, as in PyZMQ).
        """
        return _socket_get(self._h, ZMQ_FD, self._type)

    def __setattr__(self, name, value):
        cdef PyObject *found
        if type(name) is str:
            found = _PyType_Lookup(<PyTypeObject *>Py_TYPE(self), name)
            if found != NULL:
                if name == "subscribe" or name == "unsubscribe":
                    self._set_attribute_option(_SocketOption[(<str>name).upper()], value)
                    return
                PyObject_GenericSetAttr(self, name, value)
                return
            if _is_declared(self, name):
                PyObject_GenericSetAttr(self, name, value)
                return
            option = _SocketOption.__members__.get((<str>name).upper())
            if option is not None:
                self._set_attribute_option(option, value)
                return
            raise AttributeError(f"{type(self).__name__} has no such option: {name.upper()}")
        PyObject_GenericSetAttr(self, name, value)

    cdef int _set_attribute_option(self, int option, object value) except -1:
        if (option == ZMQ_SUBSCRIBE or option == ZMQ_UNSUBSCRIBE) and isinstance(value, str):
            # s.subscribe = "topic" takes text, as in PyZMQ (set() does not)
            value = (<str>value).encode("utf-8")
        return _socket_set(self._h, option, value, self._type)

    # endpoints

    def bind(self, addr):
        """bind(addr)

        Accept connections on an endpoint.

        Parameters
        ----------
        addr : str
            ``transport://address``, e.g. ``tcp://127.0.0.1:5555``,
            ``tcp://*:5555``, ``ipc:///tmp/feed``, ``inproc://workers``.
        """
        if not self._h.usable():
            raise self._unusable_error()
        errnum = _socket_call(self._h, zmq_bind, _address_bytes(addr))
        if errnum:
            raise _endpoint_error(errnum, addr)

    def connect(self, addr):
        """connect(addr)

        Connect to an endpoint.

        Parameters
        ----------
        addr : str
            ``transport://address``, e.g. ``tcp://127.0.0.1:5555``.
        """
        if not self._h.usable():
            raise self._unusable_error()
        errnum = _socket_call(self._h, zmq_connect, _address_bytes(addr))
        if errnum:
            raise _endpoint_error(errnum, addr)

    def unbind(self, addr):
        """unbind(addr)

        Stop accepting connections on an endpoint given to :meth:`bind`.
        """
        if not self._h.usable():
            raise self._unusable_error()
        errnum = _socket_call(self._h, zmq_unbind, _address_bytes(addr))
        if errnum:
            raise _endpoint_error(errnum, addr)

    def disconnect(self, addr):
        """disconnect(addr)

        Disconnect from an endpoint given to :meth:`connect`.
        """
        if not self._h.usable():
            raise self._unusable_error()
        errnum = _socket_call(self._h, zmq_disconnect, _address_bytes(addr))
        if errnum:
            raise _endpoint_error(errnum, addr)

    # the defaults are numbers (ZMQ_EVENT_ALL, ZMQ_POLLIN): the text signature
    # Cython writes for inspect spells them as in the source
    def monitor(self, addr, int events=0xFFFF):
        """monitor(addr, events=zmq.EVENT_ALL)

        Publish the socket's events on a PAIR socket bound at ``addr``.

        Parameters
        ----------
        addr : str or None
            An ``inproc://`` endpoint for the monitor; None stops monitoring.
        events : int
            The :class:`zmq.Event` flags to report.
        """
        cdef double deadline = 0
        cdef int errnum
        if not self._h.usable():
            raise self._unusable_error()
        endpoint = None if addr is None else _address_bytes(addr)
        # the monitor is a socket of libzmq's own, made in the socket's context
        while True:
            errnum = _monitor(self._h, endpoint, events)
            if not errnum:
                break
            if not _reaping_may_free_a_slot(self._h.context, errnum, &deadline):
                raise _endpoint_error(errnum, addr)

    def join(self, group):
        """join(group)

        Join a group (DISH sockets, draft API).

        Parameters
        ----------
        group : str or bytes
            The group, at most 255 bytes (libzmq's limit).
        """
        if not self._h.usable():
            raise self._unusable_error()
        if not _DRAFT_BUILD:
            raise _draft_error("Socket.join")
        errnum = _socket_call(self._h, zmq_join, _group_bytes(group))
        if errnum:
            raise _error(errnum, f"joining group {group!r} on a "
                                 f"{_socket_type_name(self._type)} socket")

    def leave(self, group):
        """leave(group)

        Leave a group joined with :meth:`join` (DISH sockets, draft API).
        """
        if not self._h.usable():
            raise self._unusable_error()
        if not _DRAFT_BUILD:
            raise _draft_error("Socket.leave")
        errnum = _socket_call(self._h, zmq_leave, _group_bytes(group))
        if errnum:
            raise _error(errnum, f"leaving group {group!r} on a "
                                 f"{_socket_type_name(self._type)} socket")

    def connect_peer(self, addr):
        """connect_peer(addr)

        Connect a PEER socket to an endpoint (draft API, libzmq >= 4.3.3).

        Parameters
        ----------
        addr : str
            ``transport://address``, as for :meth:`connect`.

        Returns
        -------
        int
            The routing id of the new peer, to send to it with
            ``send(data, routing_id=...)``.
        """
        cdef uint32_t routing_id
        cdef int errnum = 0
        if not self._h.usable():
            raise self._unusable_error()
        if not _DRAFT_BUILD:
            raise _draft_error("Socket.connect_peer")
        encoded = _address_bytes(addr)
        with cython.critical_section(self._h):
            _check_ready(self._h)
            routing_id = zmq_connect_peer(self._h.ptr, encoded)
            if routing_id == 0:
                errnum = c_zmq_errno()
        if routing_id == 0:
            raise _endpoint_error(errnum, addr)
        return routing_id

    # sending

    cdef object _send_part(self, object data, int flags, bint copy, bint track):
        """Send one part; return what send() returns, as PyZMQ's does: a
        Frame's tracker; None for a copy asked for; zmq._FINISHED_TRACKER
        for a copy=False part copied for being small; the tracker (if
        ``track``) of a zero-copy part."""
        cdef zmq_msg_t msg
        cdef Py_buffer view
        cdef Py_ssize_t size
        cdef _TrackerEvent event = None
        if isinstance(data, Frame):
            if track:
                _check_trackable(<Frame>data)
            zmq_msg_init(&msg)
            # libzmq counts the copies of a message without a lock of its own
            with cython.critical_section(data):
                zmq_msg_copy(&msg, &(<Frame>data).zmq_msg)
            if _send_message(self._h, &msg, flags, self._type, False) != 0:
                zmq_msg_close(&msg)
                _reraise()
            return (<Frame>data).tracker
        if type(data) is bytes:
            size = PyBytes_GET_SIZE(data)
            if copy or size < self.copy_threshold:
                _copy_message(&msg, PyBytes_AS_STRING(data), size)
                if _send_message(self._h, &msg, flags, self._type, size >= _LARGE_MESSAGE) != 0:
                    zmq_msg_close(&msg)
                    _reraise()
                return None if copy else _tracker_for(None)
        else:
            _get_buffer(data, &view, 0)
            size = view.len
            if copy or size < self.copy_threshold:
                try:
                    _copy_message(&msg, <char *>view.buf, size)
                finally:
                    PyBuffer_Release(&view)
                if _send_message(self._h, &msg, flags, self._type, size >= _LARGE_MESSAGE) != 0:
                    zmq_msg_close(&msg)
                    _reraise()
                return None if copy else _tracker_for(None)
            PyBuffer_Release(&view)
        # zero-copy: libzmq shares the buffer until it is done with it
        if track:
            event = _TrackerEvent.__new__(_TrackerEvent)
        _init_zero_copy(&msg, data, event)
        if _send_message(self._h, &msg, flags, self._type, size >= _LARGE_MESSAGE) != 0:
            zmq_msg_close(&msg)
            _reraise()
        return _tracker_for(event) if track else None

    cpdef object send(self, object data, int flags=0, bint copy=True, bint track=False,
                      object routing_id=None, object group=None):
        """send(data, flags=0, copy=True, track=False, routing_id=None, group=None)

        Send one message part.

        Parameters
        ----------
        data : bytes, Frame or buffer
            The content (str is refused: use :meth:`send_string`).
        flags : int
            ``zmq.DONTWAIT`` (raise :class:`zmq.Again` instead of waiting),
            ``zmq.SNDMORE`` (more parts follow).
        copy : bool
            False shares the buffer with libzmq instead of copying it, for
            messages of at least :attr:`copy_threshold` bytes.
        track : bool
            With copy=False, return a :class:`zmq.MessageTracker` that tells
            when libzmq is done with the buffer.
        routing_id : int, optional
            The peer to send to (SERVER sockets, draft API).
        group : str, optional
            The group to send to (RADIO sockets, draft API).

        Returns
        -------
        None or MessageTracker
            As PyZMQ's: for a Frame, its ``tracker``; with ``copy=False``,
            ``zmq._FINISHED_TRACKER`` (done) for data shorter than
            :attr:`copy_threshold`, which is copied, else the tracker if
            ``track``; None otherwise.

        Raises
        ------
        zmq.Again
            With DONTWAIT, or after SNDTIMEO, when the message cannot be queued.
        """
        if not self._h.usable():
            raise self._unusable_error()
        _drain_releases()
        if routing_id is not None or group is not None:
            data = _routed_frame(data, routing_id, group, copy, track, self.copy_threshold)
        with cython.critical_section(self._h):
            return self._send_part(data, flags, copy, track)

    def send_multipart(self, msg_parts, int flags=0, bint copy=True, bint track=False,
                       **kwargs):
        """send_multipart(msg_parts, flags=0, copy=True, track=False, **kwargs)

        Send a message made of several parts, atomically.

        Parameters
        ----------
        msg_parts : sequence of bytes, Frames or buffers
            The parts. Each is checked before any is sent, so a bad part
            sends nothing.
        flags : int
            As for :meth:`send` (SNDMORE is added to every part but the last).
        copy, track : bool
            As for :meth:`send`, for every part.
        **kwargs
            ``routing_id`` / ``group`` (draft API), as for :meth:`send`.

        Returns
        -------
        None or MessageTracker
            What :meth:`send` returns for the last part; with ``track``, if
            parts share their buffers with libzmq, a tracker of all of them.
        """
        cdef object parts
        cdef Py_ssize_t count, index
        cdef object tracker = None
        cdef list trackers = None
        if not self._h.usable():
            raise self._unusable_error()
        _drain_releases()
        # PyZMQ slices the parts, so an iterator (or a set) is refused
        if not PySequence_Check(msg_parts):
            raise TypeError(
                f"send_multipart needs a sequence of message parts (a list or tuple), "
                f"got {type(msg_parts).__name__}"
            )
        parts = PySequence_Fast(msg_parts, "send_multipart needs a sequence of message parts")
        count = PySequence_Fast_GET_SIZE(parts)
        if count == 0:
            raise _errors._NoMessagePartsError("send_multipart needs at least one message part")
        for index in range(count):
            _check_part(<object>PySequence_Fast_GET_ITEM(parts, index), index, track)
        routing_id = kwargs.pop("routing_id", None)
        group = kwargs.pop("group", None)
        if kwargs:
            _warn(f"send_multipart ignores the arguments {sorted(kwargs)}", DeprecationWarning,
                  stacklevel=1)
        # one message: no other thread's part between its parts
        with cython.critical_section(self._h):
            for index in range(count):
                part = <object>PySequence_Fast_GET_ITEM(parts, index)
                if routing_id is not None or group is not None:
                    part = _routed_frame(
                        part, routing_id, group, copy, track, self.copy_threshold
                    )
                tracker = self._send_part(
                    part, flags | ZMQ_SNDMORE if index < count - 1 else flags, copy, track
                )
                # a part that was copied adds nothing to track
                if track and tracker is not None and tracker is not _tracker_for(None):
                    if trackers is None:
                        trackers = []
                    trackers.append(tracker)
        # PyZMQ returns the last part's tracker alone, which is done while
        # libzmq may still read the others
        if trackers is None:
            return tracker
        if len(trackers) == 1:
            return trackers[0]
        return _tracker_types()[0](*trackers)

    # receiving

    cpdef object recv(self, int flags=0, bint copy=True, bint track=False):
        """recv(flags=0, copy=True, track=False)

        Receive one message part.

        Parameters
        ----------
        flags : int
            ``zmq.DONTWAIT``: raise :class:`zmq.Again` instead of waiting.
        copy : bool
            True returns bytes; False returns a :class:`zmq.Frame` sharing
            libzmq's buffer (no copy).
        track : bool
            With copy=False, the Frame's ``tracker`` is ``zmq._FINISHED_TRACKER``
            (a received message shares no buffer of yours), as in PyZMQ.

        Returns
        -------
        bytes or Frame

        Raises
        ------
        zmq.Again
            With DONTWAIT, or after RCVTIMEO, when no message is there.
        """
        cdef zmq_msg_t msg
        cdef Frame frame
        cdef int rc
        if not self._h.usable():
            raise self._unusable_error()
        _drain_releases()
        if copy:
            zmq_msg_init(&msg)
            with cython.critical_section(self._h):
                rc = _recv_message(self._h, &msg, flags, self._type)
            if rc != 0:
                zmq_msg_close(&msg)
                _reraise()
            data = _bytes_of(&msg)
            zmq_msg_close(&msg)
            return data
        frame = _new_frame()
        with cython.critical_section(self._h):
            rc = _recv_message(self._h, &frame.zmq_msg, flags, self._type)
        if rc != 0:
            _reraise()
        frame.more = zmq_msg_more(&frame.zmq_msg)
        if track:
            frame.tracker = _tracker_for(None)
        return frame

    def recv_multipart(self, int flags=0, bint copy=True, bint track=False):
        """recv_multipart(flags=0, copy=True, track=False)

        Receive every part of a message.

        Parameters
        ----------
        flags, copy, track
            As for :meth:`recv`, for every part.

        Returns
        -------
        list of bytes, or list of Frame
        """
        cdef zmq_msg_t msg
        cdef Frame frame
        cdef list parts = []
        cdef bint more = True
        if not self._h.usable():
            raise self._unusable_error()
        _drain_releases()
        # one message: its parts, and no other thread's
        with cython.critical_section(self._h):
            if copy:
                zmq_msg_init(&msg)
                while more:
                    if _recv_message(self._h, &msg, flags, self._type) != 0:
                        zmq_msg_close(&msg)
                        _reraise()
                    parts.append(_bytes_of(&msg))
                    more = zmq_msg_more(&msg)
                zmq_msg_close(&msg)
                return parts
            while more:
                frame = _new_frame()
                if _recv_message(self._h, &frame.zmq_msg, flags, self._type) != 0:
                    _reraise()
                more = frame.more = zmq_msg_more(&frame.zmq_msg)
                if track:
                    frame.tracker = _tracker_for(None)
                parts.append(frame)
            return parts

    def recv_into(self, buffer, /, *, int nbytes=0, int flags=0):
        """recv_into(buffer, /, *, nbytes=0, flags=0)

        Receive one message part into a buffer you provide (no allocation).

        Parameters
        ----------
        buffer : writable buffer
            Where to put the data (a bytearray, memoryview, numpy array...).
        nbytes : int
            How many bytes to write at most (default: the buffer's size).
        flags : int
            ``zmq.DONTWAIT``: raise :class:`zmq.Again` instead of waiting.

        Returns
        -------
        int
            The size of the message part, which is larger than what was
            written when the part did not fit (it was truncated).
        """
        cdef Py_buffer view
        cdef int size
        if not self._h.usable():
            raise self._unusable_error()
        if nbytes < 0:
            raise ValueError(f"nbytes must be >= 0, got {nbytes}")
        if isinstance(buffer, str):
            raise TypeError("recv_into needs a writable buffer, got str")
        _get_buffer(buffer, &view, PyBUF_WRITABLE)
        try:
            if nbytes > view.len:
                raise ValueError(f"nbytes={nbytes} is larger than the buffer ({view.len} bytes)")
            with cython.critical_section(self._h):
                size = _transfer(self._h, RECV_BUFFER, view.buf,
                                 nbytes if nbytes else view.len, flags, self._type)
            if size < 0:
                _reraise()
            return size
        finally:
            PyBuffer_Release(&view)

    def poll(self, timeout=None, int flags=1):
        """poll(timeout=None, flags=zmq.POLLIN)

        Wait until the socket can receive (or send, with POLLOUT).

        Parameters
        ----------
        timeout : int, optional
            Milliseconds to wait at most; None (or a negative number) waits forever.
        flags : int
            ``zmq.POLLIN``, ``zmq.POLLOUT`` or both.

        Returns
        -------
        int
            The events that are ready (0 on timeout).
        """
        if not self._h.usable():
            raise self._unusable_error()
        return _poll_one(self._h, flags, timeout)


# The event-loop integration seam (zmq.integration re-exports these): functions,
# not Socket methods, so that a subclass's attributes can never shadow them.

def readiness_fd(Socket socket not None):
    """readiness_fd(socket)

    The FD an event loop watches for ``socket``: :meth:`Socket.fileno`,
    without the DraftFDWarning of a thread-safe socket (whose FD is a
    poller's, edge-triggered the same way), for integrations that read
    EVENTS after every wake-up.
    """
    return _socket_get(socket._h, ZMQ_FD, socket._type, False)


def add_edge_hook(Socket socket not None, hook):
    """add_edge_hook(socket, hook)

    Call ``hook()`` after every operation on ``socket``'s libzmq socket,
    through any of its wrappers, that may have consumed its FD's edge
    (reading EVENTS, sending, receiving, polling), and once when it is
    closed (the socket then reads as closed, and its FD is still open).
    Several hooks may watch one socket; adding one twice does nothing.
    """
    if not callable(hook):
        raise TypeError(f"an edge hook must be callable, got {type(hook).__name__}")
    _change_hooks(socket._h, hook, True)


def remove_edge_hook(Socket socket not None, hook):
    """remove_edge_hook(socket, hook)

    Stop calling ``hook`` (see :func:`add_edge_hook`); no error if it was not added.
    """
    _change_hooks(socket._h, hook, False)


cdef int _wait_until_idle(_Handle socket) except -1:
    """Make sure no other thread is in a call on ``socket`` before it is closed.

    libzmq aborts the process when a socket is closed under a call in
    progress. Once its context is shut down (Context.destroy does it), such
    calls end at once with ETERM: wait for them, without the GIL. Otherwise
    they may never end: refuse.
    """
    if socket.busy == 0:
        return 0
    if socket.context is None or not socket.context.shut_down:
        raise _error(
            EBUSY,
            "cannot close a socket while another thread waits in a call on it: close it "
            "from that thread, or end the call with Context.destroy() or term()",
        )
    while socket.busy:
        _sleep(0.001)
    return 0


@cython.critical_section
cdef int _close(_Handle socket, object linger, int socket_type) except -1:
    if socket.closed:
        return 0
    if not socket.usable():
        # forked: the parent's libzmq owns the socket
        socket.mark_closed()
        return 0
    _wait_until_idle(socket)
    if socket.closed:  # closed by another thread meanwhile
        return 0
    # a shut-down context refuses options (destroy set LINGER before)
    if linger is not None and not (socket.context is not None and socket.context.shut_down):
        _set_option(socket.ptr, ZMQ_LINGER, linger, socket_type)
    _close_socket(socket)
    return 0


@cython.critical_section
cdef int _monitor(_Handle socket, object endpoint, int events) except -1:
    """zmq_socket_monitor (endpoint None: stop): 0, or its errno."""
    _check_ready(socket)
    if zmq_socket_monitor(socket.ptr, NULL if endpoint is None else <char *>endpoint, events) != 0:
        return c_zmq_errno()
    return 0


@cython.critical_section
cdef void _change_hooks(_Handle socket, object hook, bint add) noexcept:
    hooks = socket.on_edge or ()
    if add:
        if hook not in hooks:
            socket.on_edge = (*hooks, hook)
    else:
        # a list, not a generator: compiled to a plain loop (disarmed at every wait)
        kept = [each for each in hooks if each != hook]
        socket.on_edge = tuple(kept) if kept else None


@cython.critical_section
cdef void *_new_socket(_Handle context, int socket_type) except? NULL:
    """zmq_socket, waiting for libzmq to reap closed sockets if it must.

    Never on a context being terminated: libzmq frees it when zmq_ctx_term ends."""
    cdef void *ptr
    cdef double deadline = 0
    cdef int errnum
    while True:
        if context.terminating:
            _set_errno(ETERM)
            return NULL
        ptr = zmq_socket(context.ptr, socket_type)
        if ptr != NULL:
            return ptr
        errnum = c_zmq_errno()
        if not _reaping_may_free_a_slot(context, errnum, &deadline):
            _set_errno(errnum)  # for the caller's report, whatever the wait did to it
            return NULL


cdef bint _reaping_may_free_a_slot(_Handle context, int errnum, double *deadline) except -1:
    """After a failure to make a socket (``errnum``): whether to try again.

    libzmq frees a closed socket's slot in a background thread, so a program
    that closes and makes sockets quickly can run into MAX_SOCKETS with fewer
    sockets open; then wait for the slots (a little while) instead of failing.
    ``deadline`` starts at 0 and is kept between the tries.
    """
    if errnum != EMFILE:
        return False
    if deadline[0] == 0:
        if context is not None and context.open_sockets >= zmq_ctx_get(
            context.ptr, ZMQ_MAX_SOCKETS
        ):
            return False
        deadline[0] = _poll_clock() + _REAP_PATIENCE
    elif _poll_clock() >= deadline[0]:
        return False
    _sleep(0.001)
    return True


cdef Frame _routed_frame(object data, object routing_id, object group, bint copy, bint track,
                         int copy_threshold):
    """A Frame of ``data`` addressed to a routing id and/or group (draft API),
    made as send(data, copy=copy, track=track) would send ``data``."""
    cdef Frame frame
    if isinstance(data, Frame):
        frame = <Frame>data
    else:
        frame = Frame(data, track=track, copy=True if copy else None,
                      copy_threshold=copy_threshold)
    if routing_id is not None:
        frame.routing_id = routing_id
    if group is not None:
        frame.group = group
    return frame


@cython.final
cdef class _SocketOptionAttribute:
    """A socket option as an attribute: ``s.linger`` is ``s.get(zmq.LINGER)``."""

    cdef int option
    cdef readonly str name

    def __init__(self, option):
        self.option = option
        self.name = _SocketOption(option).name.lower()

    def __get__(self, obj, objtype):
        cdef Socket socket
        if obj is None:
            return self
        socket = <Socket?>obj
        if not socket._h.usable():
            raise socket._unusable_error()
        if self.option == ZMQ_FD:
            # what FD raises (a thread-safe socket without drafts) is PyZMQ's RuntimeError
            return _socket_get(socket._h, self.option, socket._type)
        try:
            return _socket_get(socket._h, self.option, socket._type)
        except ZMQError as error:
            # a write-only option, or one of another socket type: AttributeError
            failure = _read_error(self.name, error)
        raise failure

    def __set__(self, obj, value):
        (<Socket?>obj)._set_attribute_option(self.option, value)

    def __delete__(self, obj):
        raise AttributeError(f"socket option {self.name} cannot be deleted")

    def __repr__(self):
        return f"<socket option {self.name}>"

# Polling: zmq_poll over sockets and file descriptors, for Poller, zmq_poll
# and Socket.poll.
#
# When every item is a zmq socket, readiness is first read from each socket's
# EVENTS with the GIL held, so a poll that can answer at once makes no system
# call and never releases the GIL.

from libc.stdlib cimport malloc, realloc, free

from zmq.backend.cython.libzmq cimport zmq_poll as c_zmq_poll, zmq_pollitem_t



cdef long _timeout_ms(object timeout) except? -2:
    """A poll timeout in ms from None or a number (None or negative: forever)."""
    if waits_forever(timeout):
        return -1
    return <long>timeout


cdef int _wait_items(zmq_pollitem_t *items, int count, long timeout) except -1:
    """zmq_poll without the GIL, resumed after signal handlers on EINTR.

    Returns the number of ready items (0 on timeout)."""
    cdef int rc
    cdef int errnum = 0
    cdef double deadline = 0
    if timeout > 0:
        deadline = _poll_clock() + timeout / 1000.0
    while True:
        with nogil:
            rc = c_zmq_poll(items, count, timeout)
            if rc < 0:
                errnum = c_zmq_errno()
        if rc >= 0:
            return rc
        if errnum != EINTR:
            raise _poll_error(errnum, items, count)
        PyErr_CheckSignals()
        if timeout > 0:
            timeout = <long>((deadline - _poll_clock()) * 1000)
            if timeout < 0:
                timeout = 0


cdef object _poll_error(int errnum, zmq_pollitem_t *items, int count):
    """The exception for a failed zmq_poll.

    libzmq polls thread-safe sockets only with its draft API: without it,
    zmq_poll reports EINVAL (as PyZMQ raises it, but saying why).
    """
    cdef int index
    cdef int thread_safe
    cdef size_t size
    if errnum == EINVAL and not c_zmq_has("draft"):
        for index in range(count):
            thread_safe = 0
            size = sizeof(int)
            if (
                items[index].socket != NULL
                and zmq_getsockopt(items[index].socket, ZMQ_THREAD_SAFE, &thread_safe, &size) == 0
                and thread_safe
            ):
                return _DraftAPIError(errnum, "Polling a thread-safe (SERVER, CLIENT...) socket")
    return _error(errnum, "polling")


cdef int _ready_now(void *handle, int flags) except -1:
    """The events of ``flags`` a socket has now, from its EVENTS option."""
    cdef int events = 0
    cdef size_t size = sizeof(int)
    if zmq_getsockopt(handle, ZMQ_EVENTS, &events, &size) != 0:
        raise _error(c_zmq_errno(), "reading a socket's EVENTS")
    return events & flags


cdef int _poll_one(_Handle socket, int flags, object timeout) except -1:
    cdef zmq_pollitem_t item
    cdef long ms = _timeout_ms(timeout)
    cdef int ready
    _claim(socket)
    try:
        _take_poller_wakeup(socket)
        ready = _ready_now(socket.ptr, flags)
        if ready or ms == 0:
            return ready
        item.socket = socket.ptr
        item.fd = 0
        item.events = flags
        item.revents = 0
        _wait_items(&item, 1, ms)
        return item.revents
    finally:
        _release(socket)


@cython.final
cdef class _PollItems:
    """A reusable C array of pollitems, filled from [(socket_or_fd, flags)]."""

    cdef zmq_pollitem_t *items
    cdef int capacity
    cdef int count
    cdef bint only_sockets
    cdef list sockets   # the _Handle of each zmq socket polled

    def __dealloc__(self):
        free(self.items)

    cdef int fill(self, list registered) except -1:
        cdef Py_ssize_t n = len(registered)
        cdef Py_ssize_t index
        cdef zmq_pollitem_t *item
        cdef Socket socket
        if n > self.capacity:
            new_items = <zmq_pollitem_t *>realloc(self.items, n * sizeof(zmq_pollitem_t))
            if new_items == NULL:
                raise MemoryError()
            self.items = new_items
            self.capacity = n
        self.count = n
        self.only_sockets = True
        self.sockets = []
        for index in range(n):
            obj, flags = registered[index]
            item = &self.items[index]
            item.events = flags
            item.revents = 0
            if isinstance(obj, Socket):
                socket = <Socket>obj
                if not socket._h.usable():
                    raise socket._unusable_error()
                item.socket = socket._h.ptr
                item.fd = 0
                self.sockets.append(socket._h)
            else:
                item.socket = NULL
                item.fd = _fileno_of(obj)
                self.only_sockets = False
        return 0

    cdef list results(self, list registered):
        cdef list ready = []
        cdef int index
        for index in range(self.count):
            if self.items[index].revents:
                # a non-zmq item is reported by its fd number, as PyZMQ does
                ready.append((
                    registered[index][0] if self.items[index].socket != NULL
                    else self.items[index].fd,
                    self.items[index].revents,
                ))
        return ready


cdef int _fileno_of(object obj) except? -1:
    if PyIndex_Check(obj):
        fd = obj
    elif hasattr(obj, "fileno"):
        fd = obj.fileno()
        if not PyIndex_Check(fd):
            raise TypeError(
                f"fileno() of {obj!r} must return an int file descriptor, "
                f"got {type(fd).__name__}: {fd!r}"
            )
    else:
        raise TypeError(
            f"can only poll zmq sockets, file descriptors and objects with fileno(), "
            f"got {type(obj).__name__}: {obj!r}"
        )
    # a negative fd is polled as poll(2) does: it is never ready
    return fd


cdef list _poll(_PollItems items, list registered, object timeout):
    cdef long ms = _timeout_ms(timeout)
    cdef int index
    cdef int ready = 0
    cdef _Handle socket
    cdef list claimed = []
    items.fill(registered)
    try:
        # each socket is the poll's alone until it ends (see socket.pxi)
        for socket in items.sockets:
            if socket not in claimed:  # a socket polled twice (or through a shadow)
                _claim(socket)
                claimed.append(socket)
        for socket in claimed:
            _take_poller_wakeup(socket)
        if items.only_sockets:
            for index in range(items.count):
                items.items[index].revents = _ready_now(
                    items.items[index].socket, items.items[index].events
                )
                if items.items[index].revents:
                    ready += 1
            if ready or ms == 0 or items.count == 0 and ms < 0:
                return items.results(registered)
        _wait_items(items.items, items.count, ms)
        return items.results(registered)
    finally:
        for socket in claimed:
            _release(socket)


def zmq_poll(sockets, timeout=-1):
    """zmq_poll(sockets, timeout=-1)

    Poll a list of sockets and file descriptors once.

    Parameters
    ----------
    sockets : list of (socket or fd, flags)
        What to poll: zmq sockets, int file descriptors or objects with
        fileno(), each with POLLIN/POLLOUT flags.
    timeout : int, optional
        Milliseconds to wait at most; a negative number waits forever (None
        is refused, as in PyZMQ: :meth:`Poller.poll` takes it).

    Returns
    -------
    list of (socket or fd, events)
        The items that are ready, with their events; an item that is not a
        zmq socket is given by its fd number.
    """
    if timeout is None:
        raise TypeError("zmq_poll's timeout is a number of milliseconds (-1 waits forever), "
                        "not None")
    return _poll(_PollItems.__new__(_PollItems), list(sockets), timeout)


# method descriptors, for the reason given at Socket
@cython.binding(False)
@cython.embedsignature(True)
@cython.embedsignature.format("clinic")
cdef class Poller:
    """Poller()

    Wait for events on several sockets and file descriptors at once.

    Attributes
    ----------
    sockets : list of (socket or fd, flags)
        What is registered, in order.
    """

    cdef public list sockets
    cdef public dict _map
    cdef _PollItems _items     # reused by polls, one at a time (None while one uses it)

    def __init__(self):
        self.sockets = []
        self._map = {}
        self._items = _PollItems.__new__(_PollItems)

    def __contains__(self, socket):
        return socket in self._map

    # the default is a number (ZMQ_POLLIN | ZMQ_POLLOUT), as the text signature
    # Cython writes for inspect spells it
    @cython.critical_section
    def register(self, socket, flags=3):
        """register(socket, flags=zmq.POLLIN | zmq.POLLOUT)

        Watch a socket or file descriptor (again: change its flags).

        Parameters
        ----------
        socket : Socket, int or object with fileno()
            What to watch.
        flags : int
            ``zmq.POLLIN``, ``zmq.POLLOUT`` or both; 0 unregisters.
        """
        if flags:
            if not isinstance(socket, Socket):
                try:
                    _fileno_of(socket)
                except TypeError as error:
                    # PyZMQ registers it, and fails when it polls
                    _warn(f"{error}: poll() will fail", DeprecationWarning, stacklevel=1)
            if socket in self._map:
                self.sockets[self._map[socket]] = (socket, flags)
            else:
                self.sockets.append((socket, flags))
                self._map[socket] = len(self.sockets) - 1
        elif socket in self._map:
            self.unregister(socket)

    def modify(self, socket, flags=3):
        """modify(socket, flags=zmq.POLLIN | zmq.POLLOUT)

        Change the flags of a registered socket (same as :meth:`register`).
        """
        self.register(socket, flags)

    @cython.critical_section
    def unregister(self, socket):
        """unregister(socket)

        Stop watching a socket or file descriptor.

        Raises
        ------
        KeyError
            If it was not registered.
        """
        index = self._map.pop(socket)
        self.sockets.pop(index)
        for other, position in self._map.items():
            if position > index:
                self._map[other] = position - 1

    def poll(self, timeout=None):
        """poll(timeout=None)

        Wait for events on the registered sockets.

        Parameters
        ----------
        timeout : int, optional
            Milliseconds to wait at most; None (or a negative number) waits forever.

        Returns
        -------
        list of (socket, event)
            The sockets that are ready, with their events (POLLIN, POLLOUT...);
            an item that is not a zmq socket is given by its fd number.
        """
        cdef _PollItems items
        cdef list registered
        items, registered = self._take_items()
        try:
            return _poll(items, registered, timeout)
        finally:
            self._items = items

    @cython.critical_section
    def _take_items(self):
        """The reusable pollitems (new ones if another thread polls), and what is registered."""
        items = self._items if self._items is not None else _PollItems.__new__(_PollItems)
        self._items = None
        return items, list(self.sockets)

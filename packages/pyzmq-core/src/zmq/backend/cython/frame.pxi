# Frame: one message part, a zmq_msg_t owned by a Python object.
#
# A Frame may be shared by threads: what changes it after it is made (its
# cached bytes and memoryview, libzmq's count of the message's copies) is
# changed in a critical section on the Frame.

from cpython.buffer cimport PyBuffer_FillInfo
from cpython.bytes cimport PyBytes_FromStringAndSize
from cpython.number cimport PyIndex_Check
from libc.stdint cimport uint32_t

from zmq.backend.cython.libzmq cimport (
    ZMQ_GROUP_MAX_LENGTH, ZMQ_MORE, zmq_msg_close, zmq_msg_copy, zmq_msg_data, zmq_msg_get, zmq_msg_gets,
    zmq_msg_group, zmq_msg_init, zmq_msg_init_size, zmq_msg_more, zmq_msg_routing_id,
    zmq_msg_set, zmq_msg_set_group, zmq_msg_set_routing_id, zmq_msg_size,
)

# zmq.COPY_THRESHOLD: below it, copying a message costs less than sharing its
# buffer with libzmq and tracking when libzmq lets it go
COPY_THRESHOLD = 65536
# Frames shown in full by repr; longer ones are abbreviated.
cdef enum:
    _REPR_FULL = 16
    _REPR_PREFIX = 12

# (MessageTracker, the finished tracker), handed down by zmq.sugar.tracker as
# zmq is imported, before any Frame can be made: the compiled layer does not
# import the Python layer above it. Set once, so threads read it without a lock.
cdef tuple _trackers = None


def _set_tracker_types(tracker_class, finished_tracker):
    """Make the trackers of tracked messages of ``tracker_class``, and give
    ``finished_tracker`` for messages that were copied (zmq.sugar.tracker's)."""
    global _trackers
    _trackers = (tracker_class, finished_tracker)


cdef tuple _tracker_types():
    """(MessageTracker, the finished tracker)."""
    if _trackers is None:
        raise RuntimeError("zmq.sugar.tracker was not imported: import zmq, not its backend alone")
    return _trackers


cdef object _tracker_for(object event):
    """A MessageTracker watching ``event`` (None for the finished tracker)."""
    if event is None:
        return _tracker_types()[1]
    return _tracker_types()[0](event)


cdef str _size_summary(size_t size):
    if size < 1000:
        return f"{size}B"
    if size < 1000000:
        return f"{size // 1000}kB"
    if size < 1000000000:
        return f"{size // 1000000}MB"
    return f"{size // 1000000000}GB"


cdef inline Frame _new_frame():
    """An empty Frame, made without running __init__ (the receive path)."""
    return Frame.__new__(Frame)


cdef object _draft_error(str what):
    return ZMQVersionError("draft", what)


cdef object _draft_attribute_error(str what):
    """A draft-only attribute read without the draft API: also an AttributeError,
    so that hasattr() and unittest.mock's spec see no such attribute."""
    return _errors._DraftAttributeError("draft", what)


cdef bytes _group_bytes(object group):
    """A RADIO/DISH group as libzmq takes it: a C string."""
    cdef bytes encoded
    if isinstance(group, str):
        encoded = (<str>group).encode("utf-8")
    elif isinstance(group, bytes):
        encoded = group
    else:
        raise TypeError(f"a group must be str or bytes, got {type(group).__name__}: {group!r}")
    # libzmq reads a C string: it would use the group cut at the NUL
    if b"\0" in encoded:
        raise ValueError(f"a group cannot contain a NUL character: {group!r}")
    # and cuts a message's group to its maximum length: another group
    if len(encoded) > ZMQ_GROUP_MAX_LENGTH:
        raise _error(EINVAL, f"group {group!r:.40} is {len(encoded)} bytes long; "
                             f"at most {ZMQ_GROUP_MAX_LENGTH} are allowed")
    return encoded


cdef class Frame:
    """Frame(data=None, track=False, copy=None, copy_threshold=None)

    One part of a message, as libzmq holds it.

    Parameters
    ----------
    data : bytes or buffer, optional
        The content: bytes, or any object with a contiguous buffer (bytearray,
        memoryview, numpy array...). str is refused: encode it first.
    track : bool
        Whether to track when libzmq releases a zero-copy message
        (see :attr:`tracker`).
    copy : bool, optional
        Copy the data (True), or share the buffer with libzmq (False).
        By default, data shorter than ``copy_threshold`` is copied.
    copy_threshold : int, optional
        The size below which data is copied when ``copy`` is None
        (default: :data:`zmq.COPY_THRESHOLD`).

    Attributes
    ----------
    more : bool
        Whether more parts of the message follow this one (received frames).
    tracker : MessageTracker or None
        Reports when libzmq no longer uses a zero-copy frame's buffer (only
        for frames made with ``track=True``; ``zmq._FINISHED_TRACKER``, done,
        for those that share no buffer).
    """

    def __cinit__(self, *args, **kwargs):
        zmq_msg_init(&self.zmq_msg)

    def __init__(self, data=None, track=False, copy=None, copy_threshold=None, **kwargs):
        cdef Py_buffer view
        cdef _TrackerEvent event = None
        cdef size_t threshold
        if kwargs:
            _warn(f"Frame() ignores the arguments {sorted(kwargs)}", DeprecationWarning, stacklevel=1)
        if track:
            # done until the frame shares a buffer with libzmq, as in PyZMQ
            self.tracker = _tracker_for(None)
        if data is None:
            return
        threshold = COPY_THRESHOLD if copy_threshold is None else copy_threshold
        _get_buffer(data, &view, 0)
        try:
            if copy is None:
                copy = <size_t>view.len < threshold
            if copy:
                zmq_msg_close(&self.zmq_msg)
                if zmq_msg_init_size(&self.zmq_msg, view.len) != 0:
                    zmq_msg_init(&self.zmq_msg)
                    raise _error(c_zmq_errno())
                memcpy(zmq_msg_data(&self.zmq_msg), view.buf, view.len)
                return
        finally:
            PyBuffer_Release(&view)
        if track:
            event = _TrackerEvent.__new__(_TrackerEvent)
        zmq_msg_close(&self.zmq_msg)
        try:
            _init_zero_copy(&self.zmq_msg, data, event)
        except BaseException:
            zmq_msg_init(&self.zmq_msg)
            raise
        self._data = data
        if event is not None:
            self.tracker_event = event
            self.tracker = _tracker_for(event)

    def __dealloc__(self):
        zmq_msg_close(&self.zmq_msg)
        _drain_releases()

    cdef Frame fast_copy(self):
        """A new Frame sharing this one's message (no copy of the data)."""
        cdef Frame new = _new_frame()
        with cython.critical_section(self):
            zmq_msg_copy(&new.zmq_msg, &self.zmq_msg)
        new._data = self._data
        new.tracker_event = self.tracker_event
        new.tracker = self.tracker
        new.more = self.more
        return new

    def __copy__(self):
        return self.fast_copy()

    def __deepcopy__(self, memo):
        return self.fast_copy()

    def __len__(self):
        return zmq_msg_size(&self.zmq_msg)

    def __getbuffer__(self, Py_buffer *buffer, int flags):
        # a zero-copy frame shows its source's memory, which may be immutable
        PyBuffer_FillInfo(buffer, self, zmq_msg_data(&self.zmq_msg),
                          zmq_msg_size(&self.zmq_msg), self._data is not None, flags)

    @property
    def bytes(self):
        """The content as bytes (copied once, then cached)."""
        cdef size_t size = zmq_msg_size(&self.zmq_msg)
        if type(self._data) is bytes and len(<bytes>self._data) == size:
            return self._data  # a zero-copy frame of bytes: they are the content
        with cython.critical_section(self):
            if self._bytes is None:
                self._bytes = PyBytes_FromStringAndSize(<char *>zmq_msg_data(&self.zmq_msg), size)
            return self._bytes

    @property
    def buffer(self):
        """The content as a memoryview (no copy; cached)."""
        with cython.critical_section(self):
            if self._buffer is None:
                self._buffer = memoryview(self)
            return self._buffer

    def get(self, option):
        """get(option)

        Get a property of the message.

        Parameters
        ----------
        option : int or str
            A :class:`zmq.MessageOption` (MORE, SRCFD, SHARED), or the name of a
            metadata property set by the peer or the security mechanism
            (``'Socket-Type'``, ``'User-Id'``, ``'Peer-Address'``, ``'Routing-Id'``...).

        Returns
        -------
        int or str
        """
        cdef const char *text
        cdef int value
        if isinstance(option, int):
            value = zmq_msg_get(&self.zmq_msg, option)
            if value == -1:
                raise _error(c_zmq_errno(), f"getting message option {option!r}")
            return value
        if option == "routing_id":
            return zmq_msg_routing_id(&self.zmq_msg)
        if option == "group":
            text = zmq_msg_group(&self.zmq_msg)
            return "" if text == NULL else text.decode("utf-8", "replace")
        if not isinstance(option, (str, bytes)):
            raise TypeError(
                f"a message property is an int option or a str name, got "
                f"{type(option).__name__}: {option!r}"
            )
        name = option.encode("utf-8") if isinstance(option, str) else option
        text = zmq_msg_gets(&self.zmq_msg, name)
        if text == NULL:
            raise _error(c_zmq_errno(), f"the message has no property {option!r}")
        return text.decode("utf-8", "replace")

    def __getitem__(self, key):
        """``frame[key]`` is ``frame.get(key)``: ``frame['User-Id']``."""
        return self.get(key)

    def __getattr__(self, name):
        # only reached when normal lookup fails (or a property raised
        # AttributeError): message options as attributes, frame.shared is
        # frame.get(zmq.SHARED), as PyZMQ's Frame does
        if name.startswith("_"):
            # no option; asked often (numpy probes __array_interface__...)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        if not _DRAFT_BUILD and (name == "routing_id" or name == "group"):
            raise _draft_attribute_error(f"Frame.{name}")
        return _option_attribute(self, name, lambda _, option: self.get(option))

    def set(self, option, value):
        """set(option, value)

        Set a property of the message (libzmq accepts none today but routing
        ids and groups, which have their own attributes).
        """
        if zmq_msg_set(&self.zmq_msg, option, value) != 0:
            raise _error(c_zmq_errno(), f"setting message option {option!r}")

    @property
    def routing_id(self):
        """The routing id of a message from or for a SERVER or PEER socket (draft API).

        Raises ZMQError for a message without one, as PyZMQ does.
        """
        cdef uint32_t routing_id
        if not _DRAFT_BUILD:
            raise _draft_attribute_error("Frame.routing_id")
        routing_id = zmq_msg_routing_id(&self.zmq_msg)
        if routing_id == 0:
            raise _error(EINVAL, "the frame has no routing id: only messages received on, "
                                 "or addressed to, a SERVER or PEER socket have one")
        return routing_id

    @routing_id.setter
    def routing_id(self, routing_id):
        if not _DRAFT_BUILD:
            raise _draft_error("Frame.routing_id")
        if not PyIndex_Check(routing_id):
            raise TypeError(f"a routing id is an int, got {type(routing_id).__name__}: "
                            f"{routing_id!r}")
        if not 0 <= routing_id <= 0xFFFFFFFF:
            raise OverflowError(f"a routing id is from 1 to 2**32-1, got {routing_id!r}")
        if zmq_msg_set_routing_id(&self.zmq_msg, routing_id) != 0:
            raise _error(c_zmq_errno(), f"setting routing_id={routing_id!r} (0 is no routing id)")

    @property
    def group(self):
        """The group of a message from or for a RADIO/DISH socket (draft API).

        ``""`` for a message without one, as in PyZMQ.
        """
        cdef const char *group
        if not _DRAFT_BUILD:
            raise _draft_attribute_error("Frame.group")
        group = zmq_msg_group(&self.zmq_msg)
        return group.decode("utf-8", "replace") if group != NULL else ""

    @group.setter
    def group(self, group):
        if not _DRAFT_BUILD:
            raise _draft_error("Frame.group")
        if zmq_msg_set_group(&self.zmq_msg, _group_bytes(group)) != 0:
            raise _error(c_zmq_errno(), f"setting group={group!r}")

    def __repr__(self):
        cdef size_t size = zmq_msg_size(&self.zmq_msg)
        cdef char *data = <char *>zmq_msg_data(&self.zmq_msg)
        if size <= _REPR_FULL:
            return f"<zmq.Frame({data[:size]!r})>"
        return f"<zmq.Frame({data[:_REPR_PREFIX]!r}...{_size_summary(size)})>"

    __str__ = __repr__


Message = Frame

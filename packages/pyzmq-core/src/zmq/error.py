"""The exceptions raised by zmq."""

from __future__ import annotations

import errno as _errno
from errno import EINTR as EINTR  # PyZMQ's zmq.error has it (as errno's int)
from typing import Any

from zmq.constants import Errno as _Errno

__all__ = [
    "Again",
    "ContextTerminated",
    "DraftFDWarning",
    "InterruptedSystemCall",
    "NotDone",
    "ZMQBaseError",
    "ZMQBindError",
    "ZMQError",
    "ZMQVersionError",
]


def _strerror(errnum: int) -> str:
    # the backend imports this module, so it can only be imported when needed
    from zmq.backend import strerror

    return strerror(errnum)


def _zmq_errno() -> int:
    from zmq.backend import zmq_errno

    return zmq_errno()


class ZMQBaseError(Exception):
    """Base class for every exception zmq raises."""


class ZMQError(ZMQBaseError):
    """An error reported by libzmq.

    Parameters
    ----------
    errno : int, optional
        The error number; libzmq's last error (``zmq_errno()``) if not given.
    msg : str, optional
        The message; libzmq's text for ``errno`` if not given.

    Attributes
    ----------
    errno : int
        The error number, comparable with the constants of :class:`zmq.Errno`.
    strerror : str
        A description of the error.

    Notes
    -----
    As in PyZMQ, ``args`` are the arguments as given.
    """

    errno: int | None = None
    _msg: str | None = None
    #: the errno of a subclass that stands for one error (Again...): it
    #: ignores its arguments, as PyZMQ's do
    _own_errno: int | None = None

    def __init__(self, errno: int | str | None = None, msg: str | None = None) -> None:
        if self._own_errno is not None:
            errno, msg = self._own_errno, None
        elif errno is None:
            errno = _zmq_errno()
        if isinstance(errno, int):
            self.errno = errno
        elif msg is None:
            # ZMQError("text"), as PyZMQ allows: a message and no errno
            msg = str(errno)
        self._msg = msg

    @property
    def strerror(self) -> str:
        """The description of the error (libzmq's text unless a message was given)."""
        if self._msg is not None:
            return self._msg
        if self.errno is None:
            return "unknown error"
        return _strerror(self.errno)

    def __str__(self) -> str:
        return self.strerror

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.strerror!r})"


class ZMQBindError(ZMQBaseError):
    """No free port could be bound (:meth:`zmq.Socket.bind_to_random_port`)."""


class NotDone(ZMQBaseError):
    """:meth:`zmq.MessageTracker.wait` timed out before libzmq released the message."""


class Again(ZMQError):
    """EAGAIN: the operation would block (DONTWAIT) or timed out (RCVTIMEO/SNDTIMEO).

    Its ``errno`` is always ``zmq.Errno.EAGAIN``; arguments are ignored, as in PyZMQ.
    """

    _own_errno = _Errno.EAGAIN


class ContextTerminated(ZMQError):
    """ETERM: the socket's context was terminated.

    Its ``errno`` is always ``zmq.Errno.ETERM``; arguments are ignored, as in PyZMQ.
    """

    _own_errno = _Errno.ETERM


# InterruptedError's strerror is a plain attribute, ZMQError's a property: both
# give the message, and catching either base class must work, as in PyZMQ
class InterruptedSystemCall(ZMQError, InterruptedError):  # type: ignore[misc]
    """EINTR: a blocking call was interrupted by a signal (arguments are ignored)."""

    _own_errno = _errno.EINTR


class ZMQVersionError(NotImplementedError):
    """The linked libzmq is too old, or lacks the draft API, for what was asked.

    Parameters
    ----------
    min_version : str
        The libzmq version (or ``"draft"``) that would be needed.
    msg : str, optional
        What was asked for.
    """

    min_version: str
    version: str

    def __init__(self, min_version: str, msg: str = "Feature") -> None:
        from zmq.backend import zmq_version

        self.min_version = min_version
        self.msg = msg
        self.version = zmq_version()
        super().__init__(min_version, msg)

    def __str__(self) -> str:
        if self.min_version == "draft":
            from zmq.backend import PYZMQ_DRAFT_API, has

            libzmq = "has" if has("draft") else "lacks"
            core = "with" if PYZMQ_DRAFT_API else "without"
            return (
                f"{self.msg} needs the draft API in libzmq and in pyzmq-core (built with "
                f"ZMQ_DRAFT_API=1): libzmq {self.version} {libzmq} it, pyzmq-core was "
                f"built {core} it"
            )
        return f"{self.msg} needs libzmq >= {self.min_version} (linked: {self.version})"

    def __repr__(self) -> str:
        return f"ZMQVersionError({str(self)!r})"


# Errors that are two things at once: what PyZMQ raises in that place, and
# what this project raised before (or what makes Python's tools work).


class _NotAZMQObjectError(ZMQError, ValueError):
    """A shadow of an address where no libzmq context or socket lives was used.

    As in PyZMQ, shadow() wraps any address, and every use then fails with
    EFAULT (a context) or ENOTSOCK (a socket); here libzmq never sees it.
    """


class _UnusableBufferError(BufferError, TypeError):
    """A buffer that is not contiguous (or not writable, to receive into):
    PyZMQ raises BufferError, and this project raised TypeError before."""


class _NoMessagePartsError(IndexError, ValueError):
    """send_multipart([]): PyZMQ raises IndexError, this project raised ValueError."""


class _NothingToShadowError(ZMQError, TypeError):
    """A closed socket given to shadow: PyZMQ shadows its address, 0, so makes
    no shadow and raises TypeError for the context it then lacks."""


class _UnusableContextError(ZMQError, RuntimeError):
    """A terminated (or forked) context was used: PyZMQ raises RuntimeError."""


class _DraftAttributeError(ZMQVersionError, AttributeError):
    """A draft-API attribute read without the draft API: also an AttributeError,
    so that ``hasattr()`` and ``unittest.mock.Mock(spec=obj)`` see no attribute."""


class _DraftAPIError(ZMQError, ZMQVersionError):
    """libzmq refused a draft option or socket for lack of the draft API.

    PyZMQ raises ZMQError there, with libzmq's errno: this is both that and a
    ZMQVersionError that says what is missing.
    """

    def __init__(self, errno: int, msg: str = "Feature") -> None:
        ZMQVersionError.__init__(self, "draft", msg)
        self.errno = errno
        self._msg = None

    @property
    def strerror(self) -> str:
        return ZMQVersionError.__str__(self)

    def __str__(self) -> str:
        return self.strerror

    def __repr__(self) -> str:
        return f"ZMQVersionError({str(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.errno, self.msg)


class DraftFDWarning(RuntimeWarning):
    """The FD of a thread-safe (draft) socket is a poller's FD, not the socket's own.

    .. versionadded:: 27
    """

    def __init__(self, msg: str = "") -> None:
        if not msg:
            msg = (
                "Thread-safe (draft) sockets have no FD of their own: their FD is that "
                "of a zmq_poller watching the socket. Use it as a ZMQ_FD: after it "
                "becomes readable, read EVENTS. Silence this warning with "
                "warnings.simplefilter('ignore', zmq.DraftFDWarning)"
            )
        super().__init__(msg)

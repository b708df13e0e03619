"""Logging handlers that publish log records on zmq sockets.

Each record goes out as two UTF-8 frames, ``[topic, message]``, where the topic
is ``root_topic.LEVELNAME`` followed by an optional subtopic taken from the
message (``"subtopic::text"``), so that subscribers can pick records by prefix.

Example::

    import logging
    from zmq.log.handlers import PUBHandler

    handler = PUBHandler("tcp://127.0.0.1:5558", root_topic="myprogram")
    logging.getLogger().addHandler(handler)
    logging.getLogger().warning("disk::almost full")  # topic: myprogram.WARNING.disk
"""

from __future__ import annotations

import copy
import logging
import warnings
from typing import Any

import zmq
from zmq.log.topic_logger import TopicLogger
from zmq.log.topics import TOPIC_DELIM, join_topic

__all__ = ["TOPIC_DELIM", "PUBHandler", "TopicLogger"]

_DETAILED = "%(levelname)s %(filename)s:%(lineno)d - %(message)s\n"

# PyZMQ's: the message alone for INFO, where and how severe for the other
# levels, and the exception info (or None) after an error's message
_DEFAULT_FORMATS = {
    logging.DEBUG: _DETAILED,
    logging.INFO: "%(message)s\n",
    logging.WARNING: _DETAILED,
    logging.ERROR: "%(levelname)s %(filename)s:%(lineno)d - %(message)s - %(exc_info)s\n",
    logging.CRITICAL: _DETAILED,
}

#: how long close() lets queued records go out, in milliseconds
_CLOSE_LINGER_MS = 1000

# used when the formatter chosen for a level is None, as logging.Handler does
_PLAIN = logging.Formatter()

# socket types that cannot send: a handler given one of them could never publish
_RECEIVE_ONLY: dict[int, str] = {zmq.SUB: "SUB", zmq.PULL: "PULL"}


def _encode(text: str) -> bytes:
    # a lone surrogate (e.g. from a badly decoded file name) must not lose the record
    return text.encode("utf-8", "backslashreplace")


class PUBHandler(logging.Handler):
    """A logging handler that publishes records on a zmq PUB socket.

    Give it an address to bind a PUB socket of its own, or a socket you made
    (bound or connected) to publish on::

        handler = PUBHandler("tcp://127.0.0.1:5558")

        sock = context.socket(zmq.PUB)
        sock.connect("tcp://logserver:5558")
        handler = PUBHandler(sock)

    Records are published as ``[topic, message]``; the topic is
    ``root_topic.LEVELNAME``, and a message that starts with
    ``subtopic::`` is published without that prefix on topic
    ``root_topic.LEVELNAME.subtopic``. Each level has its own formatter
    (see :meth:`setFormatter`).

    Logging through this handler never blocks and never raises in the code
    that logs: records are sent without waiting, so a record that cannot be
    queued at once (no peer for a PUSH socket, high-water mark reached) is
    dropped, as PUB sockets always do without subscribers. Other send errors
    go to :meth:`handleError`.

    Parameters
    ----------
    interface_or_socket : str or zmq.Socket
        An address to bind a new PUB socket to, or a socket that can send
        (a closed one, or a SUB or PULL socket, warns: it cannot publish).
    context : zmq.Context, optional
        The context of the new socket when binding an address (default: a
        new ``zmq.Context()`` of the handler's own, as in PyZMQ); unused
        with a socket.
    root_topic : str
        The first part of every topic (default: none).

    Raises
    ------
    TypeError
        If ``interface_or_socket`` is not an address.
    zmq.ZMQError
        If the address cannot be bound.

    Attributes
    ----------
    socket : zmq.Socket
        The socket records are sent on.
    ctx : zmq.Context
        The context of ``socket``.
    formatters : dict
        The formatter of each level, by level number.
    """

    socket: zmq.Socket[Any]
    ctx: zmq.Context[Any]
    formatters: dict[int, logging.Formatter | None]

    def __init__(
        self,
        interface_or_socket: str | zmq.Socket[Any],
        context: zmq.Context[Any] | None = None,
        root_topic: str = "",
    ) -> None:
        # close() may run (at interpreter exit) even when this method raised
        self._owns_socket = False
        self._owns_context = False
        super().__init__()
        self.root_topic = root_topic
        self.formatters = {
            level: logging.Formatter(fmt) for level, fmt in _DEFAULT_FORMATS.items()
        }
        if isinstance(interface_or_socket, zmq.Socket):
            _check_sending_socket(interface_or_socket)
            self.socket = interface_or_socket
            self.ctx = self.socket.context
        else:
            # a context of its own, as PyZMQ: code that terminates the shared
            # instance does not pull the handler's socket from under it
            self._owns_context = not context
            self.ctx = context or zmq.Context()
            try:
                self.socket = _bound_pub_socket(self.ctx, interface_or_socket)
            except BaseException:
                if self._owns_context:
                    self.ctx.term()
                raise
            self._owns_socket = True

    @property
    def root_topic(self) -> str:
        """The first part of every topic; empty for none (bytes are decoded)."""
        return self._root_topic

    @root_topic.setter
    def root_topic(self, value: str) -> None:
        if isinstance(value, bytes):
            value = value.decode("utf8")
        elif not isinstance(value, str):
            warnings.warn(
                f"root_topic should be str, not {type(value).__name__}: "
                "records are published under its str()",
                DeprecationWarning,
                stacklevel=2,
            )
        self._root_topic = value

    def setRootTopic(self, root_topic: str) -> None:
        """Set the root topic; the same as assigning :attr:`root_topic`.

        Parameters
        ----------
        root_topic : str
            The first part of every topic; empty for none.
        """
        self.root_topic = root_topic

    def setFormatter(self, fmt: logging.Formatter | None, level: int = logging.NOTSET) -> None:
        """Set the formatter of one level, or of every level.

        Parameters
        ----------
        fmt : logging.Formatter or None
            The formatter; None formats as ``logging.Formatter()`` does.
        level : int
            The level number (``logging.INFO``, or a custom level) whose
            records ``fmt`` formats; ``logging.NOTSET`` (0) for every level in
            :attr:`formatters`.

        Warns
        -----
        DeprecationWarning
            If ``fmt`` is a format string (it is wrapped in a
            ``logging.Formatter``; PyZMQ published the format string itself)
            or not a formatter, or ``level`` is not an int (as in PyZMQ, it
            is kept under that key, which no record has).
        """
        if isinstance(fmt, str):
            warnings.warn(
                "setFormatter needs a logging.Formatter, not a format string; "
                f"write logging.Formatter({fmt!r})",
                DeprecationWarning,
                stacklevel=2,
            )
            fmt = logging.Formatter(fmt)
        elif fmt is not None and not callable(getattr(fmt, "format", None)):
            warnings.warn(
                f"setFormatter needs a logging.Formatter, not {type(fmt).__name__}: "
                "records it should format will be lost",
                DeprecationWarning,
                stacklevel=2,
            )
        if level == logging.NOTSET:
            for each in self.formatters:
                self.formatters[each] = fmt
            return
        if not isinstance(level, int) or isinstance(level, bool):
            warnings.warn(
                f"level must be an int such as logging.INFO, not {level!r}: "
                "no record has that level",
                DeprecationWarning,
                stacklevel=2,
            )
        self.formatters[level] = fmt

    def format(self, record: logging.LogRecord) -> str:
        """Format a record with the formatter of its level.

        A level without a formatter of its own (a custom level) uses the
        formatter of the nearest level below it, or of the lowest level.

        Parameters
        ----------
        record : logging.LogRecord

        Returns
        -------
        str
        """
        formatter = self._formatter_for(record.levelno)
        return (_PLAIN if formatter is None else formatter).format(record)

    def emit(self, record: logging.LogRecord) -> None:
        """Publish a record as ``[topic, message]``.

        Parameters
        ----------
        record : logging.LogRecord
        """
        try:
            subtopic, record_to_format = _split_subtopic(record)
            topic = join_topic(str(self._root_topic), record.levelname, subtopic)
            message = self.format(record_to_format)
            self.socket.send_multipart([_encode(topic), _encode(message)], flags=zmq.NOBLOCK)
        except zmq.Again:
            pass  # dropped without blocking the caller, as documented
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        """Close the handler, and its socket and context if it made them itself.

        Records still queued get up to a second to go out. A socket or context
        given to the handler stays open: it belongs to the caller.
        """
        self.acquire()
        try:
            if self._owns_socket and not self.socket.closed:
                self.socket.close(linger=_CLOSE_LINGER_MS)
            if self._owns_context:
                self.ctx.term()
        finally:
            self.release()
        super().close()

    def _formatter_for(self, level: int) -> logging.Formatter | None:
        if level in self.formatters:
            return self.formatters[level]
        below = [each for each in self.formatters if isinstance(each, int) and each <= level]
        if not below:
            levels = [each for each in self.formatters if isinstance(each, int)]
            return self.formatters[min(levels)] if levels else None
        return self.formatters[max(below)]


def _split_subtopic(record: logging.LogRecord) -> tuple[str, logging.LogRecord]:
    """Take the subtopic off the front of a record's message.

    The subtopic is literal text of the message template, before ``%``
    arguments are applied. The record is copied, not changed, because other
    handlers of the same logger see it too.
    """
    subtopic, delim, rest = str(record.msg).partition(TOPIC_DELIM)
    if not delim:
        return "", record
    stripped = copy.copy(record)
    stripped.msg = rest
    return subtopic, stripped


def _check_sending_socket(sock: zmq.Socket[Any]) -> None:
    """Warn about a socket that cannot publish (PyZMQ takes it, and fails at each record)."""
    if sock.closed:
        problem = "this one is closed"
    elif sock.type in _RECEIVE_ONLY:
        problem = f"not a {_RECEIVE_ONLY[sock.type]} socket"
    else:
        return
    warnings.warn(
        f"PUBHandler needs an open socket that can send (PUB, XPUB, ...), {problem}: "
        "every record will fail",
        DeprecationWarning,
        stacklevel=3,
    )


def _bound_pub_socket(ctx: zmq.Context[Any], address: str) -> zmq.Socket[Any]:
    sock: zmq.Socket[Any] = ctx.socket(zmq.PUB)
    try:
        sock.bind(address)
    except BaseException:
        sock.close(linger=0)
        raise
    return sock

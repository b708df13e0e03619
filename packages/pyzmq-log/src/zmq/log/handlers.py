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
from typing import Any

import zmq
from zmq.log.topic_logger import TopicLogger
from zmq.log.topics import TOPIC_DELIM, as_text, join_topic

__all__ = ["TOPIC_DELIM", "PUBHandler", "TopicLogger"]

_DETAILED = "%(levelname)s %(filename)s:%(lineno)d - %(message)s\n"

# The message alone for INFO, where and how severe for the other levels.
_DEFAULT_FORMATS = {
    logging.DEBUG: _DETAILED,
    logging.INFO: "%(message)s\n",
    logging.WARNING: _DETAILED,
    logging.ERROR: _DETAILED,
    logging.CRITICAL: _DETAILED,
}

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
        An address to bind a new PUB socket to, or a socket that can send.
    context : zmq.Context, optional
        The context of the new socket when binding an address
        (default: ``zmq.Context.instance()``); unused with a socket.
    root_topic : str
        The first part of every topic (default: none).

    Raises
    ------
    TypeError
        If ``interface_or_socket`` is neither str nor a zmq.Socket, or
        ``root_topic`` is not str.
    ValueError
        If the socket is closed or cannot send (SUB, PULL).
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
        super().__init__()
        self.root_topic = root_topic
        self.formatters = {
            level: logging.Formatter(fmt) for level, fmt in _DEFAULT_FORMATS.items()
        }
        if isinstance(interface_or_socket, zmq.Socket):
            self.socket = _sending_socket(interface_or_socket)
            self.ctx = self.socket.context
        elif isinstance(interface_or_socket, str):
            if context is not None and not isinstance(context, zmq.Context):
                raise TypeError(f"context must be a zmq.Context, not {type(context).__name__}")
            self.ctx = context if context is not None else zmq.Context.instance()
            self.socket = _bound_pub_socket(self.ctx, interface_or_socket)
            self._owns_socket = True
        else:
            raise TypeError(
                "PUBHandler needs an address (str) to bind or a zmq.Socket, "
                f"not {type(interface_or_socket).__name__}"
            )

    @property
    def root_topic(self) -> str:
        """The first part of every topic; empty for none."""
        return self._root_topic

    @root_topic.setter
    def root_topic(self, value: str) -> None:
        self._root_topic = as_text(value, "root_topic")

    def setRootTopic(self, root_topic: str) -> None:
        """Set the root topic; the same as assigning :attr:`root_topic`.

        Parameters
        ----------
        root_topic : str
            The first part of every topic; empty for none.
        """
        self.root_topic = root_topic

    def setFormatter(
        self, fmt: logging.Formatter | None, level: int | None = logging.NOTSET
    ) -> None:
        """Set the formatter of one level, or of every level.

        Parameters
        ----------
        fmt : logging.Formatter or None
            The formatter; None formats as ``logging.Formatter()`` does.
        level : int or None
            The level number (``logging.INFO``, or a custom level) whose
            records ``fmt`` formats; ``logging.NOTSET`` (0) or None for every
            level in :attr:`formatters`.

        Raises
        ------
        TypeError
            If ``fmt`` is not a formatter (for example a format string: wrap
            it in ``logging.Formatter``), or ``level`` is not an int.
        """
        if isinstance(fmt, str):
            raise TypeError(
                "setFormatter needs a logging.Formatter, not a format string; "
                f"write logging.Formatter({fmt!r})"
            )
        if fmt is not None and not callable(getattr(fmt, "format", None)):
            raise TypeError(f"setFormatter needs a logging.Formatter, not {type(fmt).__name__}")
        if level is None or level == logging.NOTSET:
            for each in self.formatters:
                self.formatters[each] = fmt
        elif isinstance(level, int) and not isinstance(level, bool):
            self.formatters[level] = fmt
        else:
            raise TypeError(f"level must be an int such as logging.INFO, not {level!r}")

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
            topic = join_topic(self._root_topic, record.levelname, subtopic)
            message = self.format(record_to_format)
            self.socket.send_multipart([_encode(topic), _encode(message)], flags=zmq.NOBLOCK)
        except zmq.Again:
            pass  # dropped without blocking the caller, as documented
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        """Close the handler, and its socket if it made that socket itself.

        A socket given to the handler stays open: it belongs to the caller.
        """
        self.acquire()
        try:
            if self._owns_socket:
                self.socket.close()
        finally:
            self.release()
        super().close()

    def _formatter_for(self, level: int) -> logging.Formatter | None:
        if level in self.formatters:
            return self.formatters[level]
        if not self.formatters:
            return None
        below = [each for each in self.formatters if each <= level]
        return self.formatters[max(below) if below else min(self.formatters)]


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


def _sending_socket(sock: zmq.Socket[Any]) -> zmq.Socket[Any]:
    if sock.closed:
        raise ValueError("PUBHandler needs an open socket; this one is closed")
    if sock.type in _RECEIVE_ONLY:
        raise ValueError(
            f"PUBHandler needs a socket that can send (PUB, XPUB, ...), "
            f"not a {_RECEIVE_ONLY[sock.type]} socket"
        )
    return sock


def _bound_pub_socket(ctx: zmq.Context[Any], address: str) -> zmq.Socket[Any]:
    sock: zmq.Socket[Any] = ctx.socket(zmq.PUB)
    try:
        sock.bind(address)
    except BaseException:
        sock.close(linger=0)
        raise
    return sock

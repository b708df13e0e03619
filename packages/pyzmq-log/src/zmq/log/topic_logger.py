"""A logger whose methods take a topic before the message."""

from __future__ import annotations

import logging
import warnings
from typing import Any

from zmq.log.topics import TOPIC_DELIM

__all__ = ["TopicLogger"]

# frames between the caller and Logger.log: the public method and _log_with_topic
_OWN_FRAMES = 2


class TopicLogger(logging.Logger):
    """A logger whose methods take a topic before the message.

    ``logger.warning("disk", "%d%% full", 93)`` logs ``"disk::93% full"``,
    which :class:`~zmq.log.handlers.PUBHandler` publishes on topic
    ``root_topic.WARNING.disk``. Records report the file and line of the code
    that called the logger, as with any logger.

    Make one directly (``TopicLogger("myprogram")``) or have
    ``logging.getLogger`` make them after ``logging.setLoggerClass(TopicLogger)``.
    """

    # where PyZMQ defines it, and where programs find it: zmq.log.handlers.TopicLogger
    __module__ = "zmq.log.handlers"

    def log(  # type: ignore[override]  # the topic comes before the message
        self, level: int, topic: str, msg: object, *args: object, **kwargs: Any
    ) -> None:
        """Log ``msg % args`` with ``level`` on ``topic``.

        Parameters
        ----------
        level : int
            The level, such as ``logging.INFO``.
        topic : str
            The subtopic of the record; dots separate its parts (``"db.pool"``).
        msg : object
            The message, formatted with ``args`` as ``Logger.log`` does.
        *args, **kwargs
            As for ``logging.Logger.log`` (``exc_info``, ``extra``,
            ``stack_info``, ``stacklevel``).

        Raises
        ------
        TypeError
            If ``topic`` is not str, or ``level`` is not an int.
        ValueError
            If ``topic`` contains ``"::"``, which would end it early.
        """
        self._log_with_topic(level, topic, msg, args, kwargs)

    def debug(  # type: ignore[override]
        self, topic: str, msg: object, *args: object, **kwargs: Any
    ) -> None:
        """Log ``msg % args`` with level DEBUG on ``topic``."""
        self._log_with_topic(logging.DEBUG, topic, msg, args, kwargs)

    def info(  # type: ignore[override]
        self, topic: str, msg: object, *args: object, **kwargs: Any
    ) -> None:
        """Log ``msg % args`` with level INFO on ``topic``."""
        self._log_with_topic(logging.INFO, topic, msg, args, kwargs)

    def warning(  # type: ignore[override]
        self, topic: str, msg: object, *args: object, **kwargs: Any
    ) -> None:
        """Log ``msg % args`` with level WARNING on ``topic``."""
        self._log_with_topic(logging.WARNING, topic, msg, args, kwargs)

    def warn(  # type: ignore[override]
        self, topic: str, msg: object, *args: object, **kwargs: Any
    ) -> None:
        """Deprecated alias of :meth:`warning`, as for ``logging.Logger``."""
        warnings.warn(
            "TopicLogger.warn is deprecated, use warning", DeprecationWarning, stacklevel=2
        )
        self._log_with_topic(logging.WARNING, topic, msg, args, kwargs)

    def error(  # type: ignore[override]
        self, topic: str, msg: object, *args: object, **kwargs: Any
    ) -> None:
        """Log ``msg % args`` with level ERROR on ``topic``."""
        self._log_with_topic(logging.ERROR, topic, msg, args, kwargs)

    def exception(  # type: ignore[override]
        self, topic: str, msg: object, *args: object, exc_info: Any = True, **kwargs: Any
    ) -> None:
        """Log ``msg % args`` with level ERROR on ``topic``, with the exception
        being handled."""
        self._log_with_topic(logging.ERROR, topic, msg, args, dict(kwargs, exc_info=exc_info))

    def critical(  # type: ignore[override]
        self, topic: str, msg: object, *args: object, **kwargs: Any
    ) -> None:
        """Log ``msg % args`` with level CRITICAL on ``topic``."""
        self._log_with_topic(logging.CRITICAL, topic, msg, args, kwargs)

    fatal = critical  # type: ignore[assignment]

    def _log_with_topic(
        self,
        level: int,
        topic: str,
        msg: object,
        args: tuple[object, ...],
        kwargs: dict[str, Any],
    ) -> None:
        # formatted as PyZMQ's TopicLogger.log formats it
        topic = f"{topic}"
        if TOPIC_DELIM in topic:
            warnings.warn(
                f"a topic containing {TOPIC_DELIM!r} ({topic!r}) is split there by PUBHandler",
                DeprecationWarning,
                stacklevel=_OWN_FRAMES + 2,
            )
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + _OWN_FRAMES
        super().log(level, f"{topic}{TOPIC_DELIM}{msg}", *args, **kwargs)

"""Lines of text for log records received from a PUBHandler."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from zmq.log.topics import level_in_topic

__all__ = ["RecordDisplay"]

_RESET = "\x1b[0m"
# ANSI colors, each for its level and the levels above it up to the next one
_LEVEL_COLORS = (
    (logging.CRITICAL, "\x1b[1;31m"),
    (logging.ERROR, "\x1b[31m"),
    (logging.WARNING, "\x1b[33m"),
    (logging.INFO, "\x1b[32m"),
    (logging.DEBUG, "\x1b[36m"),
)


def _decode(frame: bytes) -> str:
    # a frame from a publisher that is not a PUBHandler must not stop the display
    return frame.decode("utf-8", "replace")


def _color_of(level: int) -> str:
    return next((color for lowest, color in _LEVEL_COLORS if level >= lowest), "")


class RecordDisplay:
    """Turn received records, ``[topic, message]`` frames, into lines of text.

    Parameters
    ----------
    separator : str
        What goes between the topic and the message.
    timestamp_format : str or None
        A ``strftime`` format of the time of receipt, put first on each line;
        None for no time.
    align : bool
        Pad each topic to the width of the longest seen so far, so that
        messages line up.
    color : bool
        Color each line after its level, with ANSI escape codes.
    min_level : int or None
        Leave out records below this level. Records whose topic names no
        level known to this process are always shown.
    clock : callable
        Returns the time of receipt (default: ``datetime.now``).
    """

    def __init__(
        self,
        *,
        separator: str = " | ",
        timestamp_format: str | None = None,
        align: bool = False,
        color: bool = False,
        min_level: int | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._separator = separator
        self._timestamp_format = timestamp_format
        self._align = align
        self._color = color
        self._min_level = min_level
        self._clock = clock
        self._topic_width = 0

    def line(self, frames: Sequence[bytes]) -> str | None:
        """Make the line for one received record.

        Parameters
        ----------
        frames : sequence of bytes
            The frames of the record: ``[topic, message]``. A missing message
            is shown empty; extra frames are appended to it, separated by
            spaces; bytes that are not UTF-8 are shown as U+FFFD.

        Returns
        -------
        str or None
            The line, without a line break at the end, or None if the record
            is below ``min_level``.
        """
        topic = _decode(frames[0]) if frames else ""
        message = " ".join(_decode(frame) for frame in frames[1:]).rstrip("\r\n")
        level = level_in_topic(topic)
        if self._min_level is not None and level is not None and level < self._min_level:
            return None
        if self._align:
            self._topic_width = max(self._topic_width, len(topic))
            topic = topic.ljust(self._topic_width)
        text = f"{topic}{self._separator}{message}"
        if self._timestamp_format is not None:
            text = f"{self._clock().strftime(self._timestamp_format)} {text}"
        color = _color_of(level) if self._color and level is not None else ""
        return f"{color}{text}{_RESET}" if color else text

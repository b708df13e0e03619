"""The topic of a published log record: ``[root_topic.]LEVELNAME[.subtopic]``.

Publishers build it with :func:`join_topic`; subscribers read the level back
with :func:`level_in_topic`.
"""

from __future__ import annotations

import logging
import re

__all__ = ["TOPIC_DELIM", "as_text", "join_topic", "level_in_topic"]

#: Ends the subtopic at the start of a log message: ``log.info("db::slow query")``
#: is published on topic ``INFO.db`` with the message ``slow query``.
TOPIC_DELIM = "::"

# logging names a level that has no registered name "Level <number>"
_UNNAMED_LEVEL = re.compile(r"Level (-?\d+)")


def as_text(value: str | bytes, what: str) -> str:
    """Return ``value`` as str, decoding bytes as UTF-8.

    Parameters
    ----------
    value : str or bytes
        The text to check.
    what : str
        What ``value`` is, for the error message.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``value`` is neither str nor bytes.
    ValueError
        If ``value`` is bytes that are not valid UTF-8.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"{what} must be UTF-8 text, got {value!r}") from error
    raise TypeError(f"{what} must be str, not {type(value).__name__}")


def join_topic(root_topic: str, levelname: str, subtopic: str = "") -> str:
    """Build the topic a record is published on.

    Parameters
    ----------
    root_topic : str
        The handler's root topic; left out when empty.
    levelname : str
        The record's level name (``record.levelname``).
    subtopic : str
        The subtopic taken from the message; left out when empty.

    Returns
    -------
    str
        The non-empty parts joined by dots, e.g. ``myprogram.WARNING.disk``.
    """
    return ".".join(part for part in (root_topic, levelname, subtopic) if part)


def level_in_topic(topic: str) -> int | None:
    """Find the level of a record from its topic.

    Parameters
    ----------
    topic : str
        A topic built by :func:`join_topic`.

    Returns
    -------
    int or None
        The level of the first dot-separated part that names a level known to
        this process (``WARNING``, ``Level 5``, a name given to
        ``logging.addLevelName``), or None if no part does.
    """
    for part in topic.split("."):
        level = logging.getLevelName(part)
        if isinstance(level, int):
            return level
        unnamed = _UNNAMED_LEVEL.fullmatch(part)
        if unnamed:
            return int(unnamed.group(1))
    return None

"""The topic format shared by publishers and subscribers."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from zmq.log.topics import TOPIC_DELIM, as_text, join_topic, level_in_topic


def test_delimiter() -> None:
    assert TOPIC_DELIM == "::"


@pytest.mark.parametrize(
    ("parts", "topic"),
    [
        (("", "INFO", ""), "INFO"),
        (("app", "INFO", ""), "app.INFO"),
        (("", "INFO", "db"), "INFO.db"),
        (("my.app", "ERROR", "db.pool"), "my.app.ERROR.db.pool"),
    ],
)
def test_join_topic_leaves_out_empty_parts(parts: tuple[str, str, str], topic: str) -> None:
    assert join_topic(*parts) == topic


@pytest.mark.parametrize(
    ("topic", "level"),
    [
        ("INFO", logging.INFO),
        ("app.WARNING", logging.WARNING),
        ("app.ERROR.db.CRITICAL", logging.ERROR),
        ("my.app.CRITICAL.x", logging.CRITICAL),
        ("DEBUG.sub", logging.DEBUG),
        ("Level 5", 5),
        ("app.Level 55.sub", 55),
        ("app.info", None),
        ("app", None),
        ("", None),
        ("app.Level five", None),
    ],
)
def test_level_in_topic(topic: str, level: int | None) -> None:
    assert level_in_topic(topic) == level


def test_level_in_topic_knows_registered_names(notice_level: int) -> None:
    assert level_in_topic("app.NOTICE") == notice_level


def test_as_text() -> None:
    assert as_text("t\u00e9", "topic") == "t\u00e9"
    assert as_text("t\u00e9".encode(), "topic") == "t\u00e9"


@pytest.mark.parametrize("bad", [None, 1, 1.5, ["x"], bytearray(b"x")])
def test_as_text_rejects_what_is_not_text(bad: Any) -> None:
    with pytest.raises(TypeError, match=f"topic must be str, not {type(bad).__name__}"):
        as_text(bad, "topic")


def test_as_text_rejects_bytes_that_are_not_utf8() -> None:
    with pytest.raises(ValueError, match=r"topic must be UTF-8 text, got b'\\xff'"):
        as_text(b"\xff", "topic")

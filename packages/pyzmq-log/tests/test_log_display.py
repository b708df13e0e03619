"""RecordDisplay: the lines `python -m zmq.log` prints for received records."""

from __future__ import annotations

from datetime import datetime

import pytest

from zmq.log.display import RecordDisplay

RED, YELLOW, RESET = "\x1b[31m", "\x1b[33m", "\x1b[0m"


def test_topic_and_message_without_the_trailing_line_break() -> None:
    display = RecordDisplay()
    assert display.line([b"app.INFO", b"started\n"]) == "app.INFO | started"
    assert display.line([b"app.INFO", b"crlf\r\n"]) == "app.INFO | crlf"


def test_multiline_messages_keep_their_inner_line_breaks() -> None:
    line = RecordDisplay().line([b"ERROR", b"failed\nTraceback (most recent call last):\n"])
    assert line == "ERROR | failed\nTraceback (most recent call last):"


def test_separator() -> None:
    assert RecordDisplay(separator=" ~ ").line([b"INFO", b"m"]) == "INFO ~ m"


def test_timestamp_of_receipt() -> None:
    display = RecordDisplay(
        timestamp_format="%Y-%m-%d %H:%M:%S", clock=lambda: datetime(2024, 5, 17, 8, 30, 1)
    )
    assert display.line([b"INFO", b"m"]) == "2024-05-17 08:30:01 INFO | m"


def test_align_pads_topics_to_the_longest_seen() -> None:
    display = RecordDisplay(align=True)
    assert display.line([b"app.INFO", b"a"]) == "app.INFO | a"
    assert display.line([b"app.WARNING.db", b"b"]) == "app.WARNING.db | b"
    assert display.line([b"app.INFO", b"c"]) == "app.INFO       | c"


def test_without_align_topics_are_not_padded() -> None:
    display = RecordDisplay()
    display.line([b"app.WARNING.db", b"b"])
    assert display.line([b"app.INFO", b"c"]) == "app.INFO | c"


@pytest.mark.parametrize(
    ("topic", "color"),
    [
        (b"DEBUG", "\x1b[36m"),
        (b"app.INFO", "\x1b[32m"),
        (b"app.WARNING.x", YELLOW),
        (b"ERROR", RED),
        (b"CRITICAL", "\x1b[1;31m"),
        (b"Level 45", RED),
    ],
)
def test_color_follows_the_level(topic: bytes, color: str) -> None:
    line = RecordDisplay(color=True).line([topic, b"m"])
    assert line == f"{color}{topic.decode()} | m{RESET}"


@pytest.mark.parametrize("topic", [b"no.level", b"Level 5"])
def test_no_color_without_a_known_level_at_or_above_debug(topic: bytes) -> None:
    assert RecordDisplay(color=True).line([topic, b"m"]) == f"{topic.decode()} | m"


def test_no_color_unless_asked() -> None:
    assert RecordDisplay().line([b"ERROR", b"m"]) == "ERROR | m"


def test_min_level_leaves_out_records_below_it() -> None:
    display = RecordDisplay(min_level=30)
    assert display.line([b"app.INFO", b"m"]) is None
    assert display.line([b"app.DEBUG.x", b"m"]) is None
    assert display.line([b"app.WARNING", b"m"]) == "app.WARNING | m"
    assert display.line([b"app.CRITICAL", b"m"]) == "app.CRITICAL | m"


def test_min_level_keeps_records_without_a_known_level() -> None:
    assert RecordDisplay(min_level=50).line([b"heartbeat", b"m"]) == "heartbeat | m"


def test_align_ignores_left_out_records() -> None:
    display = RecordDisplay(min_level=30, align=True)
    assert display.line([b"a.very.long.INFO.topic", b"m"]) is None
    assert display.line([b"ERROR", b"m"]) == "ERROR | m"


def test_every_option_together() -> None:
    display = RecordDisplay(
        separator=": ",
        timestamp_format="%H:%M",
        align=True,
        color=True,
        min_level=20,
        clock=lambda: datetime(2024, 1, 1, 23, 59),
    )
    display.line([b"app.WARNING.disk", b"x"])
    assert display.line([b"app.ERROR", b"y\n"]) == f"{RED}23:59 app.ERROR       : y{RESET}"


@pytest.mark.parametrize(
    ("frames", "line"),
    [
        ([b"only.topic"], "only.topic | "),
        ([b"INFO", b"a", b"b", b"c"], "INFO | a b c"),
        ([b"bad\xff", b"\xfe msg"], "bad\ufffd | \ufffd msg"),
        ([b"", b"no topic"], " | no topic"),
        ([], " | "),
    ],
)
def test_frames_not_from_a_pub_handler_are_shown_anyway(frames: list[bytes], line: str) -> None:
    assert RecordDisplay().line(frames) == line

"""TopicLogger: a logger whose methods take the topic, published through PUBHandler."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from zmq.log.handlers import TopicLogger

if TYPE_CHECKING:
    from conftest import Published


@pytest.fixture
def topic_logger(published: Published) -> Iterator[TopicLogger]:
    """A TopicLogger publishing through the handler of ``published``, every level."""
    log = TopicLogger(f"test-topic-logger-{id(published)}")
    log.setLevel(1)
    log.addHandler(published.handler)
    published.handler.root_topic = "prog"
    yield log
    log.removeHandler(published.handler)


def _caller_line() -> int:
    frame = inspect.currentframe()
    assert frame is not None and frame.f_back is not None
    return frame.f_back.f_lineno


def test_log_takes_level_topic_and_message(
    topic_logger: TopicLogger, published: Published
) -> None:
    topic_logger.log(logging.ERROR, "db.pool", "%d of %d connections lost", 3, 10)
    topic, message = published.recv()
    assert topic == b"prog.ERROR.db.pool"
    assert message.endswith(b" - 3 of 10 connections lost - None\n")


@pytest.mark.parametrize(
    ("method", "level"),
    [
        ("debug", "DEBUG"),
        ("info", "INFO"),
        ("warning", "WARNING"),
        ("error", "ERROR"),
        ("critical", "CRITICAL"),
        ("fatal", "CRITICAL"),
    ],
)
def test_each_level_method_takes_the_topic_first(
    topic_logger: TopicLogger, published: Published, method: str, level: str
) -> None:
    published.handler.setFormatter(logging.Formatter("%(message)s"))
    getattr(topic_logger, method)("net", "%s went %s", "link", "down")
    assert published.recv() == [f"prog.{level}.net".encode(), b"link went down"]


def test_warn_is_a_deprecated_warning(topic_logger: TopicLogger, published: Published) -> None:
    with pytest.deprecated_call(match="use warning"):
        topic_logger.warn("old", "still works")
    assert published.recv()[0] == b"prog.WARNING.old"


def test_exception_adds_the_exception_being_handled(
    topic_logger: TopicLogger, published: Published
) -> None:
    cache: dict[str, int] = {}
    try:
        cache["key"]
    except KeyError:
        topic_logger.exception("cache", "lookup of %s failed", "key")
    topic, message = published.recv()
    assert topic == b"prog.ERROR.cache"
    assert b" - lookup of key failed - (<class 'KeyError'>" in message
    assert b"\nTraceback (most recent call last):" in message
    assert message.endswith(b"KeyError: 'key'")


def test_exception_info_can_be_turned_off(topic_logger: TopicLogger, published: Published) -> None:
    try:
        raise OSError("disk")
    except OSError:
        topic_logger.exception("io", "quiet", exc_info=False)
    assert b"Traceback" not in published.recv()[1]


def test_records_name_the_caller_not_the_logger(
    topic_logger: TopicLogger, published: Published
) -> None:
    topic_logger.warning("where", "here")
    first = _caller_line() - 1
    topic_logger.log(logging.WARNING, "where", "and here")
    second = _caller_line() - 1
    assert published.recv()[1] == f"WARNING test_log_topic_logger.py:{first} - here\n".encode()
    expected = f"WARNING test_log_topic_logger.py:{second} - and here\n"
    assert published.recv()[1] == expected.encode()


def test_stacklevel_counts_from_the_caller(
    topic_logger: TopicLogger, published: Published
) -> None:
    def helper() -> None:
        topic_logger.warning("where", "from helper", stacklevel=2)

    helper()
    line = _caller_line() - 1
    expected = f"WARNING test_log_topic_logger.py:{line} - from helper\n"
    assert published.recv()[1] == expected.encode()


def test_extra_reaches_the_formatter(topic_logger: TopicLogger, published: Published) -> None:
    published.handler.setFormatter(logging.Formatter("%(user)s: %(message)s"))
    topic_logger.info("auth", "logged in", extra={"user": "ada"})
    assert published.recv() == [b"prog.INFO.auth", b"ada: logged in"]


def test_records_below_the_logger_level_are_not_published(
    topic_logger: TopicLogger, published: Published
) -> None:
    topic_logger.setLevel(logging.WARNING)
    topic_logger.info("quiet", "not sent")
    topic_logger.debug("quiet", "not sent")
    topic_logger.error("loud", "sent")
    assert published.recv()[0] == b"prog.ERROR.loud"
    assert published.nothing_left()


def test_empty_topic_publishes_on_the_level(
    topic_logger: TopicLogger, published: Published
) -> None:
    topic_logger.info("", "no subtopic")
    assert published.recv() == [b"prog.INFO", b"no subtopic\n"]


def test_messages_that_are_not_str(topic_logger: TopicLogger, published: Published) -> None:
    topic_logger.info("n", 42)
    topic_logger.info("d", {"k": "v"})
    topic_logger.info("\u00fc", "\u2603")
    assert published.recv() == [b"prog.INFO.n", b"42\n"]
    assert published.recv() == [b"prog.INFO.d", b"{'k': 'v'}\n"]
    assert published.recv() == ["prog.INFO.\u00fc".encode(), "\u2603\n".encode()]


@pytest.mark.parametrize(("topic", "published_as"), [(b"raw", b"b'raw'"), (5, b"5")])
def test_a_topic_that_is_not_text_is_formatted_as_pyzmq_does(
    topic_logger: TopicLogger, published: Published, topic: Any, published_as: bytes
) -> None:
    topic_logger.log(logging.INFO, topic, "m")
    assert published.recv()[0] == b"prog.INFO." + published_as
    topic_logger.info(topic, "m")
    assert published.recv()[0] == b"prog.INFO." + published_as


def test_a_topic_containing_the_delimiter_warns(
    topic_logger: TopicLogger, published: Published
) -> None:
    with pytest.warns(DeprecationWarning, match="split there"):
        topic_logger.info("a::b", "m")
    assert published.recv() == [b"prog.INFO.a", b"b::m\n"]


def test_level_must_be_an_int(topic_logger: TopicLogger) -> None:
    with pytest.raises(TypeError, match="level must be an integer"):
        topic_logger.log("INFO", "t", "m")  # type: ignore[arg-type]


def test_get_logger_makes_topic_loggers_after_set_logger_class(
    published: Published,
) -> None:
    original = logging.getLoggerClass()
    logging.setLoggerClass(TopicLogger)
    try:
        log = logging.getLogger("test-log-made-by-get-logger")
    finally:
        logging.setLoggerClass(original)
    assert isinstance(log, TopicLogger)
    log.setLevel(logging.INFO)
    log.propagate = False
    log.addHandler(published.handler)
    try:
        log.info("made", "by getLogger")
        assert published.recv() == [b"INFO.made", b"by getLogger\n"]
    finally:
        log.removeHandler(published.handler)

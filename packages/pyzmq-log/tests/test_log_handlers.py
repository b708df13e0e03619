"""PUBHandler publishes log records to real SUB sockets as [topic, message]."""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

import zmq
from zmq.log.handlers import TOPIC_DELIM, PUBHandler, TopicLogger

if TYPE_CHECKING:
    from conftest import Published

Subscribe = Callable[[zmq.Socket[Any], zmq.Socket[Any]], None]


def test_public_names_of_the_handlers_module() -> None:
    assert TOPIC_DELIM == "::"
    assert issubclass(PUBHandler, logging.Handler)
    assert issubclass(TopicLogger, logging.Logger)


# -- making a handler ------------------------------------------------------------------


def test_handler_binds_its_own_pub_socket_to_an_address(
    context: zmq.Context[Any],
    subscriber: Callable[[str], zmq.Socket[Any]],
    logger: logging.Logger,
    wait_until_subscribed: Subscribe,
) -> None:
    handler = PUBHandler("tcp://127.0.0.1:*", context=context)  # any free port
    try:
        assert handler.socket.type == zmq.PUB
        assert handler.ctx is context
        assert handler.socket.context is context
        sub = subscriber(handler.socket.last_endpoint.decode())
        wait_until_subscribed(handler.socket, sub)
        logger.addHandler(handler)
        logger.info("hello")
        assert sub.recv_multipart() == [b"INFO", b"hello\n"]
    finally:
        handler.close()
    assert handler.socket.closed, "the handler closes the socket it made"


def test_handler_without_context_makes_a_context_of_its_own() -> None:
    # as PyZMQ: code that terminates the shared instance leaves the handler working
    handler = PUBHandler("tcp://127.0.0.1:*")
    try:
        assert isinstance(handler.ctx, zmq.Context)
        assert handler.ctx is not zmq.Context.instance()
        assert handler.socket.context is handler.ctx
    finally:
        handler.close()
    assert handler.socket.closed
    assert handler.ctx.closed, "the handler terminates the context it made"


def test_handler_publishes_on_a_given_socket_and_leaves_it_open(
    published: Published,
) -> None:
    handler = published.handler
    assert handler.ctx is handler.socket.context
    published.logger.warning("given")
    assert published.recv()[0] == b"WARNING"
    handler.close()
    assert not handler.socket.closed, "a socket given to the handler belongs to the caller"


def test_handler_publishes_on_an_xpub_socket(
    xpub: tuple[zmq.Socket[Any], str],
    subscriber: Callable[[str], zmq.Socket[Any]],
    logger: logging.Logger,
) -> None:
    sock, address = xpub
    sub = subscriber(address)
    assert sock.recv() == b"\x01"  # the subscription to every topic is in effect
    logger.addHandler(PUBHandler(sock))
    logger.error("on xpub")
    assert sub.recv_multipart()[0] == b"ERROR"


def test_handler_context_argument_is_unused_with_a_socket(
    context: zmq.Context[Any],
) -> None:
    other: zmq.Context[Any] = zmq.Context()
    try:
        handler = PUBHandler(context.socket(zmq.PUB), context=other)
        assert handler.ctx is context
    finally:
        other.destroy(linger=0)


@pytest.mark.parametrize("bad", [5, None, ["tcp://127.0.0.1:5555"]])
def test_handler_rejects_what_is_neither_address_nor_socket(bad: Any) -> None:
    with pytest.raises(TypeError):
        PUBHandler(bad)


def test_handler_binds_an_address_given_as_bytes() -> None:
    handler = PUBHandler(b"tcp://127.0.0.1:*")  # type: ignore[arg-type]
    try:
        assert handler.socket.last_endpoint.startswith(b"tcp://127.0.0.1:")
    finally:
        handler.close()


@pytest.mark.parametrize("bad", [5, "context"])
def test_handler_fails_as_pyzmq_with_a_context_that_is_no_context(bad: Any) -> None:
    with pytest.raises(AttributeError, match="socket"):
        PUBHandler("tcp://127.0.0.1:*", context=bad)


def test_handler_reports_an_address_it_cannot_bind_and_leaks_no_socket() -> None:
    ctx: zmq.Context[Any] = zmq.Context()
    with pytest.raises(zmq.ZMQError, match="Invalid argument"):
        PUBHandler("not-an-address", context=ctx)
    ctx.term()  # would wait forever for a socket left open


def test_handler_reports_an_address_in_use(
    context: zmq.Context[Any],
) -> None:
    taken: zmq.Socket[Any] = context.socket(zmq.PUB)
    port = taken.bind_to_random_port("tcp://127.0.0.1")
    with pytest.raises(zmq.ZMQError, match="Address already in use"):
        PUBHandler(f"tcp://127.0.0.1:{port}", context=context)


@pytest.mark.parametrize(("socket_type", "name"), [(zmq.SUB, "SUB"), (zmq.PULL, "PULL")])
def test_handler_warns_about_a_socket_that_cannot_send(
    context: zmq.Context[Any], socket_type: int, name: str, logger: logging.Logger
) -> None:
    # PyZMQ takes it; each record then fails (handleError, here)
    with pytest.warns(DeprecationWarning, match=f"can send .*not a {name} socket"):
        handler = PUBHandler(context.socket(socket_type))
    failed = []
    handler.handleError = failed.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    logger.error("cannot go out")
    assert [record.getMessage() for record in failed] == ["cannot go out"]


def test_handler_warns_about_a_closed_socket(context: zmq.Context[Any]) -> None:
    sock: zmq.Socket[Any] = context.socket(zmq.PUB)
    sock.close()
    with pytest.warns(DeprecationWarning, match="closed"):
        PUBHandler(sock)


# -- topics ------------------------------------------------------------------------------


def test_each_level_is_published_on_its_own_topic(published: Published) -> None:
    log = published.logger
    log.debug("d")
    log.info("i")
    log.warning("w")
    log.error("e")
    log.critical("c")
    topics = [published.recv()[0] for _ in range(5)]
    assert topics == [b"DEBUG", b"INFO", b"WARNING", b"ERROR", b"CRITICAL"]


def test_records_below_the_handler_level_are_not_published(published: Published) -> None:
    published.handler.setLevel(logging.WARNING)
    published.logger.info("not sent")
    published.logger.warning("sent")
    assert published.recv()[0] == b"WARNING"
    assert published.nothing_left()


def test_root_topic_comes_first(
    published: Published,
) -> None:
    handler = published.handler
    assert handler.root_topic == ""
    handler.root_topic = "myprogram"
    assert handler.root_topic == "myprogram"
    published.logger.info("one")
    handler.setRootTopic("other.program")
    assert handler.root_topic == "other.program"
    published.logger.info("two")
    handler.root_topic = ""
    published.logger.info("three")
    assert [published.recv()[0] for _ in range(3)] == [
        b"myprogram.INFO",
        b"other.program.INFO",
        b"INFO",
    ]


def test_root_topic_given_when_binding(
    context: zmq.Context[Any],
) -> None:
    handler = PUBHandler("inproc://test-log-root-topic", context=context, root_topic="app")
    try:
        assert handler.root_topic == "app"
    finally:
        handler.close()


def test_root_topic_as_utf8_bytes_is_decoded(published: Published) -> None:
    published.handler.root_topic = "prog\u00e9".encode()  # type: ignore[assignment]
    assert published.handler.root_topic == "prog\u00e9"
    published.logger.info("m")
    assert published.recv()[0] == "prog\u00e9.INFO".encode()


@pytest.mark.parametrize("bad", [5, ["a"]])
def test_root_topic_that_is_not_text_warns_and_is_published_as_str(
    published: Published, bad: Any
) -> None:
    with pytest.warns(DeprecationWarning, match="root_topic should be str"):
        published.handler.root_topic = bad
    assert published.handler.root_topic is bad
    with pytest.warns(DeprecationWarning, match="root_topic should be str"):
        published.handler.setRootTopic(bad)
    published.logger.info("m")
    assert published.recv()[0] == f"{bad}.INFO".encode()


def test_root_topic_bytes_must_be_utf8(published: Published) -> None:
    with pytest.raises(UnicodeDecodeError):
        published.handler.root_topic = b"\xff"  # type: ignore[assignment]


def test_subtopic_moves_from_the_message_to_the_topic(published: Published) -> None:
    published.handler.root_topic = "myprogram"
    published.logger.warning("sub.topic" + TOPIC_DELIM + "the %s message", "real")
    topic, message = published.recv()
    assert topic == b"myprogram.WARNING.sub.topic"
    assert message.endswith(b" - the real message\n")
    assert b"sub.topic" not in message


@pytest.mark.parametrize(
    ("logged", "topic", "message"),
    [
        ("::no subtopic", b"INFO", b"no subtopic\n"),
        ("first::second::third", b"INFO.first", b"second::third\n"),
        ("ends with::", b"INFO.ends with", b"\n"),
        ("a: b :: c", b"INFO.a: b ", b" c\n"),
        ("no delimiter: here", b"INFO", b"no delimiter: here\n"),
    ],
)
def test_subtopic_is_the_text_before_the_first_delimiter(
    published: Published, logged: str, topic: bytes, message: bytes
) -> None:
    published.logger.info(logged)
    assert published.recv() == [topic, message]


def test_subtopic_is_never_taken_from_arguments(published: Published) -> None:
    published.logger.info("value: %s", "a::b")
    assert published.recv() == [b"INFO", b"value: a::b\n"]


def test_other_handlers_see_the_record_unchanged(published: Published) -> None:
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    published.logger.addHandler(Keep())
    published.logger.info("db::slow %s", "query")
    assert published.recv() == [b"INFO.db", b"slow query\n"]
    assert seen[0].msg == "db::slow %s"
    assert seen[0].getMessage() == "db::slow query"


# -- messages ----------------------------------------------------------------------------


def test_unicode_topics_and_messages_are_utf8(published: Published) -> None:
    published.handler.root_topic = "\u30ed\u30b0"
    published.logger.info("\u00fcber::na\u00efve \u2603 \U0001f600")
    topic, message = published.recv()
    assert topic.decode("utf-8") == "\u30ed\u30b0.INFO.\u00fcber"
    assert message.decode("utf-8") == "na\u00efve \u2603 \U0001f600\n"


def test_a_lone_surrogate_is_escaped_not_lost(
    published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    published.logger.info("name: x\udcffy")
    assert published.recv() == [b"INFO", b"name: x\\udcffy\n"]
    assert capsys.readouterr().err == ""


class _Shown:
    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


@pytest.mark.parametrize(
    ("msg", "topic", "message"),
    [
        (b"raw bytes", b"INFO", b"b'raw bytes'\n"),
        (42, b"INFO", b"42\n"),
        ({"key": [1, 2]}, b"INFO", b"{'key': [1, 2]}\n"),
        (_Shown("custom \u00e9"), b"INFO", "custom \u00e9\n".encode()),
        (_Shown("obj::with subtopic"), b"INFO.obj", b"with subtopic\n"),
    ],
)
def test_messages_that_are_not_str(
    published: Published, msg: object, topic: bytes, message: bytes
) -> None:
    published.logger.info(msg)
    assert published.recv() == [topic, message]


def test_messages_with_args_are_formatted(published: Published) -> None:
    published.logger.info("%d files in %s", 3, "/tmp")
    published.logger.info("%(n)d left", {"n": 2})
    assert published.recv()[1] == b"3 files in /tmp\n"
    assert published.recv()[1] == b"2 left\n"


# -- formatters --------------------------------------------------------------------------


def test_default_formatters_show_where_except_for_info(published: Published) -> None:
    handler = published.handler
    assert set(handler.formatters) == {10, 20, 30, 40, 50}
    assert len({id(fmt) for fmt in handler.formatters.values()}) == 5
    log = published.logger
    log.info("plain")
    log.warning("detailed")
    line = _caller_line() - 1
    assert published.recv()[1] == b"plain\n"
    expected = f"WARNING test_log_handlers.py:{line} - detailed\n"
    assert published.recv()[1] == expected.encode()


def _caller_line() -> int:
    frame = inspect.currentframe()
    assert frame is not None and frame.f_back is not None
    return frame.f_back.f_lineno


@pytest.mark.parametrize("level", [logging.DEBUG, logging.WARNING, logging.CRITICAL])
def test_default_formatters_of_other_levels(published: Published, level: int) -> None:
    published.logger.log(level, "m")
    name = logging.getLevelName(level)
    assert published.recv()[1].startswith(f"{name} test_log_handlers.py:".encode())


def test_error_records_in_pyzmqs_format(published: Published) -> None:
    # PyZMQ's ERROR format ends with the exception info, None without one
    published.logger.error("no exception")
    assert published.recv()[1].endswith(b" - no exception - None\n")
    try:
        raise KeyError("missing")
    except KeyError:
        published.logger.exception("lookup failed")
    message = published.recv()[1].decode()
    assert message.startswith("ERROR test_log_handlers.py:")
    assert " - lookup failed - (<class 'KeyError'>, KeyError('missing'), <traceback " in message
    assert "\nTraceback (most recent call last):\n" in message
    assert message.endswith("KeyError: 'missing'")


def test_set_formatter_of_one_level(published: Published) -> None:
    handler = published.handler
    mine = logging.Formatter("<%(levelname)s> %(message)s")
    handler.setFormatter(mine, logging.INFO)
    assert handler.formatters[logging.INFO] is mine
    published.logger.info("i")
    published.logger.debug("d")
    assert published.recv()[1] == b"<INFO> i"
    assert published.recv()[1].startswith(b"DEBUG test_log_handlers.py:")


@pytest.mark.parametrize("level", [logging.NOTSET, False])
def test_set_formatter_of_every_level(published: Published, level: int) -> None:
    handler = published.handler
    mine = logging.Formatter("all: %(message)s")
    handler.setFormatter(mine, level)
    assert all(fmt is mine for fmt in handler.formatters.values())
    published.logger.debug("d")
    published.logger.critical("c")
    assert published.recv()[1] == b"all: d"
    assert published.recv()[1] == b"all: c"


def test_set_formatter_without_level_sets_every_level(published: Published) -> None:
    mine = logging.Formatter("%(message)s!")
    published.handler.setFormatter(mine)
    assert set(published.handler.formatters.values()) == {mine}


def test_formatters_dict_can_be_edited_directly(published: Published) -> None:
    published.handler.formatters[logging.INFO] = logging.Formatter("direct %(message)s")
    published.logger.info("i")
    assert published.recv()[1] == b"direct i"


def test_none_formatter_formats_like_logging_does(published: Published) -> None:
    published.handler.setFormatter(None, logging.INFO)
    published.logger.info("bare %s", "message")
    assert published.recv()[1] == b"bare message"


def test_set_formatter_warns_about_a_format_string_and_uses_it(published: Published) -> None:
    with pytest.warns(DeprecationWarning, match=r"format string; write logging\.Formatter"):
        published.handler.setFormatter("<%(message)s>")  # type: ignore[arg-type]
    published.logger.info("m")
    assert published.recv()[1] == b"<m>"
    with pytest.warns(DeprecationWarning, match=r"needs a logging\.Formatter, not int"):
        published.handler.setFormatter(3)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["INFO", 1.5, True, None])
def test_set_formatter_warns_about_a_level_that_is_not_an_int(
    published: Published, bad: Any
) -> None:
    with pytest.warns(DeprecationWarning, match="level must be an int"):
        published.handler.setFormatter(logging.Formatter("%(message)s!"), bad)
    # as in PyZMQ, kept under that key (None too), which no record has
    assert bad in published.handler.formatters
    published.logger.info("m")
    assert published.recv()[1] == b"m\n"


def test_format_picks_the_formatter_of_the_record_level(published: Published) -> None:
    assert published.handler.format(_record("text %s", "x")) == "text x\n"


def test_custom_levels_use_the_formatter_of_the_level_below(
    published: Published, notice_level: int
) -> None:
    handler = published.handler
    handler.setFormatter(logging.Formatter("info: %(message)s"), logging.INFO)
    handler.setFormatter(logging.Formatter("debug: %(message)s"), logging.DEBUG)
    published.logger.setLevel(1)
    published.logger.log(notice_level, "between info and warning")
    published.logger.log(5, "below debug")
    published.logger.log(55, "above critical")
    assert published.recv() == [b"NOTICE", b"info: between info and warning"]
    assert published.recv() == [b"Level 5", b"debug: below debug"]
    topic, message = published.recv()
    assert topic == b"Level 55"
    assert message.startswith(b"Level 55 test_log_handlers.py:")


def test_custom_level_with_its_own_formatter(published: Published) -> None:
    published.handler.setFormatter(logging.Formatter("notice: %(message)s"), 25)
    published.logger.log(25, "n")
    published.logger.info("i")
    assert published.recv()[1] == b"notice: n"
    assert published.recv()[1] == b"i\n"


def test_no_formatters_at_all_formats_like_logging(published: Published) -> None:
    published.handler.formatters.clear()
    published.logger.warning("w")
    assert published.recv() == [b"WARNING", b"w"]


# -- never blocking, never raising -------------------------------------------------------


@pytest.mark.timeout(20)
def test_records_are_dropped_without_blocking_when_no_peer_can_take_them(
    context: zmq.Context[Any], logger: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    push: zmq.Socket[Any] = context.socket(zmq.PUSH)  # a blocking send would wait forever
    handler = PUBHandler(push)
    logger.addHandler(handler)
    for n in range(100):
        logger.info("nobody listens %d", n)
    assert capsys.readouterr().err == ""


@pytest.mark.timeout(30)
def test_records_beyond_the_high_water_mark_are_dropped(
    context: zmq.Context[Any],
    subscriber: Callable[[str], zmq.Socket[Any]],
    logger: logging.Logger,
    capsys: pytest.CaptureFixture[str],
    wait_until_subscribed: Subscribe,
) -> None:
    pub: zmq.Socket[Any] = context.socket(zmq.PUB)
    pub.sndhwm = 10
    port = pub.bind_to_random_port("tcp://127.0.0.1")
    sub = subscriber(f"tcp://127.0.0.1:{port}")
    sub.rcvhwm = 10
    wait_until_subscribed(pub, sub)
    logger.addHandler(PUBHandler(pub))
    sent = 20_000
    for n in range(sent):
        logger.info("%d", n)
    logger.critical("last")
    received = []
    while sub.poll(200):
        received.append(sub.recv_multipart())
    assert capsys.readouterr().err == ""
    assert 0 < len(received) < sent
    numbers = [int(msg) for topic, msg in received if topic == b"INFO"]
    assert numbers == sorted(numbers), "what arrives arrives in order"


def _record(msg: object, *args: object) -> logging.LogRecord:
    return logging.LogRecord("test", logging.INFO, __file__, 1, msg, args, None)


def test_send_errors_go_to_handle_error(
    published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    published.handler.socket.close()
    published.logger.info("after the socket closed")  # must not raise here
    err = capsys.readouterr().err
    assert "--- Logging error ---" in err
    assert "ZMQError" in err
    assert "after the socket closed" in err


def test_formatting_errors_go_to_handle_error(
    published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    # pytest's own handlers on the logger would fail the test: give the record
    # to this handler alone
    published.handler.handle(_record("%d", "not a number"))
    assert "--- Logging error ---" in capsys.readouterr().err
    published.logger.info("still works")
    assert published.recv() == [b"INFO", b"still works\n"]


def test_a_message_whose_str_fails_goes_to_handle_error(
    published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("cannot show")

    published.handler.handle(_record(Broken()))
    assert "RuntimeError: cannot show" in capsys.readouterr().err


def test_handle_error_can_be_silenced_as_for_any_handler(
    published: Published, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging, "raiseExceptions", False)
    published.handler.socket.close()
    published.logger.info("lost quietly")
    assert capsys.readouterr().err == ""


def test_records_after_close_go_to_handle_error(
    context: zmq.Context[Any], logger: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    handler = PUBHandler("inproc://test-log-after-close", context=context)
    logger.addHandler(handler)
    handler.close()
    handler.close()  # a second close does no harm
    logger.info("late")
    assert "--- Logging error ---" in capsys.readouterr().err


@pytest.mark.timeout(30)
def test_threads_can_log_through_one_handler(published: Published) -> None:
    threads, each = 4, 100

    def log_from_thread(n: int) -> None:
        for i in range(each):
            published.logger.info("thread %d record %d", n, i)

    workers = [threading.Thread(target=log_from_thread, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    received = {published.recv()[1] for _ in range(threads * each)}
    expected = {f"thread {n} record {i}\n".encode() for n in range(threads) for i in range(each)}
    assert received == expected
    assert published.nothing_left()

"""`python -m zmq.log`, run as a real subprocess subscribed to a real publisher."""

from __future__ import annotations

import contextlib
import logging
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import zmq
from zmq.log.handlers import PUBHandler

if TYPE_CHECKING:
    from conftest import LogCommand

pytestmark = pytest.mark.timeout(60)

Start = Callable[..., "LogCommand"]
XPub = tuple[zmq.Socket[Any], str]


def _wait_for_subscriptions(xpub: zmq.Socket[Any], *topics: str) -> None:
    """Return once the command's subscriptions reached the publisher."""
    expected = {b"\x01" + topic.encode() for topic in topics}
    received = {xpub.recv() for _ in expected}
    assert received == expected


@pytest.fixture
def app_log(xpub: XPub, logger: logging.Logger) -> logging.Logger:
    """``logger``, publishing on the ``xpub`` socket with root topic ``app``."""
    logger.addHandler(PUBHandler(xpub[0], root_topic="app"))
    return logger


def test_help_documents_every_option() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "zmq.log", "--help"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    for option in [
        "usage: python -m zmq.log",
        "ENDPOINT",
        "--topic",
        "--bind",
        "--level",
        "--timestamp",
        "--dateformat",
        "--separator",
        "--align",
        "--color",
        "--no-color",
        "Ctrl-C",
    ]:
        assert option in done.stdout


def test_without_endpoint_prints_usage(log_command: Start) -> None:
    status, stderr = log_command().finish()
    assert status == 2
    assert "usage: python -m zmq.log" in stderr
    assert "ENDPOINT" in stderr


def test_prints_records_and_stops_cleanly_on_ctrl_c(
    log_command: Start, xpub: XPub, app_log: logging.Logger
) -> None:
    command = log_command(xpub[1])
    _wait_for_subscriptions(xpub[0], "")
    app_log.info("started")
    app_log.warning("disk::almost full: %d%%", 93)
    app_log.error("\u00e9chec \u2603")
    assert command.read_line() == "app.INFO | started"
    assert re.fullmatch(
        r"app\.WARNING\.disk \| WARNING test_log_cli\.py:\d+ - almost full: 93%",
        command.read_line(),
    )
    assert command.read_line().endswith("- \u00e9chec \u2603 - None")
    assert command.interrupt() == (0, "")


def test_ctrl_c_while_waiting_for_records(log_command: Start, xpub: XPub) -> None:
    command = log_command(xpub[1])
    _wait_for_subscriptions(xpub[0], "")
    assert command.interrupt() == (0, "")


def test_topics_choose_what_is_received(
    log_command: Start, xpub: XPub, app_log: logging.Logger
) -> None:
    command = log_command(xpub[1], "--topic", "app.ERROR", "-t", "app.CRITICAL")
    _wait_for_subscriptions(xpub[0], "app.ERROR", "app.CRITICAL")
    app_log.info("left out")
    app_log.error("kept")
    app_log.warning("left out")
    app_log.critical("last")
    lines = command.read_lines_until("last")
    assert len(lines) == 2
    assert lines[0].startswith("app.ERROR | ")
    assert lines[1].startswith("app.CRITICAL | ")


def test_level_leaves_out_lower_levels(
    log_command: Start, xpub: XPub, app_log: logging.Logger
) -> None:
    command = log_command(xpub[1], "--level", "warning")
    _wait_for_subscriptions(xpub[0], "")
    app_log.debug("left out")
    app_log.info("left out")
    app_log.warning("kept")
    app_log.info("left out")
    app_log.critical("last")
    lines = command.read_lines_until("last")
    assert [line.split(" | ")[0] for line in lines] == ["app.WARNING", "app.CRITICAL"]


def test_level_as_a_number(log_command: Start, xpub: XPub, app_log: logging.Logger) -> None:
    command = log_command(xpub[1], "-l", "40")
    _wait_for_subscriptions(xpub[0], "")
    app_log.warning("left out")
    app_log.error("last")
    assert [line.split(" | ")[0] for line in command.read_lines_until("last")] == ["app.ERROR"]


def test_timestamp_separator_and_align(
    log_command: Start, xpub: XPub, app_log: logging.Logger
) -> None:
    command = log_command(
        xpub[1], "--timestamp", "--dateformat", "%Y/%m", "--separator", " ~ ", "--align"
    )
    _wait_for_subscriptions(xpub[0], "")
    app_log.info("long::first")
    app_log.info("second")
    year_month = r"\d{4}/\d{2}"
    assert re.fullmatch(rf"{year_month} app\.INFO\.long ~ first", command.read_line())
    assert re.fullmatch(rf"{year_month} app\.INFO      ~ second", command.read_line())


def test_color_on_request_and_not_by_default_in_a_pipe(
    log_command: Start, xpub: XPub, app_log: logging.Logger
) -> None:
    xpub[0].xpub_verbose = True  # report the second, identical subscription too
    colored = log_command(xpub[1], "--color")
    plain = log_command(xpub[1])
    assert [xpub[0].recv(), xpub[0].recv()] == [b"\x01", b"\x01"]
    app_log.error("e")
    assert colored.read_line().startswith("\x1b[31mapp.ERROR | ")
    assert plain.read_line().startswith("app.ERROR | ")


def test_bind_lets_publishers_connect(
    log_command: Start, context: zmq.Context[Any], logger: logging.Logger, tmp_path: Path
) -> None:
    address = f"ipc://{tmp_path}/log"
    command = log_command("--bind", address)
    pub: zmq.Socket[Any] = context.socket(zmq.XPUB)
    pub.rcvtimeo = 10_000
    pub.connect(address)  # connecting retries until the command has bound
    _wait_for_subscriptions(pub, "")
    logger.addHandler(PUBHandler(pub))
    logger.info("to a bound subscriber")
    assert command.read_line() == "INFO | to a bound subscriber"
    assert command.interrupt() == (0, "")


def test_frames_from_other_publishers_do_not_stop_it(log_command: Start, xpub: XPub) -> None:
    command = log_command(xpub[1])
    _wait_for_subscriptions(xpub[0], "")
    xpub[0].send(b"one frame")
    xpub[0].send_multipart([b"bad\xff", b"\xfe"])
    xpub[0].send_multipart([b"INFO", b"fine\n"])
    assert command.read_lines_until("fine") == [
        "one frame | ",
        "bad\ufffd | \ufffd",
        "INFO | fine",
    ]
    assert command.interrupt() == (0, "")


def test_a_closed_output_pipe_ends_it_quietly(
    log_command: Start, xpub: XPub, app_log: logging.Logger
) -> None:
    command = log_command(xpub[1])
    _wait_for_subscriptions(xpub[0], "")
    assert command.process.stdout is not None
    command.process.stdout.close()  # as `python -m zmq.log ... | head -1` does
    deadline = time.monotonic() + 10
    while command.process.poll() is None:
        assert time.monotonic() < deadline, "the command kept running"
        app_log.info("into a closed pipe")
        with contextlib.suppress(subprocess.TimeoutExpired):
            command.process.wait(timeout=0.05)
    assert command.finish() == (0, "")


def test_an_address_it_cannot_connect_to(log_command: Start) -> None:
    status, stderr = log_command("not-an-address").finish()
    assert status == 2
    assert "error: cannot connect to 'not-an-address': Invalid argument" in stderr
    assert "Traceback" not in stderr


def test_an_address_it_cannot_bind(log_command: Start, xpub: XPub) -> None:
    status, stderr = log_command("--bind", xpub[1]).finish()
    assert status == 2
    assert f"error: cannot bind to '{xpub[1]}': Address already in use" in stderr


def test_an_unknown_level(log_command: Start) -> None:
    status, stderr = log_command("tcp://127.0.0.1:5555", "--level", "LOUD").finish()
    assert status == 2
    assert "unknown level 'LOUD'; use DEBUG, INFO, WARNING, ERROR, CRITICAL or a number" in stderr


def test_a_topic_in_bytes_the_locale_cannot_decode(log_command: Start, xpub: XPub) -> None:
    # on POSIX, such an argument reaches Python with a surrogate for the byte
    log_command(xpub[1], "--topic", "app.\udcff")
    assert xpub[0].recv() == b"\x01app.\xff"  # subscribed to the very bytes given

"""The ``python -m zmq.log`` command: subscribe to log records and print them."""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import zmq
from zmq.log.display import RecordDisplay

__all__ = ["build_parser", "main"]

_DESCRIPTION = """\
Subscribe to the log records that zmq.log.handlers.PUBHandler publishes and
print one line per record: TOPIC | MESSAGE. Topics read
[root_topic.]LEVELNAME[.subtopic], e.g. myprogram.WARNING.disk.
Stop with Ctrl-C."""

_EPILOG = """\
examples:
  python -m zmq.log tcp://127.0.0.1:5558
  python -m zmq.log tcp://127.0.0.1:5558 --topic myprogram.ERROR --topic myprogram.CRITICAL
  python -m zmq.log tcp://127.0.0.1:5558 --level WARNING --timestamp --align
  python -m zmq.log --bind tcp://127.0.0.1:5558   # for PUB sockets that connect"""


def _level(text: str) -> int:
    if text.lstrip("-").isdigit():
        return int(text)
    level = logging.getLevelName(text.upper())
    if isinstance(level, int):
        return level
    raise argparse.ArgumentTypeError(
        f"unknown level {text!r}; use DEBUG, INFO, WARNING, ERROR, CRITICAL or a number"
    )


def _argument_bytes(text: str) -> bytes:
    # the bytes given on the command line, even those the locale cannot decode
    return os.fsencode(text)


def _date_format(text: str) -> str:
    try:
        datetime.now().strftime(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"invalid date format {text!r}: {error}") from None
    return text


def build_parser() -> argparse.ArgumentParser:
    """Make the parser of the command's arguments.

    Returns
    -------
    argparse.ArgumentParser
    """
    parser = argparse.ArgumentParser(
        prog="python -m zmq.log",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "endpoint",
        type=_argument_bytes,
        metavar="ENDPOINT",
        help="the publisher's address to connect to (with --bind: the address to bind)",
    )
    parser.add_argument(
        "-t",
        "--topic",
        action="append",
        type=_argument_bytes,
        metavar="TOPIC",
        help="receive only records whose topic starts with TOPIC; repeat for several "
        "(default: every record)",
    )
    parser.add_argument(
        "--bind",
        action="store_true",
        help="bind ENDPOINT and let publishers connect, instead of connecting to one",
    )
    parser.add_argument(
        "-l",
        "--level",
        type=_level,
        metavar="LEVEL",
        help="print only records at LEVEL or above (a name such as WARNING, or a number); "
        "records whose topic names no known level are always printed",
    )
    parser.add_argument(
        "--timestamp", action="store_true", help="start each line with the time of receipt"
    )
    parser.add_argument(
        "--dateformat",
        type=_date_format,
        default="%Y-%m-%d %H:%M:%S",
        metavar="FORMAT",
        help="strftime format of --timestamp (default: %(default)s)",
    )
    parser.add_argument(
        "--separator",
        default=" | ",
        metavar="TEXT",
        help="what goes between topic and message (default: '%(default)s')",
    )
    parser.add_argument(
        "--align",
        action="store_true",
        help="pad topics to the longest seen so far, so that messages line up",
    )
    parser.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        help="color lines by level (default: when printing to a terminal and NO_COLOR is unset)",
    )
    return parser


def _wants_color(choice: bool | None) -> bool:
    if choice is not None:
        return choice
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _print_records(sub: zmq.Socket[Any], display: RecordDisplay) -> None:
    while True:
        line = display.line(sub.recv_multipart())
        if line is not None:
            print(line, flush=True)


def _stop_writing_to_closed_pipe() -> None:
    # the reader went away (`... | head`); without this, Python reports the
    # broken pipe again when it flushes stdout at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status: 0 after Ctrl-C or when the reader of stdout goes away.
        Bad arguments, including an endpoint that cannot be used, exit with
        status 2 and a message.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    display = RecordDisplay(
        separator=args.separator,
        timestamp_format=args.dateformat if args.timestamp else None,
        align=args.align,
        color=_wants_color(args.color),
        min_level=args.level,
    )
    if isinstance(sys.stdout, io.TextIOWrapper):
        # a message in a script the terminal cannot show must not stop the command
        sys.stdout.reconfigure(errors="backslashreplace")
    ctx: zmq.Context[Any] = zmq.Context()
    sub = ctx.socket(zmq.SUB)
    try:
        for topic in args.topic or [b""]:
            sub.subscribe(topic)
        action = "bind" if args.bind else "connect"
        try:
            getattr(sub, action)(args.endpoint)
        except zmq.ZMQError as error:
            endpoint = os.fsdecode(args.endpoint)
            parser.error(f"cannot {action} to {endpoint!r}: {error.strerror}")
        _print_records(sub, display)
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:
        _stop_writing_to_closed_pipe()
    finally:
        sub.close(linger=0)
        ctx.term()
    return 0

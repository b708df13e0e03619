"""zmq.utils.win32.allow_interrupt.

Installing the console control handler can only be tested on Windows; on
other systems these tests check what must hold there: the module imports, and
allow_interrupt is a working context manager that changes nothing.
"""

from __future__ import annotations

import _thread
import signal
import sys

import pytest

from zmq.utils import win32
from zmq.utils.win32 import allow_interrupt

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the no-op of other systems")


def test_default_action_interrupts_the_main_thread() -> None:
    assert allow_interrupt().action is _thread.interrupt_main
    assert allow_interrupt(None).action is _thread.interrupt_main


def test_given_action_is_kept() -> None:
    def action() -> None:
        pass

    assert allow_interrupt(action).action is action


def test_handler_runs_the_action_on_ctrl_c_only() -> None:
    calls: list[str] = []

    def action() -> None:
        calls.append("called")

    # returning 0 lets Python's own handler raise KeyboardInterrupt afterwards
    assert win32._on_console_event(action, win32.CTRL_C_EVENT) == 0
    assert calls == ["called"]
    for other_event in (1, 2, 5, 6):  # break, close, logoff, shutdown
        assert win32._on_console_event(action, other_event) == 0
    assert calls == ["called"]


@posix_only
def test_context_is_a_no_op() -> None:
    calls: list[str] = []
    handler = signal.getsignal(signal.SIGINT)
    with allow_interrupt(lambda: calls.append("called")) as value:
        assert value is None
        assert signal.getsignal(signal.SIGINT) is handler
    assert calls == []
    assert signal.getsignal(signal.SIGINT) is handler


@posix_only
def test_exceptions_propagate() -> None:
    with pytest.raises(KeyError), allow_interrupt():
        raise KeyError("not swallowed")


@posix_only
def test_reusable_and_nestable() -> None:
    context = allow_interrupt()
    with context, context, allow_interrupt():
        pass
    with context:
        pass


@pytest.mark.skipif(sys.platform != "win32", reason="installs a Windows console handler")
def test_install_and_remove_console_handler() -> None:
    context = allow_interrupt(lambda: None)
    with context:
        assert len(context._handlers) == 1
        with context:
            assert len(context._handlers) == 2
        assert len(context._handlers) == 1
    assert context._handlers == []

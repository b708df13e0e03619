"""Ctrl-C for programs blocked in zmq calls on Windows."""

from __future__ import annotations

import _thread
import functools
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

__all__ = ["allow_interrupt"]

#: the console control event of Ctrl-C (wincon.h)
CTRL_C_EVENT = 0


class allow_interrupt:
    """allow_interrupt(action=None)

    Let Ctrl-C reach a program blocked in a zmq call, on Windows.

    Windows delivers Ctrl-C to a console control handler, and Python only
    turns it into :exc:`KeyboardInterrupt` once the blocked call returns: a
    poll with no timeout may never do so. Inside this context, a console
    control handler of ours calls ``action`` on Ctrl-C (from the console's
    own thread) to wake the blocked call; Python's handler still runs after
    it. On other systems the context does nothing, so that the same code runs
    everywhere.

    Parameters
    ----------
    action : callable, optional
        Called with no arguments on Ctrl-C. The default interrupts the main
        thread (:func:`_thread.interrupt_main`). Waking a poll can be done by
        sending to a socket it watches; an event loop can be stopped.

    Examples
    --------
    Wake a poll that also watches the PAIR socket ``waker`` is connected to::

        with allow_interrupt(lambda: waker.send(b"")):
            poller.poll()
    """

    def __init__(self, action: Callable[[], Any] | None = None) -> None:
        self.action: Callable[[], Any] = _thread.interrupt_main if action is None else action
        # the handlers this context installed, innermost last: ctypes callbacks
        # must stay alive as long as Windows may call them
        self._handlers: list[Any] = []

    def __enter__(self) -> None:
        if sys.platform == "win32":
            handler = _HandlerRoutine(functools.partial(_on_console_event, self.action))
            _set_console_ctrl_handler(handler, add=True)
            self._handlers.append(handler)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if sys.platform == "win32":
            _set_console_ctrl_handler(self._handlers.pop(), add=False)


def _on_console_event(action: Callable[[], Any], event: int) -> int:
    """The console control handler: run ``action`` on Ctrl-C.

    Returns 0 (not handled) for every event, so that the next handler,
    Python's own, still turns Ctrl-C into KeyboardInterrupt.
    """
    if event == CTRL_C_EVENT:
        action()
    return 0


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    _HandlerRoutine = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _kernel32.SetConsoleCtrlHandler.argtypes = (_HandlerRoutine, wintypes.BOOL)
    _kernel32.SetConsoleCtrlHandler.restype = wintypes.BOOL

    def _set_console_ctrl_handler(handler: Any, add: bool) -> None:
        if not _kernel32.SetConsoleCtrlHandler(handler, add):
            raise ctypes.WinError(ctypes.get_last_error())
